// Creates the known engagement (lib/test/analytics-fixtures.ts) in the browser tests' database
// and prints what a spec needs to sign in and look at it, as one line of JSON. Run by
// e2e/analytics.spec.ts with tsx.
import { createKnownEngagement } from "@/lib/test/analytics-fixtures";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { closeDb } from "@/lib/db";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

if (process.argv.includes("--empty")) {
  // An organization with nothing issued: the dashboard's empty states.
  const owner = await createUser({ password });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Quiet Academy");
  process.stdout.write(`${JSON.stringify({ email: owner.email, password, orgSlug: org.slug })}\n`);
} else {
  const { owner, org, achievements } = await createKnownEngagement({ password });
  process.stdout.write(
    `${JSON.stringify({ email: owner.email, password, orgSlug: org.slug, achievementAId: achievements.A.id, achievementBId: achievements.B.id })}\n`,
  );
}
await closeDb();
