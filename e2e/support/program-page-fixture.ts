// A public program with a ladder, a badge someone holds, and two learners with progress (one
// with a public handle who has not opted in to any leaderboard), for e2e/program-page.spec.ts.
// Prints one line of JSON.
import { randomBytes } from "node:crypto";
import { db, closeDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { addRule, createProgram } from "@/lib/programs/manage";
import { programInputSchema, ruleInputSchema } from "@/lib/programs/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");
const tag = randomBytes(4).toString("hex");

const owner = await createUser({ password, name: "Trail Owner" });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], `Trail Academy ${tag}`);
const program = await createProgram(
  org.id,
  parseInput(programInputSchema, {
    name: `Trail Walkers ${tag}`,
    description: "Walk the trails, climb the levels.",
    visibility: "public",
    metrics: [{ key: "km", label: { en: "kilometres walked", es: "kilómetros recorridos" } }],
  }),
);
const achievement = (name: string) => createAchievement(org.id, parseInput(achievementInputSchema, { name, description: `${name}.`, criteria: { narrative: "Walk." } }));
const [bronze, silver, gold, streak] = [await achievement("Bronze Walker"), await achievement("Silver Walker"), await achievement("Gold Walker"), await achievement("Weekly Walker")];
const rule = (input: unknown) => addRule(org.id, program.id, parseInput(ruleInputSchema, input));
await rule({ achievementId: bronze.id, kind: "target", metric: "km", atLeast: 10 });
await rule({ achievementId: silver.id, kind: "target", metric: "km", atLeast: 50 });
await rule({ achievementId: gold.id, kind: "target", metric: "km", atLeast: 100 });
await rule({ achievementId: streak.id, kind: "streak", metric: "km", periods: 4, unit: "week" });
// Someone already holds Bronze.
await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: bronze.id, recipient: { email: uniqueEmail("holder"), name: "Early Walker" } }), { notify: false });

/** A learner with an account and the organization's record of their kilometres. */
async function learner(name: string, km: number, handle: string) {
  const email = uniqueEmail("walker");
  const user = await createUser({ email, password, name });
  await db.user.update({ where: { id: user.id }, data: { handle } });
  const now = new Date();
  await db.programLearner.create({ data: { organizationId: org.id, programId: program.id, email, name, firstActivityAt: now, lastActivityAt: now, activities: 3 } });
  await db.learnerMetric.create({ data: { programId: program.id, email, metric: "km", value: km, readingAt: now } });
  return email;
}
const avaHandle = `ava-${tag}`;
const shyHandle = `shy-${tag}`;
const avaEmail = await learner("Ava Walker", 30, avaHandle);
await learner("Shy Hiker", 80, shyHandle);

process.stdout.write(`${JSON.stringify({ email: owner.email, orgSlug: org.slug, programId: program.id, programName: program.name, avaEmail, avaHandle, shyHandle })}\n`);
await closeDb();
