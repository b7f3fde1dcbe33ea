import { z } from "zod";

/**
 * The shape of Laurel's record ids: Prisma's cuid() (`c` and lowercase letters and digits) and
 * the UUIDs credentials get. An id from a URL or a form is checked against it before any query,
 * so `%00`, a stray `%` or a 10,000-character segment answers "not found" without reaching the
 * database.
 */
const CUID = /^c[a-z0-9]{20,32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: unknown): value is string {
  return typeof value === "string" && (CUID.test(value) || UUID.test(value));
}

/** A record id field (a form's hidden input, a query parameter): refused as `invalid_format` otherwise. */
export const idSchema = z.string().trim().refine(isId, { message: "invalid_format" });
