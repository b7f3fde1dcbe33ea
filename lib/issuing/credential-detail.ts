import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { credentialStatus } from "./list-credentials";

/** A credential as its issuer sees it: recipient and state (the timeline: lib/analytics/timeline.ts). */
export async function credentialDetail(organizationId: string, credentialId: string) {
  const credential = await db.credential.findFirst({
    where: { id: credentialId, organizationId },
    select: {
      id: true,
      recipientEmail: true,
      recipientName: true,
      issuedAt: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      revocationReason: true,
      claimedAt: true,
      emailedAt: true,
      replacedById: true,
      achievementVersion: true,
      message: true,
      achievement: { select: { id: true, name: true } },
    },
  });
  if (!credential) throw new AppError("not_found", "Credential not found");
  const replaces = await db.credential.findFirst({ where: { organizationId, replacedById: credential.id }, select: { id: true } });
  return { ...credential, status: credentialStatus(credential), replacesId: replaces?.id ?? null };
}
