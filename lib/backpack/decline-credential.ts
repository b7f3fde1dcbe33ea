import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordCredentialEvent } from "@/lib/issuing/events";
import { revalidatePublicPages } from "@/lib/public/cache";
import { ownCredential, userHandle } from "./claim-credential";
import { compactPins } from "./pins";

/**
 * Declines a credential: it stays verifiable at its URL (the issuer issued it) but leaves the
 * backpack's main view, the profile, the pins and the collections. "Restore" accepts it again.
 */
export async function declineCredential(userId: string, credentialId: string): Promise<{ entryId: string }> {
  const credential = await ownCredential(userId, credentialId);
  const entry = await db.$transaction(async (tx) => {
    const saved = await tx.backpackEntry.upsert({
      where: { credentialId: credential.id },
      create: { userId, credentialId: credential.id, state: "declined" },
      update: { state: "declined", acceptedAt: null, pinPosition: null },
      select: { id: true, userId: true },
    });
    if (saved.userId !== userId) throw new AppError("not_found", "Credential not found");
    await tx.collectionItem.deleteMany({ where: { entryId: saved.id } });
    await recordCredentialEvent(tx, { organizationId: credential.organizationId, credentialId: credential.id, type: "declined", actorId: userId });
    return saved;
  });
  await compactPins(userId);
  revalidatePublicPages.credential(credential.id);
  revalidatePublicPages.profile(await userHandle(userId));
  return { entryId: entry.id };
}
