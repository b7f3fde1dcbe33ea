import { z } from "zod";
import { safeText } from "@/lib/text";
import { isDateInRange, isoOrNull } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/ids";

/**
 * Cursor pagination for list endpoints: newest first by (time, id), so a page never repeats or
 * skips a row even while new rows arrive. The cursor is opaque to clients.
 */
export const paginationSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: safeText().min(1).max(200).optional(),
});
export type Pagination = z.infer<typeof paginationSchema>;

export type Page<T> = { data: T[]; nextCursor: string | null };
export type Position = { at: Date; id: string };

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([isoOrNull(position.at), position.id])).toString("base64url");
}

export function decodeCursor(cursor: string): Position {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    const at = new Date(iso);
    if (typeof iso === "string" && typeof id === "string" && isId(id) && isDateInRange(at)) return { at, id };
  } catch {
    // fall through: any undecodable cursor gets the same answer
  }
  throw new AppError("validation_failed", "The cursor is not one this API returned", { cursor: { code: "invalid_format" } });
}

/** The Prisma `where` fragment selecting rows after the cursor, for ordering by [field desc, id desc]. */
export function afterCursor<F extends string>(field: F, cursor: string | undefined) {
  if (!cursor) return {};
  const { at, id } = decodeCursor(cursor);
  return { OR: [{ [field]: { lt: at } }, { [field]: at, id: { lt: id } }] } as { OR: Record<string, unknown>[] };
}

/** Turns `limit + 1` fetched rows into a page: the extra row only says there is a next page. */
export function toPage<R, T>(rows: R[], limit: number, positionOf: (row: R) => Position, present: (row: R) => T): Page<T> {
  const page = rows.slice(0, limit);
  return {
    data: page.map(present),
    nextCursor: rows.length > limit && page.length > 0 ? encodeCursor(positionOf(page[page.length - 1])) : null,
  };
}
