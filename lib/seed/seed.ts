import { ensureApiKey } from "@/lib/api/keys";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema } from "@/lib/issuing/schemas";

export const DEMO = {
  email: "demo@example.com",
  password: "demo-password-123",
  name: "Demo Owner",
  orgName: "Demo Academy",
  orgSlug: "demo",
} as const;

/**
 * Seeds the demo organization and its owner. Idempotent: running it again changes nothing
 * that exists (a changed demo password is left alone).
 */
export async function seed(): Promise<{ createdUser: boolean; createdOrg: boolean }> {
  let createdUser = false;
  let user = await db.user.findUnique({ where: { email: DEMO.email }, select: { id: true } });
  if (!user) {
    const now = new Date();
    user = await db.user.create({
      data: {
        email: DEMO.email,
        name: DEMO.name,
        handle: "demo",
        emailVerified: now,
        passwordHash: await hashPassword(DEMO.password),
        emails: { create: { email: DEMO.email, verifiedAt: now } },
      },
      select: { id: true },
    });
    createdUser = true;
  }
  const existingOrg = await db.organization.findUnique({ where: { slug: DEMO.orgSlug }, select: { id: true } });
  const org =
    existingOrg ??
    (await db.organization.create({
      data: {
        name: DEMO.orgName,
        slug: DEMO.orgSlug,
        website: "https://example.com",
        description: "A demo academy that issues badges for finished courses.",
      },
      select: { id: true },
    }));
  await db.membership.upsert({
    where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
    create: { organizationId: org.id, userId: user.id, role: "owner" },
    update: {},
  });
  if ((await db.achievement.count({ where: { organizationId: org.id } })) === 0) await seedAchievements(org.id);
  const seedApiKey = env().SEED_API_KEY;
  if (seedApiKey) await ensureApiKey(org.id, seedApiKey);
  return { createdUser, createdOrg: !existingOrg };
}

const DEMO_ACHIEVEMENTS = [
  {
    name: "Data Literacy Foundations",
    description: "Reads, questions and explains charts and tables with confidence.",
    criteria: { narrative: "Complete the six Data Literacy modules and pass the final assessment with 80% or more." },
    achievementType: "Badge",
    tags: ["data", "analysis"],
    alignment: [{ targetName: "Data literacy", targetUrl: "https://example.org/skills/data-literacy", targetFramework: "Demo Skills Framework" }],
    howToEarnUrl: "https://example.com/courses/data-literacy",
  },
  {
    name: "Certified Workshop Facilitator",
    description: "Plans and runs inclusive, hands-on workshops for groups of up to 30.",
    criteria: { narrative: "Facilitate three observed workshops and submit a reflective portfolio." },
    achievementType: "Certificate",
    tags: ["facilitation"],
    alignment: [],
    howToEarnUrl: "https://example.com/programs/facilitator",
  },
];

const DEMO_LEARNERS = [
  { email: "ada.learner@example.com", name: "Ada Lovelace" },
  { email: "grace.learner@example.com", name: "Grace Hopper" },
];

/** A few achievements and signed credentials so a fresh install has something to look at. */
async function seedAchievements(organizationId: string) {
  for (const input of DEMO_ACHIEVEMENTS) {
    const achievement = await createAchievement(organizationId, achievementInputSchema.parse(input));
    for (const recipient of DEMO_LEARNERS) {
      await issueCredential(organizationId, { achievementId: achievement.id, recipient, evidence: [] });
    }
  }
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db.user.count()) === 0;
}
