import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { billingSelect, entitlementsOf } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { log as rootLog } from "@/lib/log";
import { issuePendingAwards } from "@/lib/programs/awards";
import { ingestEvents } from "@/lib/programs/ingest";
import { addRule, createProgram, deleteRule, getProgram, updateProgram } from "@/lib/programs/manage";
import { MAX_EVENTS_PER_REQUEST } from "@/lib/programs/schemas";
import { isLearner, TOOL_SCOPES } from "./claims";
import { LtiServiceError } from "./errors";
import type { LtiLaunchContext } from "./launch-context";
import type { AwardRuleInput } from "./schemas";
import { listMembers, listResults, type Result } from "./services";

const log = rootLog.child({ module: "lti" });

/**
 * Awarding from the LMS reuses the engagement programs engine: each award rule has a program (one
 * metric per version of the rule, `latest` of the learner's percentage in the assignment) and a
 * target rule on it that awards the achievement at the minimum. A sync reads the roster (NRPS) and
 * the results (AGS) and sends each changed score as an event; the program awards the badge when a
 * learner crosses the line. Event ids count each learner's changes, so a sync repeated (or retried
 * after a crash) sends the same ids again and the engine takes them as duplicates.
 */

/** The line item is one of the course's: under the lineitems URL the platform's AGS claim named. */
export function isCourseLineItem(lineitemsUrl: string, lineItem: string): boolean {
  try {
    const container = new URL(lineitemsUrl);
    const item = new URL(lineItem);
    return item.origin === container.origin && item.pathname.startsWith(container.pathname.replace(/\/$/, ""));
  } catch {
    return false;
  }
}

const metricKey = (version: number) => `lti_grade_${version}`;
const versionOf = (metric: string) => Number(/_(\d+)$/.exec(metric)?.[1] ?? "0");

/**
 * Sets (or changes) the award rule of the resource link an instructor launched from. A change of
 * assignment or minimum starts a new metric on the program (and a new target rule), so every
 * learner's score is sent again and measured against the new rule; credentials already awarded stay.
 */
export async function saveAwardRule(ctx: LtiLaunchContext, input: AwardRuleInput): Promise<{ ruleId: string; changed: boolean }> {
  const link = ctx.resourceLink;
  if (!link?.achievementId) throw new AppError("conflict", "No badge is placed here yet", { form: { code: "lti_no_badge" } });
  if (!link.agsLineitemsUrl) throw fieldError("lineItem", "lti_no_grades_service");
  if (!isCourseLineItem(link.agsLineitemsUrl, input.lineItem)) throw fieldError("lineItem", "lti_line_item_unknown");
  const organizationId = ctx.org.id;
  const label = (input.lineItemLabel?.trim() || "Assignment").slice(0, 80);
  const achievement = await db.achievement.findFirstOrThrow({ where: { id: link.achievementId, organizationId }, select: { id: true, name: true } });
  const existing = await db.ltiAwardRule.findUnique({ where: { resourceLinkId: link.id } });
  const actor = { ltiUser: ctx.launch.name ?? ctx.launch.userId, platformId: ctx.platform.id };

  if (existing && existing.achievementId === achievement.id && existing.lineItemUrl === input.lineItem && existing.minPercent === input.minPercent) {
    return { ruleId: existing.id, changed: false };
  }

  let programId = existing?.programId;
  const version = existing ? versionOf(existing.metric) + 1 : 1;
  const metric = metricKey(version);
  const metricInput = { key: metric, label: { en: label }, unit: "%", aggregate: "latest" as const };
  if (!programId) {
    const name = `${achievement.name} · ${link.contextTitle ?? ctx.launch.contextTitle ?? "LMS"}`.slice(0, 120);
    const program = await createProgram(organizationId, {
      name,
      description: `Awarded from the LMS: at least ${input.minPercent}% in "${label}".`.slice(0, 2000),
      visibility: "members",
      metrics: [metricInput],
    });
    programId = program.id;
  } else {
    const program = await getProgram(organizationId, programId);
    await updateProgram(organizationId, programId, {
      metrics: [...program.metrics.map((m) => ({ key: m.key, label: m.label as { en: string }, unit: m.unit ?? undefined, aggregate: m.aggregate as "sum" | "latest" })), metricInput],
    });
    if (existing) await deleteRule(organizationId, programId, existing.programRuleId).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
    });
  }
  const rule = await addRule(organizationId, programId, { kind: "target", achievementId: achievement.id, metric, atLeast: input.minPercent });

  return db.$transaction(async (tx) => {
    const fields = { achievementId: achievement.id, lineItemUrl: input.lineItem, lineItemLabel: label, minPercent: input.minPercent, programId: programId!, metric, programRuleId: rule.id, lastSyncError: null };
    const saved = await tx.ltiAwardRule.upsert({
      where: { resourceLinkId: link.id },
      create: { organizationId, resourceLinkId: link.id, ...fields },
      update: fields,
      select: { id: true },
    });
    // A new metric starts from nothing: every learner's score is sent to it again.
    if (existing) await tx.ltiAwardLearner.updateMany({ where: { ruleId: saved.id }, data: { sentPercent: null, eventSeq: 0 } });
    await recordAudit(tx, {
      organizationId,
      action: "lti_award_rule.saved",
      targetType: "lti_award_rule",
      targetId: saved.id,
      data: { ...actor, achievementId: achievement.id, lineItem: input.lineItem, minPercent: input.minPercent, programId: programId! },
    });
    return { ruleId: saved.id, changed: true };
  });
}

