// Creates the known program (lib/programs/test/known-program.ts) in the browser tests' database
// and prints what a spec needs to sign in and look at it, as one line of JSON. Run by
// e2e/program-insights.spec.ts with tsx.
import { closeDb } from "@/lib/db";
import { createKnownProgram } from "@/lib/programs/test/known-program";
import { createProgram } from "@/lib/programs/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const { owner, org, program, email } = await createKnownProgram({ password });
// A program nobody has joined yet: the empty states.
const empty = await createProgram(org.id, { name: "Quiet Program", metrics: [{ key: "steps" }] });
process.stdout.write(
  `${JSON.stringify({ email: owner.email, password, orgSlug: org.slug, programId: program.id, emptyProgramId: empty.program.id, cyEmail: email("cy") })}\n`,
);
await closeDb();
