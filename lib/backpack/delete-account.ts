import "server-only";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { db } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { log } from "@/lib/log";
import { revalidatePublicPages } from "@/lib/public/cache";

export const deleteAccountSchema = z.object({ confirm: safeText().trim().max(320) });

/** What the person must type: their account's email address, or DELETE. */
function confirmed(typed: string, email: string): boolean {
  return typed === "DELETE" || typed.toLowerCase() === email.toLowerCase();
}

/**
 * Deletes a person's account: profile, backpack entries, collections, addresses and
 * memberships go with it. Credentials issued to them are the issuers' records and stay as
 * they are, so they keep verifying wherever the learner shared them. An organization is never
 * left without an owner.
 */
export async function deleteAccount(userId: string, confirmation: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, handle: true } });
  if (!user) throw new AppError("not_found", "Account not found");
  if (!confirmed(confirmation.trim(), user.email)) throw fieldError("confirm", "delete_confirm_mismatch");

  const owned = await db.membership.findMany({
    where: { userId, role: "owner" },
    select: { organization: { select: { id: true, name: true, _count: { select: { memberships: { where: { role: "owner" } } } } } } },
  });
  const orphaned = owned.find((membership) => membership.organization._count.memberships <= 1);
  if (orphaned) {
    throw new AppError(
      "conflict",
      `You are the last owner of ${orphaned.organization.name}`,
      { confirm: { code: "last_owner_of_org", params: { org: orphaned.organization.name } } },
      { org: orphaned.organization.name },
    );
  }

  const credentials = await db.backpackEntry.findMany({ where: { userId, credentialId: { not: null } }, select: { credentialId: true } });
  await db.$transaction([
    // Imported badges and credentials they had not hidden go with the account. A credential they
    // made private keeps an entry with no owner, so it stays private (404 to everyone but its
    // issuer) instead of becoming public again; whoever verifies its address later adopts it.
    db.backpackEntry.deleteMany({ where: { userId, NOT: { credentialId: { not: null }, visibility: "private" } } }),
    db.backpackEntry.updateMany({ where: { userId }, data: { pinPosition: null, state: "pending", acceptedAt: null } }),
    // Cascades remove collections (and their items), addresses, memberships, sign-in accounts;
    // the remaining private entries lose their owner (SetNull).
    db.user.delete({ where: { id: userId } }),
  ]);
  log.info({ userId }, "account deleted");

  revalidatePublicPages.profile(user.handle);
  for (const { credentialId } of credentials) if (credentialId) revalidatePublicPages.credential(credentialId);
}
