import { SHARE_TYPES } from "@/lib/analytics/sql";
import { db } from "@/lib/db";

/** The first steps of a new organization, in order, each ticked by what really happened. */
export const ONBOARDING_STEPS = ["brand", "design", "issue", "share"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** The colour every organization starts with (prisma/schema.prisma): keeping it is not branding. */
const DEFAULT_PRIMARY_COLOR = "#1f5f4a";

/**
 * Which first steps are done: the brand set (a logo, a website or a colour of its own), an
 * achievement designed, a credential issued, a credential shared by its learner. Three
 * single-row lookups on indexed columns: cheap enough for every visit to the overview.
 */
export async function onboardingProgress(org: { id: string; logo: string | null; website: string | null; primaryColor: string }): Promise<Record<OnboardingStep, boolean>> {
  const [achievement, credential, share] = await Promise.all([
    db.achievement.findFirst({ where: { organizationId: org.id }, select: { id: true } }),
    db.credential.findFirst({ where: { organizationId: org.id }, select: { id: true } }),
    db.credentialEvent.findFirst({ where: { organizationId: org.id, type: { in: [...SHARE_TYPES] } }, select: { id: true } }),
  ]);
  return {
    brand: Boolean(org.logo || org.website || org.primaryColor.toLowerCase() !== DEFAULT_PRIMARY_COLOR),
    design: achievement !== null,
    issue: credential !== null,
    share: share !== null,
  };
}

/**
 * Where "send a test badge to yourself" leads from the checklist: the newest achievement that can
 * still be issued (its page has the button), or null before there is one.
 */
export async function testSendAchievementId(organizationId: string): Promise<string | null> {
  const achievement = await db.achievement.findFirst({
    where: { organizationId, archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return achievement?.id ?? null;
}
