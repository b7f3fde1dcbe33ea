import { db } from "@/lib/db";
import { revalidatePublicPages } from "@/lib/public/cache";
import { AppError } from "@/lib/errors";
import { recordCredentialEvent } from "./events";
import { issueCredential, type IssuedCredential } from "./issue-credential";

/**
 * Renews a credential: issues a new one to the same person for the same achievement (valid from
 * now, expiring per policy or `validUntil`), and marks the old one as replaced by it.
 */
export async function renewCredential(
  organizationId: string,
  credentialId: string,
  options: { validUntil?: Date; actor?: { userId?: string; ip?: string } } = {},
): Promise<IssuedCredential> {
  const old = await db.credential.findFirst({
    where: { id: credentialId, organizationId },
    select: { id: true, achievementId: true, recipientEmail: true, recipientName: true, revokedAt: true, replacedById: true, message: true },
  });
  if (!old) throw new AppError("not_found", "Credential not found");
  if (old.revokedAt) throw new AppError("conflict", "A revoked credential cannot be renewed", { id: { code: "credential_revoked" } });
  if (old.replacedById) throw new AppError("conflict", "This credential was already renewed", { id: { code: "already_renewed" } });
  const renewed = await issueCredential(
    organizationId,
    {
      achievementId: old.achievementId,
      recipient: { email: old.recipientEmail, name: old.recipientName ?? undefined },
      validUntil: options.validUntil,
      evidence: [],
    },
    // Renewing twice at once issues one replacement.
    { idempotencyKey: `renew:${old.id}`, actor: options.actor, message: old.message ?? undefined },
  );
  await db.$transaction(async (tx) => {
    await tx.credential.update({ where: { id: old.id }, data: { replacedById: renewed.id } });
    await recordCredentialEvent(tx, { organizationId, credentialId: old.id, type: "renewed", actorId: options.actor?.userId, data: { replacedBy: renewed.id } });
  });
  revalidatePublicPages.credential(old.id);
  return renewed;
}
