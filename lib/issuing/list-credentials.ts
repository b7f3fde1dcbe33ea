import { likeLiteral } from "@/lib/db/like";
import { z } from "zod";
import { dateSchema, isDateInRange } from "@/lib/dates";
import { isId } from "@/lib/ids";
import { safeText } from "@/lib/text";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { credentialEngagementCounts } from "@/lib/analytics/timeline";
import { db } from "@/lib/db";

export const CREDENTIAL_STATUSES = ["issued", "claimed", "expired", "revoked"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), dateSchema.optional());

export const credentialFiltersSchema = z.object({
  q: safeText().trim().max(200).optional(),
  achievementId: safeText().trim().max(100).optional(),
  /** The credentials one spreadsheet upload issued (its bulk job's id). */
  job: safeText().trim().max(100).optional(),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CREDENTIAL_STATUSES).optional()),
  from: optionalDate,
  to: optionalDate,
  cursor: safeText().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});
export type CredentialFilters = z.infer<typeof credentialFiltersSchema>;

/** Which of the four states a credential is in (revoked wins, then expired, then claimed). */
export function credentialStatus(row: { revokedAt: Date | null; validUntil: Date | null; claimedAt: Date | null }, now = new Date()): CredentialStatus {
  if (row.revokedAt) return "revoked";
  if (row.validUntil && row.validUntil < now) return "expired";
  if (row.claimedAt) return "claimed";
  return "issued";
}

function statusWhere(status: CredentialStatus | undefined, now: Date): Prisma.CredentialWhereInput {
  const notExpired = { OR: [{ validUntil: null }, { validUntil: { gte: now } }] };
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, validUntil: { lt: now } };
    case "claimed":
      return { revokedAt: null, claimedAt: { not: null }, ...notExpired };
    case "issued":
      return { revokedAt: null, claimedAt: null, ...notExpired };
    default:
      return {};
  }
}

export function credentialWhere(organizationId: string, filters: Omit<CredentialFilters, "cursor" | "limit">, now = new Date()): Prisma.CredentialWhereInput {
  const q = filters.q ? likeLiteral(filters.q.toLowerCase()) : undefined;
  return {
    organizationId,
    ...(filters.achievementId ? { achievementId: filters.achievementId } : {}),
    ...(filters.job ? { bulkJobId: filters.job } : {}),
    ...(filters.from || filters.to ? { issuedAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } } : {}),
    ...(q ? { OR: [{ recipientEmail: { startsWith: q } }, { recipientName: { contains: q, mode: "insensitive" } }] } : {}),
    AND: [statusWhere(filters.status, now)],
  };
}

// The cursor is the last row's (issuedAt, id): keyset pagination stays fast on deep pages.
const encodeCursor = (row: { issuedAt: Date; id: string }) => Buffer.from(`${row.issuedAt.toISOString()}|${row.id}`).toString("base64url");
function decodeCursor(cursor: string | undefined): { issuedAt: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const issuedAt = new Date(iso);
  // A cursor edited by hand (a date past year 9999, NUL in the id) starts from the first page.
  return id && isId(id) && isDateInRange(issuedAt) ? { issuedAt, id } : null;
}

/**
 * One page of an organization's credentials, newest first, filtered, each with its engagement
 * (visitors, shares, share-link clicks; one grouped query for the page); `nextCursor` for the next.
 */
export async function listCredentials(organizationId: string, filters: CredentialFilters) {
  const now = new Date();
  const after = decodeCursor(filters.cursor);
  const base = credentialWhere(organizationId, filters, now);
  const where: Prisma.CredentialWhereInput = after
    ? { AND: [base, { OR: [{ issuedAt: { lt: after.issuedAt } }, { issuedAt: after.issuedAt, id: { lt: after.id } }] }] }
    : base;
  const rows = await db.credential.findMany({
    where,
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take: filters.limit + 1,
    select: {
      id: true,
      recipientEmail: true,
      recipientName: true,
      issuedAt: true,
      validUntil: true,
      revokedAt: true,
      claimedAt: true,
      replacedById: true,
      achievement: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, filters.limit);
  const engagement = await credentialEngagementCounts(organizationId, page.map((row) => row.id));
  return {
    items: page.map((row) => ({
      ...row,
      status: credentialStatus(row, now),
      engagement: engagement.get(row.id) ?? { visitors: 0, shares: 0, shareClicks: 0 },
    })),
    nextCursor: rows.length > filters.limit ? encodeCursor(page[page.length - 1]) : null,
  };
}
