import { db } from "@/lib/db";
import { claimUrl } from "@/lib/backpack/claim-token";
import { emailBrand } from "@/lib/issuing/claim-email";
import { publicUrls } from "@/lib/issuing/urls";
import { metricLabel, pathwayNeeds } from "@/lib/programs/rules";
import { linkedInShareUrl, xShareUrl } from "@/lib/sharing/share-urls";
import { safeHttpUrl } from "@/lib/sharing/earn-target";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { DAY_MS, EXPIRY_NOTICE_DAYS, LATE_GRACE_DAYS, LEVEL_REACHED_WITHIN_DAYS, RE_ENGAGEMENT_WINDOW_DAYS, type EngagementKind } from "./kinds";
import { sendOnce, type SendOutcome } from "./send-once";
import { credentialKind } from "@/lib/issuing/credential-kind";
import { claimReminderEmail, expiryReminderEmail, levelReachedEmail, oneStepAwayEmail, reEngagementEmail } from "./templates";

// The scheduler: each function finds what is due at `now` and sends it through `sendOnce`, which
// makes every email once-only. `now` is a parameter so tests drive the clock.

export type ScheduleReport = Record<SendOutcome, number>;
const emptyReport = (): ScheduleReport => ({ sent: 0, duplicate: 0, unsubscribed: 0, failed: 0 });
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Caches per run: the brand of each organization and the language of each address. */
function runContext() {
  const brands = new Map<string, ReturnType<typeof emailBrand>>();
  const locales = new Map<string, Promise<string | null>>();
  return {
    brand: (organizationId: string) => {
      if (!brands.has(organizationId)) brands.set(organizationId, emailBrand(organizationId));
      return brands.get(organizationId)!;
    },
    // As the claim email decides: the language of the account that holds the address, else the default.
    locale: (email: string) => {
      if (!locales.has(email)) {
        locales.set(email, db.user.findFirst({ where: { emails: { some: { email } } }, select: { locale: true } }).then((user) => user?.locale ?? null));
      }
      return locales.get(email)!;
    },
  };
}
type RunContext = ReturnType<typeof runContext>;

async function tally(report: ScheduleReport, sending: Promise<SendOutcome>) {
  report[await sending] += 1;
}

/**
 * Claim reminders: on each of the organization's days after the claim email, while the
 * credential is neither claimed nor declined (nor revoked, renewed or expired). Only the latest
 * step due is sent, so a scheduler that was down does not send two at once.
 */
export async function sendClaimReminders(now: Date, ctx: RunContext = runContext()): Promise<ScheduleReport> {
  const report = emptyReport();
  const rows = await db.$queryRaw<{ id: string; organizationId: string; recipientEmail: string; recipientName: string | null; emailedAt: Date; days: number[]; achievementName: string; achievementType: string }[]>`
    SELECT c."id", c."organizationId", c."recipientEmail", c."recipientName", c."emailedAt", o."claimReminderDays" AS "days", a."name" AS "achievementName", a."achievementType"
    FROM "Credential" c
    JOIN "Organization" o ON o."id" = c."organizationId"
    JOIN "Achievement" a ON a."id" = c."achievementId"
    LEFT JOIN "BackpackEntry" b ON b."credentialId" = c."id"
    WHERE cardinality(o."claimReminderDays") > 0
      AND c."emailedAt" IS NOT NULL
      AND c."emailedAt" <= ${now}::timestamp - make_interval(days => (SELECT min(d) FROM unnest(o."claimReminderDays") d))
      AND c."emailedAt" > ${now}::timestamp - make_interval(days => (SELECT max(d) FROM unnest(o."claimReminderDays") d) + ${LATE_GRACE_DAYS}::int)
      AND c."claimedAt" IS NULL AND c."revokedAt" IS NULL AND c."replacedById" IS NULL
      AND (c."validUntil" IS NULL OR c."validUntil" > ${now}::timestamp)
      AND (b."state" IS NULL OR b."state" = 'pending')`;
  for (const row of rows) {
    const elapsedDays = (now.getTime() - row.emailedAt.getTime()) / DAY_MS;
    const step = Math.max(...row.days.filter((days) => days <= elapsedDays));
    if (elapsedDays - step > LATE_GRACE_DAYS) continue;
    const email = row.recipientEmail;
    const [organization, locale] = await Promise.all([ctx.brand(row.organizationId), ctx.locale(email)]);
    await tally(report, sendOnce(
      { organizationId: row.organizationId, kind: "claim_reminder", email, key: `${row.id}:day-${step}`, credentialId: row.id },
      (links) => claimReminderEmail({ to: email, locale, organization, name: row.recipientName, links, achievementName: row.achievementName, kind: credentialKind(row.achievementType), days: step, claimUrl: claimUrl(row.id, email), publicUrl: publicUrls.credential(row.id) }),
      now,
    ));
  }
  return report;
}

