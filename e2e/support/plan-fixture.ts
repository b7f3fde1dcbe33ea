// An organization past its trial on the Free plan, with one achievement and this month's quota
// used up, straight in the browser tests' database (no page can age an organization). Prints
// what a spec needs, as one line of JSON. Run by e2e/plan-limits.spec.ts with tsx.
import { usageMonth } from "@/lib/billing/entitlements";
import { PLANS, TRIAL_DAYS } from "@/lib/billing/plans";
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const owner = await createUser({ password, name: "Fran Free" });
const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Free Plan Academy");
await db.organization.update({ where: { id: org.id }, data: { createdAt: new Date(Date.now() - (TRIAL_DAYS + 10) * 86_400_000) } });
const achievement = await createAchievement(
  org.id,
  parseInput(achievementInputSchema, { name: "Knot Tying", description: "Ties the six knots.", criteria: { narrative: "Tie them all." } }),
);
await db.issuanceUsage.create({ data: { organizationId: org.id, month: new Date(`${usageMonth()}T00:00:00Z`), issued: PLANS.free.monthlyCredentials! } });
process.stdout.write(`${JSON.stringify({ email: owner.email, orgSlug: org.slug, achievement: achievement.name })}\n`);
await closeDb();
