// An organization whose recipient has left a credential unclaimed for four days, and the
// engagement email job queued: the app's workers send the claim reminder (signed with the app's
// secret, through its SMTP server). Prints what the spec needs as one line of JSON. Run by
// e2e/engagement-emails.spec.ts with tsx.
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { enqueue, stopQueue } from "@/lib/jobs";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const owner = await createUser({ email: uniqueEmail("owner"), password });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Lighthouse Academy");
const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Lamp Keeper", description: "Keeps the lamp lit.", criteria: { narrative: "Keep it lit." } }));
const recipient = uniqueEmail("keeper");
const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: recipient } }), { notify: false });
await db.credential.update({ where: { id: credential.id }, data: { emailedAt: new Date(Date.now() - 4 * 86_400_000) } });
await enqueue("email.engagement", {});
await stopQueue();
process.stdout.write(`${JSON.stringify({ email: owner.email, orgSlug: org.slug, recipient })}\n`);
await closeDb();
