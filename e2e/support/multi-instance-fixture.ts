// The several-instances test's world, in its own database: a Business organization with an API
// key and an achievement, and a learner holding two public credentials of it. Prints one line of
// JSON. An organization four days into its trial, too, for the installation without Stripe. Run by e2e/multi-instance.spec.ts with tsx, with the instances' environment.
import { createApiKey } from "@/lib/api/keys";
import { API_SCOPES } from "@/lib/api/scopes";
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the learner's password for signing in.");

const owner = await createUser({ password, name: "Mia Multi" });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Many Servers Academy");
await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
const achievement = await createAchievement(
  org.id,
  parseInput(achievementInputSchema, { name: "Load Balancer", description: "Spreads the load.", criteria: { narrative: "Keep every server in step." } }),
);
const key = await createApiKey(org.id, { name: "several instances", scopes: [...API_SCOPES] });
const learner = await createUser({ password, name: "Lou Learner" });
const credentials = [];
for (let i = 0; i < 2; i++) {
  const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: learner.email, name: "Lou Learner" } }), { notify: false });
  const entry = await db.backpackEntry.create({ data: { userId: learner.id, credentialId: credential.id, state: "accepted", acceptedAt: new Date(), visibility: "public" } });
  credentials.push({ id: credential.id, entryId: entry.id });
}
const trialOwner = await createUser({ password, name: "Tia Trial" });
const trialOrg = await createOrgWith([{ userId: trialOwner.id, role: "owner" }], "Trial Run Academy");
await db.organization.update({ where: { id: trialOrg.id }, data: { createdAt: new Date(Date.now() - 4 * 86_400_000) } });
process.stdout.write(
  `${JSON.stringify({ apiKey: key.plaintext, achievementId: achievement.id, learnerEmail: learner.email, credentials, trial: { ownerEmail: trialOwner.email, slug: trialOrg.slug } })}\n`,
);
await closeDb();