/**
 * Expiry reminders: once, 30 days before a credential's validUntil (a new validUntil, after the
 * issuer changes it, is a new occasion). The renewal path is the achievement's how-to-earn link.
 */
export async function sendExpiryReminders(now: Date, ctx: RunContext = runContext()): Promise<ScheduleReport> {
  const report = emptyReport();
  const rows = await db.$queryRaw<{ id: string; organizationId: string; recipientEmail: string; recipientName: string | null; validUntil: Date; achievementName: string; howToEarnUrl: string | null }[]>`
    SELECT c."id", c."organizationId", c."recipientEmail", c."recipientName", c."validUntil", a."name" AS "achievementName", a."howToEarnUrl"
    FROM "Credential" c
    JOIN "Achievement" a ON a."id" = c."achievementId"
    LEFT JOIN "BackpackEntry" b ON b."credentialId" = c."id"
    WHERE c."validUntil" > ${now}::timestamp
      AND c."validUntil" <= ${new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY_MS)}::timestamp
      AND c."revokedAt" IS NULL AND c."replacedById" IS NULL
      AND (b."state" IS NULL OR b."state" <> 'declined')`;
  for (const row of rows) {
    const email = row.recipientEmail;
    const [organization, locale] = await Promise.all([ctx.brand(row.organizationId), ctx.locale(email)]);
    await tally(report, sendOnce(
      { organizationId: row.organizationId, kind: "expiry_reminder", email, key: `${row.id}:${row.validUntil.toISOString()}`, credentialId: row.id },
      (links) => expiryReminderEmail({ to: email, locale, organization, name: row.recipientName, links, achievementName: row.achievementName, validUntil: row.validUntil, credentialUrl: publicUrls.credential(row.id), renewUrl: safeHttpUrl(row.howToEarnUrl) }),
      now,
    ));
  }
  return report;
}

/** "You reached {level}": each program award issued as a credential, once. */
export async function sendLevelReached(now: Date, ctx: RunContext = runContext()): Promise<ScheduleReport> {
  const report = emptyReport();
  const awards = await db.programAward.findMany({
    where: { status: "issued", credentialId: { not: null }, issuedAt: { gt: daysBefore(now, LEVEL_REACHED_WITHIN_DAYS), lte: now } },
    select: {
      id: true, organizationId: true, programId: true, email: true, name: true, credentialId: true,
      rule: { select: { achievement: { select: { name: true } }, program: { select: { name: true, archivedAt: true } } } },
    },
  });
  for (const award of awards) {
    if (award.rule.program.archivedAt) continue;
    const credentialId = award.credentialId!;
    const email = award.email;
    const [organization, locale] = await Promise.all([ctx.brand(award.organizationId), ctx.locale(email)]);
    const level = award.rule.achievement.name;
    const publicUrl = publicUrls.credential(credentialId);
    await tally(report, sendOnce(
      { organizationId: award.organizationId, kind: "level_reached", email, key: award.id, credentialId, programId: award.programId },
      (links) => levelReachedEmail({
        to: email, locale, organization, name: award.name, links, level, programName: award.rule.program.name,
        // The share step is the claim page's (accept, then share from the backpack); the network links share the public page.
        claimUrl: claimUrl(credentialId, email),
        publicUrl,
        shareUrls: { linkedin: linkedInShareUrl(publicUrl), x: xShareUrl({ text: level, url: publicUrl }) },
      }),
      now,
    ));
  }
  return report;
}

