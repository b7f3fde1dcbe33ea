import type { Prisma } from "@/lib/db/generated/client.ts";
import { issuedThisMonth } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { translatorFor } from "@/lib/i18n/translator";
import { enqueueInTransaction, startQueue } from "@/lib/jobs";
import { log as rootLog } from "@/lib/log";
import { claimEmailJob } from "@/lib/issuing/claim-email";
import { issueBatch, loadBatchContext, type BatchContext, type BatchItem, type SettledItems } from "@/lib/issuing/issue-batch";
import { publicUrls } from "@/lib/issuing/urls";
import type { AwardReason } from "./ingest";
import { emitAwardEvents } from "@/lib/webhooks/program-events";
import { evaluatePathways } from "./pathways";
import { metricLabel, ruleDescription } from "./rules";

const log = rootLog.child({ module: "programs" });

type Tx = Prisma.TransactionClient;

/** Awards issued per pass, per achievement and rule. */
const CHUNK = 200;

export type AwardIssueSummary = { issued: number; held: number; waiting: number; failed: number };

type PendingAward = { id: string; organizationId: string; programId: string; ruleId: string; achievementId: string; email: string; name: string | null; reason: AwardReason };

/** The idempotency key of an award's credential: a retry after a crash finds it instead of issuing again. */
export const awardIdempotencyKey = (awardId: string) => `award:${awardId}`;

/**
 * Turns pending awards into credentials through the one issuing path (quota, both proofs,
 * status list, events, audit), per achievement in chunks, until none is pending. With
 * `includeWaiting` the awards waiting for the plan's quota are tried again (the periodic job).
 * An award whose learner already holds a valid credential of the achievement is marked `held`
 * with it; past the month's quota it waits (`waitingReason: "quota"`), never dropped.
 */
export async function issuePendingAwards(options: { organizationId?: string; includeWaiting?: boolean } = {}): Promise<AwardIssueSummary> {
  const summary: AwardIssueSummary = { issued: 0, held: 0, waiting: 0, failed: 0 };
  const statuses = options.includeWaiting ? ["pending", "waiting"] : ["pending"];
  // Awards looked at in this call: one that stays waiting is not tried twice in one pass.
  const tried = new Set<string>();
  for (;;) {
    const awards = (await db.programAward.findMany({
      where: { status: { in: statuses }, ...(options.organizationId ? { organizationId: options.organizationId } : {}), id: { notIn: [...tried] } },
      orderBy: { createdAt: "asc" },
      take: CHUNK,
      select: { id: true, organizationId: true, programId: true, ruleId: true, achievementId: true, email: true, name: true, reason: true },
    })) as PendingAward[];
    if (awards.length === 0) return summary;
    const groups = new Map<string, PendingAward[]>();
    for (const award of awards) {
      tried.add(award.id);
      const id = `${award.organizationId}|${award.achievementId}|${award.ruleId}`;
      groups.set(id, [...(groups.get(id) ?? []), award]);
    }
    for (const group of groups.values()) {
      const result = await issueGroup(group);
      await emitAwardEvents(group[0].organizationId, group.map((award) => award.id));
      summary.issued += result.issued;
      summary.held += result.held;
      summary.waiting += result.waiting;
      summary.failed += result.failed;
    }
  }
}

/** One organization, achievement and rule: held ones marked, the rest issued up to the quota. */
async function issueGroup(awards: PendingAward[]): Promise<AwardIssueSummary> {
  const { organizationId, achievementId, ruleId } = awards[0];
  const result: AwardIssueSummary = { issued: 0, held: 0, waiting: 0, failed: 0 };

  // Learners who already hold a valid credential of the achievement (by hand, CSV, API, or an
  // earlier award) keep it: the award points at it instead of issuing a second one.
  const held = await db.$queryRaw<Array<{ awardId: string; credentialId: string }>>`
    SELECT DISTINCT ON (a.id) a.id AS "awardId", c."id" AS "credentialId"
    FROM unnest(${awards.map((a) => a.id)}::text[], ${awards.map((a) => a.email)}::text[]) AS a(id, email)
    JOIN "Credential" c ON c."organizationId" = ${organizationId} AND c."achievementId" = ${achievementId} AND c."recipientEmail" = a.email
      AND c."revokedAt" IS NULL AND (c."validUntil" IS NULL OR c."validUntil" > (now() AT TIME ZONE 'UTC'))
      AND c."idempotencyKey" IS DISTINCT FROM ('award:' || a.id)
      AND NOT EXISTS (SELECT 1 FROM "ProgramAward" o WHERE o."credentialId" = c."id")
    ORDER BY a.id, c."issuedAt"`;
  if (held.length > 0) {
    result.held = await db.$executeRaw`
      UPDATE "ProgramAward" AS w SET "status" = 'held', "credentialId" = v.credential, "waitingReason" = NULL
      FROM unnest(${held.map((h) => h.awardId)}::text[], ${held.map((h) => h.credentialId)}::text[]) AS v(id, credential)
      WHERE w."id" = v.id AND w."status" IN ('pending', 'waiting')`;
  }
  const heldIds = new Set(held.map((h) => h.awardId));
  const toIssue = awards.filter((award) => !heldIds.has(award.id));
  if (toIssue.length === 0) return result;

  let context: BatchContext;
  try {
    context = await awardContext(organizationId, achievementId, ruleId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The achievement was archived or deleted: no retry would help.
    log.warn({ organizationId, achievementId, err: error }, "program awards of an achievement that cannot be issued");
    result.failed = await markAwards(db, toIssue.map((a) => a.id), "failed", null);
    return result;
  }

  // Signing is the expensive part: past the month's quota the awards wait without being signed.
  const room = context.monthlyCredentials === null ? toIssue.length : Math.max(0, context.monthlyCredentials - (await issuedThisMonth(organizationId)));
  const now = toIssue.slice(0, room);
  const later = toIssue.slice(room);
  if (later.length > 0) result.waiting += await markAwards(db, later.map((a) => a.id), "waiting", "quota");
  if (now.length === 0) return result;

  await startQueue({ workers: false });
  const items: BatchItem[] = now.map((award) => ({ recipient: { email: award.email, name: award.name ?? undefined }, idempotencyKey: awardIdempotencyKey(award.id) }));
  const outcomes = await issueBatch(context, items, {
    eventData: (index) => ({ award: { ...now[index].reason, awardId: now[index].id } }),
    onStored: (tx, settled) => recordAwardOutcomes(tx, now, settled),
  });
  const issuedPairs: Array<{ email: string; achievementId: string }> = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === "issued" || outcome.status === "skipped") {
      result.issued++;
      issuedPairs.push({ email: now[index].email, achievementId });
    } else if (outcome.error === "quota_exceeded") result.waiting++;
    else result.failed++;
  });
  // A credential just issued may complete a pathway: checked now rather than on the feed's next run.
  if (issuedPairs.length > 0) await evaluatePathways(organizationId, issuedPairs);
  return result;
}

