import { seedDemoEngagement } from "@/lib/analytics/demo-engagement";
import { ensureApiKey } from "@/lib/api/keys";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { seedDemoProgram } from "./demo-program";

export const DEMO = {
  email: "demo@example.com",
  password: "demo-password-123",
  name: "Demo Owner",
  orgName: "Demo Academy",
  orgSlug: "demo",
} as const;

/** A learner whose backpack and public profile (/u/grace) hold the demo credentials. */
export const DEMO_LEARNER = {
  email: "grace.learner@example.com",
  password: "learner-password-123",
  name: "Grace Hopper",
  handle: "grace",
  headline: "Computer scientist and workshop facilitator",
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
  await seedLearner();
  await seedDemoEngagement(org.id, await seededCredentialIds(org.id));
  await seedDemoProgram(org.id);
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

/** When the demo credentials were awarded: weeks ago, so the analytics have a history to show (one inside the default 30 days). */
const DEMO_AWARDED_DAYS_AGO = [45, 20];

/** A few achievements and signed credentials so a fresh install has something to look at. */
async function seedAchievements(organizationId: string) {
  for (const [index, input] of DEMO_ACHIEVEMENTS.entries()) {
    const achievement = await createAchievement(organizationId, achievementInputSchema.parse(input));
    const validFrom = new Date(Date.now() - DEMO_AWARDED_DAYS_AGO[index]! * 86_400_000);
    for (const recipient of DEMO_LEARNERS) {
      await issueCredential(organizationId, { achievementId: achievement.id, recipient, evidence: [], validFrom });
    }
  }
}

/** The demo organization's credentials for the demo learners (the ones the seed issued). */
async function seededCredentialIds(organizationId: string): Promise<string[]> {
  const rows = await db.credential.findMany({
    where: { organizationId, recipientEmail: { in: DEMO_LEARNERS.map((learner) => learner.email) } },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** The demo learner's account, with every credential sent to them accepted, public and pinned. */
async function seedLearner() {
  if (await db.user.findUnique({ where: { email: DEMO_LEARNER.email }, select: { id: true } })) return;
  const now = new Date();
  const learner = await db.user.create({
    data: {
      email: DEMO_LEARNER.email,
      name: DEMO_LEARNER.name,
      handle: DEMO_LEARNER.handle,
      headline: DEMO_LEARNER.headline,
      emailVerified: now,
      passwordHash: await hashPassword(DEMO_LEARNER.password),
      emails: { create: { email: DEMO_LEARNER.email, verifiedAt: now } },
    },
    select: { id: true },
  });
  const credentials = await db.credential.findMany({
    where: { recipientEmail: DEMO_LEARNER.email, backpackEntry: null },
    orderBy: { issuedAt: "asc" },
    select: { id: true },
  });
  for (const [index, credential] of credentials.entries()) {
    await db.$transaction([
      db.backpackEntry.create({
        data: { userId: learner.id, credentialId: credential.id, state: "accepted", visibility: "public", acceptedAt: now, pinPosition: index < 6 ? index + 1 : null },
      }),
      db.credential.update({ where: { id: credential.id }, data: { claimedAt: now } }),
    ]);
  }
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db.user.count()) === 0;
}
