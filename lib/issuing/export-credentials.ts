import { db } from "@/lib/db";
import { writeCsv } from "@/lib/csv/write";
import { credentialStatus, credentialWhere, type CredentialFilters } from "./list-credentials";
import { publicUrls } from "./urls";

const EXPORT_LIMIT = 100_000;

/** The filtered credentials as CSV (cells neutralised against formula injection). */
export async function exportCredentialsCsv(organizationId: string, filters: Omit<CredentialFilters, "cursor" | "limit">): Promise<string> {
  const now = new Date();
  const rows = await db.credential.findMany({
    where: credentialWhere(organizationId, filters, now),
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take: EXPORT_LIMIT,
    select: {
      id: true,
      recipientEmail: true,
      recipientName: true,
      issuedAt: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      claimedAt: true,
      achievement: { select: { name: true } },
    },
  });
  return writeCsv(
    ["id", "url", "recipient_email", "recipient_name", "achievement", "status", "issued_at", "valid_from", "valid_until", "claimed_at", "revoked_at"],
    rows.map((row) => [
      row.id,
      publicUrls.credential(row.id),
      row.recipientEmail,
      row.recipientName,
      row.achievement.name,
      credentialStatus(row, now),
      row.issuedAt,
      row.validFrom,
      row.validUntil,
      row.claimedAt,
      row.revokedAt,
    ]),
  );
}
