import { db } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { issueCredential, type IssuedCredential } from "./issue-credential";
import { issueCredentialSchema } from "./schemas";

/** The address a test goes to: the account's primary address if verified, else its first verified one. */
export async function testAddressOf(userId: string): Promise<{ email: string; name: string | null } | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { name: true, email: true, emails: { where: { verifiedAt: { not: null } }, orderBy: { createdAt: "asc" }, select: { email: true } } },
  });
  if (!user || user.emails.length === 0) return null;
  const primary = user.emails.find((row) => row.email === user.email.toLowerCase());
  return { email: (primary ?? user.emails[0]).email, name: user.name };
}

/**
 * "Send a test to myself": a real credential of the achievement to the signed-in issuer's own
 * verified address, with the same award email learners get. It is issued like any other (signed,
 * counted, listed, revocable), so what the issuer sees is exactly what a learner would.
 */
export async function sendTestToSelf(organizationId: string, achievementId: string, actor: { userId: string; ip?: string }): Promise<IssuedCredential & { email: string }> {
  const address = await testAddressOf(actor.userId);
  if (!address) throw fieldError("achievementId", "no_verified_email");
  const input = issueCredentialSchema.parse({ achievementId, recipient: { email: address.email, name: address.name ?? undefined } });
  const issued = await issueCredential(organizationId, input, { actor });
  return { ...issued, email: address.email };
}