async function markAwards(client: Pick<Tx, "$executeRaw">, ids: string[], status: string, waitingReason: string | null): Promise<number> {
  return client.$executeRaw`
    UPDATE "ProgramAward" SET "status" = ${status}, "waitingReason" = ${waitingReason}
    WHERE "id" = ANY(${ids}::text[]) AND "status" IN ('pending', 'waiting')`;
}

/**
 * In the transaction that stored the credentials: the awards become issued (with their
 * credential), wait for the quota or fail, and the claim emails of the new credentials are queued.
 */
async function recordAwardOutcomes(tx: Tx, awards: PendingAward[], settled: SettledItems): Promise<void> {
  const issued = settled.flatMap(({ index, outcome }) => ("credentialId" in outcome ? [{ id: awards[index].id, credentialId: outcome.credentialId }] : []));
  if (issued.length > 0) {
    await tx.$executeRaw`
      UPDATE "ProgramAward" AS w SET "status" = 'issued', "credentialId" = v.credential, "issuedAt" = (now() AT TIME ZONE 'UTC'), "waitingReason" = NULL
      FROM unnest(${issued.map((i) => i.id)}::text[], ${issued.map((i) => i.credentialId)}::text[]) AS v(id, credential)
      WHERE w."id" = v.id AND w."status" IN ('pending', 'waiting')`;
  }
  const waiting = settled.flatMap(({ index, outcome }) => (outcome.status === "failed" && outcome.error === "quota_exceeded" ? [awards[index].id] : []));
  if (waiting.length > 0) await markAwards(tx, waiting, "waiting", "quota");
  const failed = settled.flatMap(({ index, outcome }) => (outcome.status === "failed" && outcome.error !== "quota_exceeded" ? [awards[index].id] : []));
  if (failed.length > 0) await markAwards(tx, failed, "failed", null);
  // Only credentials this transaction stored get their email: exactly once each.
  const emails = settled.flatMap(({ outcome }) => (outcome.status === "issued" ? [{ credentialId: outcome.credentialId }] : []));
  await enqueueInTransaction(tx, claimEmailJob.name, emails);
}

/**
 * The issuing context of an award's achievement. A level of a ladder (several target rules of
 * one program on one metric) carries its place: `related` names the other levels, and when the
 * achievement has no criteria narrative of its own, one is written from the rule.
 */
async function awardContext(organizationId: string, achievementId: string, ruleId: string): Promise<BatchContext> {
  const context = await loadBatchContext(organizationId, achievementId);
  const rule = await db.programRule.findUnique({ where: { id: ruleId }, select: { kind: true, metric: true, atLeast: true, programId: true, program: { select: { name: true, metrics: { select: { key: true, label: true } } } } } });
  if (!rule || rule.kind !== "target" || !rule.metric) return context;
  const levels = await db.programRule.findMany({
    where: { programId: rule.programId, kind: "target", metric: rule.metric, deletedAt: null },
    orderBy: { atLeast: "asc" },
    select: { achievementId: true, atLeast: true },
  });
  if (levels.length < 2) return context;
  const level = levels.findIndex((l) => l.achievementId === achievementId) + 1;
  const document = context.achievementDocument as { criteria?: { id?: string; narrative?: string } };
  const label = metricLabel(rule.metric, rule.program.metrics.find((m) => m.key === rule.metric)?.label);
  const { t } = translatorFor("en");
  const narrative =
    document.criteria?.narrative ??
    t("programs.rules.ladder" as never, {
      level,
      levels: levels.length,
      program: rule.program.name,
      rule: ruleDescription({ kind: "target", achievementId, metric: rule.metric, atLeast: rule.atLeast }, label, context.achievement.name, "en"),
    } as never);
  const related = [...new Set(levels.map((l) => l.achievementId))].filter((id) => id !== achievementId).map((id) => ({ id: publicUrls.achievement(id), type: ["Related"] }));
  return { ...context, achievementDocument: { ...document, criteria: { ...document.criteria, narrative }, ...(related.length > 0 ? { related } : {}) } };
}