type Nudge = { organizationId: string; programId: string; programName: string; enrolUrl: string | null; visibility: string; email: string; name: string | null; ruleId: string; achievementName: string };

/** Where a learner continues a program: the organization's own page for it, else the program's page, else the issuer's. */
function continueUrl(program: { programId: string; enrolUrl: string | null; visibility: string; organizationId: string }): string {
  return safeHttpUrl(program.enrolUrl) ?? (program.visibility === "public" ? `${env().BASE_URL}${publicPath("program", { id: program.programId })}` : publicUrls.issuer(program.organizationId));
}

/**
 * "One step away": a learner one event from a target or level (the metric within 1 of it), or
 * one badge from a pathway, who does not hold the achievement yet. At most one a week per
 * learner and program (sendOnce enforces it), and once per rule.
 */
export async function sendOneStepAway(now: Date, ctx: RunContext = runContext()): Promise<ScheduleReport> {
  const report = emptyReport();
  const targets = await db.$queryRaw<(Nudge & { metric: string; metricLabels: unknown; value: number; atLeast: number })[]>`
    SELECT r."organizationId", r."programId", p."name" AS "programName", p."enrolUrl", p."visibility", m."email", l."name", r."id" AS "ruleId",
           a."name" AS "achievementName", r."metric", pm."label" AS "metricLabels", m."value", r."atLeast"
    FROM "ProgramRule" r
    JOIN "Program" p ON p."id" = r."programId" AND p."archivedAt" IS NULL
    JOIN "Achievement" a ON a."id" = r."achievementId"
    JOIN "LearnerMetric" m ON m."programId" = r."programId" AND m."metric" = r."metric"
    JOIN "ProgramLearner" l ON l."programId" = r."programId" AND l."email" = m."email"
    LEFT JOIN "ProgramMetric" pm ON pm."programId" = r."programId" AND pm."key" = r."metric"
    WHERE r."kind" = 'target' AND r."deletedAt" IS NULL AND r."atLeast" IS NOT NULL
      AND m."value" < r."atLeast" AND m."value" >= r."atLeast" - 1
      AND NOT EXISTS (SELECT 1 FROM "ProgramAward" aw WHERE aw."organizationId" = r."organizationId" AND aw."achievementId" = r."achievementId" AND aw."email" = m."email" AND aw."status" <> 'revoked')
      AND NOT EXISTS (SELECT 1 FROM "EngagementEmail" e WHERE e."kind" = 'one_step_away' AND e."key" LIKE r."id" || ':' || m."email" || '%')`;
  const pathways = await db.$queryRaw<(Nudge & { requires: string[]; count: number | null; held: bigint })[]>`
    SELECT r."organizationId", r."programId", p."name" AS "programName", p."enrolUrl", p."visibility", l."email", l."name", r."id" AS "ruleId",
           a."name" AS "achievementName", r."requires", r."count",
           (SELECT count(DISTINCT c."achievementId") FROM "Credential" c
             WHERE c."organizationId" = r."organizationId" AND c."recipientEmail" = l."email" AND c."achievementId" = ANY(r."requires")
               AND c."revokedAt" IS NULL AND (c."validUntil" IS NULL OR c."validUntil" > ${now}::timestamp)) AS "held"
    FROM "ProgramRule" r
    JOIN "Program" p ON p."id" = r."programId" AND p."archivedAt" IS NULL
    JOIN "Achievement" a ON a."id" = r."achievementId"
    JOIN "ProgramLearner" l ON l."programId" = r."programId"
    WHERE r."kind" = 'pathway' AND r."deletedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "ProgramAward" aw WHERE aw."organizationId" = r."organizationId" AND aw."achievementId" = r."achievementId" AND aw."email" = l."email" AND aw."status" <> 'revoked')
      AND NOT EXISTS (SELECT 1 FROM "EngagementEmail" e WHERE e."kind" = 'one_step_away' AND e."key" LIKE r."id" || ':' || l."email" || '%')`;
  type Step = { kind: "event"; metric: string; metricLabels: unknown; current: number; target: number } | { kind: "badge" };
  const due: (Nudge & { step: Step })[] = [];
  for (const row of targets) due.push({ ...row, step: { kind: "event", metric: row.metric, metricLabels: row.metricLabels, current: row.value, target: row.atLeast } });
  for (const row of pathways) if (Number(row.held) === pathwayNeeds({ kind: "pathway", achievementId: "", requires: row.requires, count: row.count }) - 1) due.push({ ...row, step: { kind: "badge" } });
  for (const nudge of due) {
    const [organization, locale] = await Promise.all([ctx.brand(nudge.organizationId), ctx.locale(nudge.email)]);
    const step = nudge.step.kind === "event" ? { ...nudge.step, metric: metricLabel(nudge.step.metric, nudge.step.metricLabels, locale) } : nudge.step;
    await tally(report, sendOnce(
      { organizationId: nudge.organizationId, kind: "one_step_away", email: nudge.email, key: `${nudge.ruleId}:${nudge.email}`, programId: nudge.programId },
      (links) => oneStepAwayEmail({ to: nudge.email, locale, organization, name: nudge.name, links, programName: nudge.programName, achievementName: nudge.achievementName, step, continueUrl: continueUrl(nudge) }),
      now,
    ));
  }
  return report;
}

