// An owner and an organization on an active Business subscription with one badge to place in a
// course, straight in the browser tests' database. Prints `{"email","orgSlug","orgId","achievement"}`.
// Run by e2e/lti.spec.ts with tsx.
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const owner = await createUser({ password, name: "Lena LTI" });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Riverside Biology School");
await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
const achievement = await createAchievement(
  org.id,
  parseInput(achievementInputSchema, { name: "Cell Biologist", description: "Explains how cells work.", criteria: { narrative: "At least 80% in the final exam." } }),
);
process.stdout.write(`${JSON.stringify({ email: owner.email, orgSlug: org.slug, orgId: org.id, achievement: achievement.name })}\n`);
await closeDb();
