// Test helpers for the backpack's integration tests: an issuer, an achievement and credentials
// issued through the real issuing path, and learners with several addresses.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";

export async function createIssuer(name = "Backpack Academy", achievement: { name?: string; tags?: string[] } = {}) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], name);
  const created = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, {
      name: achievement.name ?? "Team Leadership",
      description: "Leads a team through a project.",
      criteria: { narrative: "Lead a **real** project to completion." },
      achievementType: "Badge",
      tags: achievement.tags ?? ["leadership", "teamwork"],
      alignment: [{ targetName: "Leadership", targetUrl: "https://example.org/frameworks/leadership", targetFramework: "Example Framework" }],
    }),
  );
  return { owner, org, achievement: created };
}

export async function issueTo(orgId: string, achievementId: string, email: string, extra: Record<string, unknown> = {}) {
  return issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId, recipient: { email, name: "Lee Learner" }, ...extra }), { notify: false });
}

/** A learner whose primary address is verified, plus other addresses as given. */
export async function createLearner(others: { email?: string; verified: boolean }[] = []) {
  const user = await createUser();
  await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
  const emails = [];
  for (const other of others) {
    const email = other.email ?? uniqueEmail("alt");
    await db.userEmail.create({ data: { userId: user.id, email, verifiedAt: other.verified ? new Date() : null } });
    emails.push(email);
  }
  return { user, emails };
}
