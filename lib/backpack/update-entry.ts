import "server-only";
import { db } from "@/lib/db";
import { revalidatePublicPages } from "@/lib/public/cache";
import { userHandle } from "./claim-credential";
import { ownEntry } from "./own-entry";

export type Visibility = "public" | "private";

/**
 * Public: anyone with the link sees the credential, and the profile lists it once accepted.
 * Private: its page, card and downloads answer 404 to everyone but the learner and the issuer.
 */
export async function setEntryVisibility(userId: string, entryId: string, visibility: Visibility): Promise<void> {
  const entry = await ownEntry(userId, entryId);
  if (entry.visibility === visibility) return;
  await db.backpackEntry.update({ where: { id: entry.id }, data: { visibility } });
  if (entry.credentialId) revalidatePublicPages.credential(entry.credentialId);
  revalidatePublicPages.profile(await userHandle(userId));
}