/**
 * Re-engagement: learners with no activity in a program for the organization's N days (off
 * when it chose none), once per quiet spell. Spells that began long before (more than N + 30
 * days ago) are left alone: those learners have moved on.
 */
export async function sendReEngagement(now: Date, ctx: RunContext = runContext()): Promise<ScheduleReport> {
  const report = emptyReport();
  const rows = await db.$queryRaw<{ id: string; organizationId: string; programId: string; programName: string; enrolUrl: string | null; visibility: string; email: string; name: string | null; lastActivityAt: Date; days: number }[]>`
    SELECT l."id", l."organizationId", l."programId", p."name" AS "programName", p."enrolUrl", p."visibility", l."email", l."name", l."lastActivityAt", o."reEngagementDays" AS "days"
    FROM "ProgramLearner" l
    JOIN "Program" p ON p."id" = l."programId" AND p."archivedAt" IS NULL
    JOIN "Organization" o ON o."id" = l."organizationId"
    WHERE o."reEngagementDays" IS NOT NULL
      AND l."lastActivityAt" <= ${now}::timestamp - make_interval(days => o."reEngagementDays")
      AND l."lastActivityAt" > ${now}::timestamp - make_interval(days => o."reEngagementDays" + ${RE_ENGAGEMENT_WINDOW_DAYS}::int)`;
  for (const row of rows) {
    const [organization, locale] = await Promise.all([ctx.brand(row.organizationId), ctx.locale(row.email)]);
    const idleDays = Math.floor((now.getTime() - row.lastActivityAt.getTime()) / DAY_MS);
    await tally(report, sendOnce(
      { organizationId: row.organizationId, kind: "re_engagement", email: row.email, key: `${row.id}:${row.lastActivityAt.toISOString()}`, programId: row.programId },
      (links) => reEngagementEmail({ to: row.email, locale, organization, name: row.name, links, programName: row.programName, days: idleDays, continueUrl: continueUrl(row) }),
      now,
    ));
  }
  return report;
}

/** Everything due at `now`, kind by kind (the periodic job's work). */
export async function sendDueEngagementEmails(now: Date = new Date()): Promise<Record<EngagementKind, ScheduleReport>> {
  const ctx = runContext();
  return {
    claim_reminder: await sendClaimReminders(now, ctx),
    expiry_reminder: await sendExpiryReminders(now, ctx),
    level_reached: await sendLevelReached(now, ctx),
    one_step_away: await sendOneStepAway(now, ctx),
    re_engagement: await sendReEngagement(now, ctx),
  };
}
