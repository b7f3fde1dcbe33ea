import { db } from "@/lib/db";

/**
 * Who may see a credential (its page, card, JSON-LD, JWT, images, certificate), as
 * ARCHITECTURE.md states it: anyone with the link, until its learner makes it private; then
 * only the learner and the members of the issuing organization. Anyone else gets a 404, as if
 * it did not exist.
 */
export async function credentialVisibility(credentialId: string): Promise<"public" | "private" | null> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: { backpackEntry: { select: { visibility: true } } },
  });
  if (!credential) return null;
  return credential.backpackEntry?.visibility === "private" ? "private" : "public";
}

/** Whether this viewer may see a credential; `viewerId` is the signed-in user, if any. */
export async function canViewCredential(credentialId: string, viewerId: string | null | undefined): Promise<boolean> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: { organizationId: true, backpackEntry: { select: { visibility: true, userId: true } } },
  });
  if (!credential) return false;
  if (credential.backpackEntry?.visibility !== "private") return true;
  if (!viewerId) return false;
  if (credential.backpackEntry.userId === viewerId) return true;
  const membership = await db.membership.findFirst({
    where: { organizationId: credential.organizationId, userId: viewerId },
    select: { id: true },
  });
  return membership !== null;
}
