// A learner with no organization: a public program they are 3 of 5 courses into, a members-only
// program, a pinned credential they made private, and a badge waiting to be claimed. Prints one
// line of JSON. Run by e2e/learner-home.spec.ts with tsx.
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createLearner, createProgram } from "@/lib/programs/test/factories";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the learner's password for signing in.");

const learner = await createUser({ password, name: "Pat Progress" });
const handle = unique("pat").toLowerCase();
await db.user.update({ where: { id: learner.id }, data: { emailVerified: new Date(), handle, profilePublic: true } });

const owner = await createUser({ password });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Progress Academy");

const achievement = (name: string) =>
  createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name, description: `${name}, for the tests.`, criteria: { narrative: `Earn ${name}.` }, achievementType: "Badge", tags: [] }),
  );
const issue = (achievementId: string) =>
  issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId, recipient: { email: learner.email, name: "Pat Progress" } }), { notify: false });

// Pinned, then made private: the profile skips it.
const hidden = await issue((await achievement("Quiet Achiever")).id);
await db.backpackEntry.create({ data: { userId: learner.id, credentialId: hidden.id, state: "accepted", visibility: "private", pinPosition: 1, acceptedAt: new Date() } });
// Issued, not answered yet: the claim page offers Accept.
const waiting = await issue((await achievement("Fresh Graduate")).id);

const ladder = await createProgram(org.id, {
  name: "Course Ladder",
  metrics: [{ key: "courses", label: { en: "courses", es: "cursos" } }],
  rules: [
    { kind: "target", metric: "courses", atLeast: 1, achievement: "Bronze" },
    { kind: "target", metric: "courses", atLeast: 5, achievement: "Gold" },
  ],
});
await createLearner(ladder, { email: learner.email, firstActivityAt: new Date(Date.now() - 10 * 86_400_000), metrics: { courses: 3 }, awards: [{ achievement: "Bronze" }] });

const staff = await createProgram(org.id, {
  name: "Staff Training",
  metrics: [{ key: "sessions", label: { en: "sessions" } }],
  rules: [{ kind: "target", metric: "sessions", atLeast: 4, achievement: "Staff Star" }],
});
await db.program.update({ where: { id: staff.program.id }, data: { visibility: "members" } });
await createLearner(staff, { email: learner.email, firstActivityAt: new Date(), metrics: { sessions: 1 } });

process.stdout.write(`${JSON.stringify({ email: learner.email, password, handle, waitingCredentialId: waiting.id })}\n`);
await closeDb();
