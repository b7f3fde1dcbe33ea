import { isoOrNull } from "@/lib/dates";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { credentialStatus } from "@/lib/issuing/list-credentials";
import { publicUrls } from "@/lib/issuing/urls";
import type { CredentialResponse } from "./schemas";

// A credential in the REST API's shape. Free of "server-only": the job worker (webhook events)
// presents credentials too.

export const credentialFields = {
  id: true, achievementId: true, recipientEmail: true, recipientName: true, issuedAt: true, validFrom: true, validUntil: true,
  claimedAt: true, revokedAt: true,
} as const satisfies Prisma.CredentialSelect;
type CredentialRow = Prisma.CredentialGetPayload<{ select: typeof credentialFields }>;

export function presentCredential(row: CredentialRow, now = new Date()): CredentialResponse {
  return {
    id: row.id,
    url: publicUrls.credential(row.id),
    status: credentialStatus(row, now),
    achievementId: row.achievementId,
    recipient: { email: row.recipientEmail, name: row.recipientName ?? undefined },
    issuedAt: row.issuedAt.toISOString(),
    // A row stored before dates were bounded (year 20260) reads as an invalid Date: answered as
    // null (or left out) rather than failing the whole page.
    validFrom: isoOrNull(row.validFrom),
    validUntil: isoOrNull(row.validUntil) ?? undefined,
    claimedAt: isoOrNull(row.claimedAt) ?? undefined,
    revokedAt: isoOrNull(row.revokedAt) ?? undefined,
  };
}