const percentOf = (result: Result): number | null => {
  if (result.score === null) return null;
  const maximum = result.maximum !== null && result.maximum > 0 ? result.maximum : 1;
  return Math.round((result.score / maximum) * 10_000) / 100;
};

const hashed = (userId: string) => createHash("sha256").update(userId).digest("base64url").slice(0, 22);

type RuleRow = NonNullable<Awaited<ReturnType<typeof loadRule>>>;

async function loadRule(ruleId: string) {
  return db.ltiAwardRule.findUnique({
    where: { id: ruleId },
    select: {
      id: true, organizationId: true, achievementId: true, lineItemUrl: true, programId: true, metric: true,
      resourceLink: { select: { platformId: true, nrpsMembershipsUrl: true, platform: { select: { id: true, organizationId: true, clientId: true, tokenUrl: true } } } },
    },
  });
}

type Score = { userId: string; email: string | null; name: string | null; result: Result | null };
export type SyncSummary = { learners: number; scored: number; eventsSent: number; awarded: number };

/**
 * Stores the learners' scores and sends each changed one to the program as an event; then issues
 * what the program awarded, so the credentials exist when the sync returns.
 */
async function applyScores(rule: RuleRow, scores: Score[], options: { replaceRoster: boolean }): Promise<SyncSummary> {
  const rows = new Map((await db.ltiAwardLearner.findMany({ where: { ruleId: rule.id } })).map((row) => [row.userId, row]));
  const events: Array<{ userId: string; percent: number; seq: number; event: object }> = [];
  for (const score of scores) {
    const before = rows.get(score.userId);
    const email = score.email ?? before?.email ?? null;
    const name = score.name ?? before?.name ?? null;
    const percent = score.result ? percentOf(score.result) : (before?.percent ?? null);
    const values = { email, name, score: score.result?.score ?? before?.score ?? null, maximum: score.result?.maximum ?? before?.maximum ?? null, percent };
    await db.ltiAwardLearner.upsert({ where: { ruleId_userId: { ruleId: rule.id, userId: score.userId } }, create: { ruleId: rule.id, userId: score.userId, ...values }, update: values });
    if (email && percent !== null && percent !== before?.sentPercent) {
      const seq = (before?.eventSeq ?? 0) + 1;
      events.push({
        userId: score.userId,
        percent,
        seq,
        event: { id: `lti:${rule.id}:${rule.metric}:${hashed(score.userId)}:${seq}`, learner: { email, ...(name ? { name } : {}) }, programId: rule.programId, metric: rule.metric, value: percent },
      });
    }
  }
  if (options.replaceRoster) {
    // Learners no longer in the course leave the roster (what they were awarded stays).
    await db.ltiAwardLearner.deleteMany({ where: { ruleId: rule.id, userId: { notIn: scores.map((score) => score.userId) } } });
  }

  let sent = 0;
  let awarded = 0;
  for (let start = 0; start < events.length; start += MAX_EVENTS_PER_REQUEST) {
    const batch = events.slice(start, start + MAX_EVENTS_PER_REQUEST);
    const outcome = await ingestEvents(rule.organizationId, batch.map((entry) => entry.event), { source: "api" });
    const refused = new Set(outcome.rejected.map((rejection) => rejection.index));
    for (const rejection of outcome.rejected) log.warn({ ruleId: rule.id, error: rejection.error }, "an LMS score was refused by the program");
    awarded += outcome.awards.length;
    sent += outcome.accepted;
    // Stored now (or stored before, by a sync that crashed before this line): the next change gets the next id.
    for (const [index, entry] of batch.entries()) {
      if (refused.has(index)) continue;
      await db.ltiAwardLearner.update({ where: { ruleId_userId: { ruleId: rule.id, userId: entry.userId } }, data: { sentPercent: entry.percent, eventSeq: entry.seq } });
    }
  }
  if (awarded > 0) await issuePendingAwards({ organizationId: rule.organizationId });
  return { learners: scores.length, scored: scores.filter((score) => score.result?.score != null).length, eventsSent: sent, awarded };
}

/**
 * A sync of one award rule: the roster from NRPS (active learners; without NRPS, whoever has a
 * result), the line item's results from AGS, each learner's percentage to the program.
 */
