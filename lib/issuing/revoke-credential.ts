import { recordAudit } from "@/lib/audit/record";
import { revalidatePublicPages } from "@/lib/public/cache";
import { queueCardRenders } from "@/lib/cards/prerender";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { recordCredentialEvent } from "./events";
import { setStatusBitInDatabase } from "./status-lists";

/**
 * Revokes a credential: its status-list bit flips in the same transaction, so every verifier
 * sees it on the next fetch. The reason stays with the issuer; it is never published.
 *
 * The revocation is one conditional update (only while `revokedAt` is null): of parallel
 * revokes of one credential exactly one wins and writes the event; the others are told it is
 * already revoked (409).
 */
export async function revokeCredential(
  organizationId: string,
  credentialId: string,
  reason: string,
  actor?: { userId?: string; ip?: string },
): Promise<{ id: string; revokedAt: Date }> {
  const revoked = await db.$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.credential.updateMany({
      where: { id: credentialId, organizationId, revokedAt: null },
      data: { revokedAt, revocationReason: reason },
    });
    if (count === 0) {
      const exists = await tx.credential.findFirst({ where: { id: credentialId, organizationId }, select: { id: true } });
      if (!exists) throw new AppError("not_found", "Credential not found");
      throw new AppError("conflict", "This credential is already revoked", { id: { code: "already_revoked" } });
    }
    const credential = await tx.credential.findUniqueOrThrow({ where: { id: credentialId }, select: { id: true, statusListId: true, statusIndex: true } });
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
  // The revoked card, ready before anyone opens the shared link again.
  await queueCardRenders([{ kind: "credential", id: credentialId }]);
  // The learner hears it from the issuer, not from a failed verification.
  await enqueue("credential.revoked-email", { credentialId: credentialId }).catch((error: unknown) =>
    log.error({ err: error, credentialId }, "could not queue the revocation email"),
  );
  return revoked;
}
