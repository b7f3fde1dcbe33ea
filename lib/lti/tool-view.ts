import { claimUrl } from "@/lib/backpack/claim-token";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { log } from "@/lib/log";
import { learnerProgress } from "@/lib/programs/progress";
import { TOOL_SCOPES } from "./claims";
import { LtiServiceError } from "./errors";
import type { LtiLaunchContext } from "./launch-context";
import { listLineItems, type LineItem } from "./services";

/** What the tool page inside the course shows: the placed badge, and for whom. */

export type PlacedAchievement = { id: string; name: string; description: string; criteria: string | null; imageUrl: string; pageUrl: string };

async function placedAchievement(organizationId: string, achievementId: string | null | undefined): Promise<PlacedAchievement | null> {
  if (!achievementId) return null;
  const achievement = await db.achievement.findFirst({
    where: { id: achievementId, organizationId },
    select: { id: true, name: true, description: true, criteriaNarrative: true, version: true },
  });
  if (!achievement) return null;
  const base = env().BASE_URL;
  return {
    id: achievement.id,
    name: achievement.name,
    description: achievement.description,
    criteria: achievement.criteriaNarrative,
    imageUrl: `${base}${publicPath("achievementImagePng", { id: achievement.id, version: achievement.version })}`,
    pageUrl: `${base}${publicPath("achievement", { id: achievement.id })}`,
  };
}

export type RosterStatus = "awarded" | "below" | "no_score" | "no_email";
export type RosterRow = { userId: string; name: string | null; email: string | null; percent: number | null; status: RosterStatus };

export type InstructorView = {
  achievement: PlacedAchievement | null;
  rule: { lineItemUrl: string; lineItemLabel: string; minPercent: number; lastSyncedAt: Date | null; lastSyncError: string | null } | null;
  /** The course's assignments, or null when the platform offers no grades service or did not answer. */
  lineItems: LineItem[] | null;
  lineItemsError: string | null;
  hasRoster: boolean;
  roster: RosterRow[];
};

export async function instructorView(ctx: LtiLaunchContext): Promise<InstructorView> {
  const link = ctx.resourceLink;
  const achievement = await placedAchievement(ctx.org.id, link?.achievementId);
  const rule = link ? await db.ltiAwardRule.findUnique({ where: { resourceLinkId: link.id } }) : null;
  let lineItems: LineItem[] | null = null;
  let lineItemsError: string | null = null;
  if (link?.agsLineitemsUrl && achievement) {
    try {
      lineItems = await listLineItems(ctx.platform, link.agsLineitemsUrl, TOOL_SCOPES);
    } catch (error) {
      if (!(error instanceof LtiServiceError)) throw error;
      log.warn({ err: error, platformId: ctx.platform.id }, "could not read the course's line items");
      lineItemsError = error.code;
    }
  }
  let roster: RosterRow[] = [];
  if (rule) {
    const learners = await db.ltiAwardLearner.findMany({ where: { ruleId: rule.id }, orderBy: [{ name: "asc" }, { userId: "asc" }] });
    const emails = learners.flatMap((learner) => (learner.email ? [learner.email] : []));
    const awarded = new Set(
      (await db.programAward.findMany({ where: { programId: rule.programId, achievementId: rule.achievementId, email: { in: emails }, status: { not: "revoked" } }, select: { email: true } })).map((award) => award.email),
    );
    roster = learners.map((learner) => ({
      userId: learner.userId,
      name: learner.name,
      email: learner.email,
      percent: learner.percent,
      status: !learner.email ? "no_email" : awarded.has(learner.email) ? "awarded" : learner.percent === null ? "no_score" : "below",
    }));
  }
  return {
    achievement,
    rule: rule && { lineItemUrl: rule.lineItemUrl, lineItemLabel: rule.lineItemLabel, minPercent: rule.minPercent, lastSyncedAt: rule.lastSyncedAt, lastSyncError: rule.lastSyncError },
    lineItems,
    lineItemsError,
    hasRoster: Boolean(link?.nrpsMembershipsUrl),
    roster,
  };
}

export type LearnerView = {
  achievement: PlacedAchievement | null;
  rule: { lineItemLabel: string; minPercent: number } | null;
  /** The learner's percentage in the assignment as the program last heard it. */
  percent: number | null;
  /** Their credential of the achievement, once issued, with the link to claim it. */
  credential: { id: string; url: string; claimUrl: string } | null;
  /** Awarded, the credential on its way (the program's award is being issued). */
  awardPending: boolean;
  emailMissing: boolean;
};

export async function learnerView(ctx: LtiLaunchContext): Promise<LearnerView> {
  const link = ctx.resourceLink;
  const achievement = await placedAchievement(ctx.org.id, link?.achievementId);
  const rule = link ? await db.ltiAwardRule.findUnique({ where: { resourceLinkId: link.id }, select: { lineItemLabel: true, minPercent: true, programId: true, metric: true, achievementId: true } }) : null;
  const email = ctx.launch.email;
  const view: LearnerView = { achievement, rule: rule && { lineItemLabel: rule.lineItemLabel, minPercent: rule.minPercent }, percent: null, credential: null, awardPending: false, emailMissing: !email };
  if (!achievement || !email) return view;
  if (rule) {
    const [[progress], reading] = await Promise.all([
      learnerProgress(ctx.org.id, email, rule.programId),
      db.learnerMetric.findFirst({ where: { programId: rule.programId, email, metric: rule.metric }, select: { value: true } }),
    ]);
    // No reading yet is "no score", not 0%.
    view.percent = reading ? (progress?.metrics.find((metric) => metric.key === rule.metric)?.value ?? reading.value) : null;
    view.awardPending = Boolean(progress?.earned.some((earned) => earned.achievementId === achievement.id && earned.status !== "revoked" && !earned.credentialId));
  }
  const credential = await db.credential.findFirst({
    where: { organizationId: ctx.org.id, achievementId: achievement.id, recipientEmail: email, revokedAt: null },
    orderBy: { issuedAt: "desc" },
    select: { id: true },
  });
  if (credential) {
    view.credential = { id: credential.id, url: `${env().BASE_URL}${publicPath("credential", { id: credential.id })}`, claimUrl: claimUrl(credential.id, email) };
    view.awardPending = false;
  }
  return view;
}
