import "server-only";
import { db } from "@/lib/db";

/**
 * The addresses that prove who a person is: every verified UserEmail, and the primary address
 * once the account's email is verified. Credentials sent to any of them are theirs.
 */
export async function verifiedAddresses(userId: string): Promise<string[]> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, emailVerified: true, emails: { where: { verifiedAt: { not: null } }, select: { email: true } } },
  });
  if (!user) return [];
  const addresses = new Set(user.emails.map((row) => row.email.toLowerCase()));
  if (user.emailVerified) addresses.add(user.email.toLowerCase());
  return [...addresses];
}

/**
 * One backpack for all of a person's addresses: every credential issued to one of their
 * verified addresses that is in nobody's backpack yet lands in theirs as "pending". Runs on
 * each backpack load; a credential is in at most one backpack (credentialId is unique), so
 * concurrent loads cannot add it twice.
 */
export async function syncBackpackEntries(userId: string): Promise<number> {
  const addresses = await verifiedAddresses(userId);
  if (addresses.length === 0) return 0;
  // A private credential whose learner deleted their account waits, still private, for
  // whoever verifies its address next.
  await db.backpackEntry.updateMany({
    where: { userId: null, credential: { recipientEmail: { in: addresses } } },
    data: { userId },
  });
  const missing = await db.credential.findMany({
    where: { recipientEmail: { in: addresses }, backpackEntry: null },
    select: { id: true },
  });
  if (missing.length === 0) return 0;
  const { count } = await db.backpackEntry.createMany({
    data: missing.map((credential) => ({ userId, credentialId: credential.id, state: "pending" })),
    skipDuplicates: true,
  });
  return count;
}
