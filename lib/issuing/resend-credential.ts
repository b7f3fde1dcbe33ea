import { randomBytes } from "node:crypto";
import { revalidatePublicPages } from "@/lib/public/cache";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { hashIdentity } from "@/lib/ob/build";
import { signCredential } from "@/lib/ob/sign";
import { getActiveSigningKey } from "./signing-keys";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { recordCredentialEvent } from "./events";

async function unclaimedCredential(organizationId: string, credentialId: string) {
  const credential = await db.credential.findFirst({
    where: { id: credentialId, organizationId },
    select: { id: true, revokedAt: true, claimedAt: true, recipientEmail: true },
  });
  if (!credential) throw new AppError("not_found", "Credential not found");
  if (credential.revokedAt) throw new AppError("conflict", "This credential is revoked", { id: { code: "credential_revoked" } });
  return credential;
}

/** Sends the claim email again. */
export async function resendClaimEmail(organizationId: string, credentialId: string): Promise<void> {
  await unclaimedCredential(organizationId, credentialId);
  await enqueue("credential.claim-email", { credentialId });
}

/**
 * Corrects the address of a credential nobody has claimed yet, then emails the new address.
 * The credential names its recipient by a salted hash of the address, so it is re-signed (same
 * id, same status entry) with the new address's hash.
 */
export async function changeRecipientEmail(
  organizationId: string,
  credentialId: string,
  email: string,
  actor?: { userId?: string; ip?: string },
): Promise<void> {
  const credential = await unclaimedCredential(organizationId, credentialId);
  if (credential.claimedAt) throw new AppError("conflict", "A claimed credential keeps its address", { email: { code: "already_claimed" } });
  const stored = await db.credential.findUniqueOrThrow({ where: { id: credential.id }, select: { document: true } });
  const salt = randomBytes(16).toString("hex");
  const { proof: _oldProof, ...unsigned } = stored.document as Record<string, unknown> & { credentialSubject: Record<string, unknown> };
  const subject = unsigned.credentialSubject as Record<string, unknown>;
  subject.identifier = [{ type: "IdentityObject", identityHash: hashIdentity(email, salt), identityType: "emailAddress", hashed: true, salt }];
  const signed = await signCredential(unsigned, await getActiveSigningKey(organizationId));
  await db.$transaction(async (tx) => {
    await tx.credential.update({
      where: { id: credential.id },
      data: { recipientEmail: email, recipientSalt: salt, emailedAt: null, document: signed.credential as Prisma.InputJsonValue, jwt: signed.jwt },
    });
    await recordCredentialEvent(tx, { organizationId, credentialId: credential.id, type: "address_changed", actorId: actor?.userId });
    // It now belongs to whoever holds the new address: drop it from the old holder's backpack.
    await tx.backpackEntry.deleteMany({ where: { credentialId: credential.id } });
    await recordAudit(tx, {
      organizationId,
      actorId: actor?.userId,
      action: "credential.address_changed",
      targetType: "credential",
      targetId: credential.id,
      ip: actor?.ip,
    });
  });
  revalidatePublicPages.credential(credential.id);
  await enqueue("credential.claim-email", { credentialId: credential.id });
}
