import { recordAudit } from "@/lib/audit/record";
import { revalidatePublicPages } from "@/lib/public/cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { recordCredentialEvent } from "./events";
import { setStatusBitInDatabase } from "./status-lists";

/**
 * Revokes a credential: its status-list bit flips in the same transaction, so every verifier
 * sees it on the next fetch. The reason stays with the issuer; it is never published.
 */
export async function revokeCredential(
  organizationId: string,
  credentialId: string,
  reason: string,
  actor?: { userId?: string; ip?: string },
): Promise<{ id: string; revokedAt: Date }> {
  const revoked = await db.$transaction(async (tx) => {
    const credential = await tx.credential.findFirst({
      where: { id: credentialId, organizationId },
      select: { id: true, revokedAt: true, statusListId: true, statusIndex: true },
    });
    if (!credential) throw new AppError("not_found", "Credential not found");
    if (credential.revokedAt) throw new AppError("conflict", "This credential is already revoked", { id: { code: "already_revoked" } });
    const revokedAt = new Date();
    await tx.credential.update({ where: { id: credential.id }, data: { revokedAt, revocationReason: reason } });
    await setStatusBitInDatabase(tx, credential.statusListId, credential.statusIndex, true);
    await recordCredentialEvent(tx, { organizationId, credentialId: credential.id, type: "revoked", actorId: actor?.userId });
    await recordAudit(tx, {
      organizationId,
      actorId: actor?.userId,
      action: "credential.revoked",
      targetType: "credential",
      targetId: credential.id,
      ip: actor?.ip,
    });
    return { id: credential.id, revokedAt };
  });
  revalidatePublicPages.credential(credentialId);
  // The learner hears it from the issuer, not from a failed verification.
  await enqueue("credential.revoked-email", { credentialId: credentialId }).catch((error: unknown) =>
    log.error({ err: error, credentialId }, "could not queue the revocation email"),
  );
  return revoked;
}