export async function syncAwardRule(ruleId: string): Promise<SyncSummary> {
  const rule = await loadRule(ruleId);
  if (!rule) throw new AppError("not_found", "Award rule not found");
  const org = await db.organization.findUniqueOrThrow({ where: { id: rule.organizationId }, select: billingSelect });
  if (!entitlementsOf(org).features.includes("lti")) throw new AppError("payment_required", "LTI is not on this organization's plan");
  const platform = rule.resourceLink.platform;
  try {
    const results = await listResults(platform, rule.lineItemUrl, TOOL_SCOPES);
    const resultOf = new Map(results.map((result) => [result.userId, result]));
    let scores: Score[];
    if (rule.resourceLink.nrpsMembershipsUrl) {
      const members = await listMembers(platform, rule.resourceLink.nrpsMembershipsUrl, TOOL_SCOPES);
      scores = members
        .filter((member) => member.active && isLearner(member.roles))
        .map((member) => ({ userId: member.userId, email: member.email, name: member.name, result: resultOf.get(member.userId) ?? null }));
    } else {
      scores = results.map((result) => ({ userId: result.userId, email: null, name: null, result }));
    }
    // Learners the platform does not name an address for: the one their own launch carried.
    const missing = scores.filter((score) => !score.email).map((score) => score.userId);
    if (missing.length > 0) {
      const launches = await db.ltiLaunch.findMany({
        where: { platformId: platform.id, userId: { in: missing }, email: { not: null } },
        orderBy: { createdAt: "desc" },
        select: { userId: true, email: true },
      });
      const emailOf = new Map<string, string>();
      for (const launch of launches) if (!emailOf.has(launch.userId)) emailOf.set(launch.userId, launch.email!);
      for (const score of scores) score.email ??= emailOf.get(score.userId) ?? null;
    }
    const summary = await applyScores(rule, scores, { replaceRoster: Boolean(rule.resourceLink.nrpsMembershipsUrl) });
    await db.ltiAwardRule.update({ where: { id: rule.id }, data: { lastSyncedAt: new Date(), lastSyncError: null } });
    log.info({ ruleId: rule.id, ...summary }, "LTI award rule synced");
    return summary;
  } catch (error) {
    if (error instanceof LtiServiceError) {
      await db.ltiAwardRule.update({ where: { id: rule.id }, data: { lastSyncedAt: new Date(), lastSyncError: error.code } });
      log.warn({ ruleId: rule.id, err: error }, "LTI award rule sync failed");
    }
    throw error;
  }
}

/**
 * "Sync now" on the instructor's page: the award rule of the place they launched from, synced at
 * once. A platform that does not answer is a refusal the page explains, not an error.
 */
export async function syncNow(ctx: LtiLaunchContext): Promise<SyncSummary> {
  const rule = ctx.resourceLink ? await db.ltiAwardRule.findUnique({ where: { resourceLinkId: ctx.resourceLink.id }, select: { id: true } }) : null;
  if (!rule) throw new AppError("conflict", "No award rule here yet", { form: { code: "lti_no_rule" } });
  try {
    return await syncAwardRule(rule.id);
  } catch (error) {
    if (error instanceof LtiServiceError) throw new AppError("conflict", error.message, { form: { code: "lti_sync_failed" } });
    throw error;
  }
}

/** After the rule was saved: a first sync, or why it could not run now (the scheduled sync retries). */
export async function syncAfterSave(ctx: LtiLaunchContext): Promise<SyncSummary & { syncFailed: boolean }> {
  try {
    return { ...(await syncNow(ctx)), syncFailed: false };
  } catch (error) {
    if (error instanceof AppError && error.fields?.form?.code === "lti_sync_failed") return { learners: 0, scored: 0, eventsSent: 0, awarded: 0, syncFailed: true };
    throw error;
  }
}

/** On a learner's own launch: their result alone, so their progress is current when the page opens. */
export async function refreshLaunchingLearner(resourceLinkRowId: string, learner: { userId: string; email: string | null; name: string | null }): Promise<void> {
  const found = await db.ltiAwardRule.findUnique({ where: { resourceLinkId: resourceLinkRowId }, select: { id: true } });
  if (!found) return;
  const rule = await loadRule(found.id);
  if (!rule) return;
  const [result] = await listResults(rule.resourceLink.platform, rule.lineItemUrl, TOOL_SCOPES, learner.userId);
  await applyScores(rule, [{ ...learner, result: result?.userId === learner.userId ? result : null }], { replaceRoster: false });
}

/** The award rules due for a sync (the scheduled job): not synced for an hour, of organizations that have LTI. */
export async function syncDueAwardRules(now = new Date(), limit = 50): Promise<{ synced: number; failed: number }> {
  const due = await db.ltiAwardRule.findMany({
    where: { OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lt: new Date(now.getTime() - 60 * 60 * 1000) } }] },
    orderBy: { lastSyncedAt: { sort: "asc", nulls: "first" } },
    take: limit,
    select: { id: true },
  });
  let synced = 0;
  let failed = 0;
  for (const rule of due) {
    try {
      await syncAwardRule(rule.id);
      synced++;
    } catch (error) {
      failed++;
      if (!(error instanceof LtiServiceError) && !(error instanceof AppError)) log.error({ err: error, ruleId: rule.id }, "LTI award rule sync failed");
      // Marked as tried, so one failing platform does not hold the queue.
      await db.ltiAwardRule.update({ where: { id: rule.id }, data: { lastSyncedAt: now } }).catch(() => undefined);
    }
  }
  return { synced, failed };
}
