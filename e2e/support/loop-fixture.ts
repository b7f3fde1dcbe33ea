// The loop's organization: a public program with a ladder of two levels on courses, a badge
// someone already holds (issued by the spec through the API, so the app signs it), and an API
// key that sends events. `tick` queues the engagement email job, as its quarter-hourly schedule
// would. Prints one line of JSON for e2e/loop-journey.spec.ts.
import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/api/keys";
import { closeDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { enqueue, stopQueue } from "@/lib/jobs";
import { addRule, createProgram } from "@/lib/programs/manage";
import { programInputSchema, ruleInputSchema } from "@/lib/programs/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";

if (process.argv.includes("tick")) {
  await enqueue("email.engagement", {});
  await stopQueue();
  process.stdout.write("{}\n");
} else {
  const password = process.env.FIXTURE_PASSWORD;
  if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");
  const tag = randomBytes(4).toString("hex");
  const owner = await createUser({ password, name: "Olive Owner" });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], `Harbour College ${tag}`);
  const program = await createProgram(
    org.id,
    parseInput(programInputSchema, {
      name: `Course Ladder ${tag}`,
      description: "Finish courses, climb the ladder.",
      visibility: "public",
      metrics: [{ key: "courses", label: { en: "courses", es: "cursos" } }],
    }),
  );
  const achievement = (name: string) => createAchievement(org.id, parseInput(achievementInputSchema, { name, description: `${name} of the Course Ladder.`, criteria: { narrative: "Finish the courses." } }));
  const bronze = await achievement("Harbour Bronze");
  const silver = await achievement("Harbour Silver");
  await addRule(org.id, program.id, parseInput(ruleInputSchema, { achievementId: bronze.id, kind: "target", metric: "courses", atLeast: 3 }));
  await addRule(org.id, program.id, parseInput(ruleInputSchema, { achievementId: silver.id, kind: "target", metric: "courses", atLeast: 6 }));
  const key = await createApiKey(org.id, { name: "LMS", scopes: ["events:write", "credentials:write", "credentials:read"] });
  process.stdout.write(
    `${JSON.stringify({ email: owner.email, orgSlug: org.slug, orgName: org.name, programId: program.id, programName: program.name, bronzeId: bronze.id, apiKey: key.plaintext })}\n`,
  );
}
await closeDb();
