import { db, prismaQuery } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { log as rootLog } from "@/lib/log";
import { issuePendingAwards } from "./awards";
import { insertAwards, type AwardReason } from "./ingest";
import { notHoldingSql, qualifyingSql } from "./qualify";
import { engineRuleSelect, metricLabel, ruleDescription } from "./rules";

const log = rootLog.child({ module: "programs" });

/** Awards inserted per transaction (and per step of the job's progress). */
const CHUNK = 500;

async function findRule(organizationId: string, programId: string, ruleId: string) {
  const rule = await db.programRule.findFirst({
    where: { id: ruleId, programId, organizationId, deletedAt: null, program: { archivedAt: null } },
    select: { ...engineRuleSelect, achievement: { select: { name: true } }, program: { select: { name: true, metrics: { select: { key: true, label: true } } } } },
  });
  if (!rule) throw notFound("Rule not found");
  return rule;
}

/**
 * Applies a rule to everyone who already qualifies (a rule added later awards only those who
 * cross it afterwards): a ProgramJob with progress, run in chunks by the queue. Re-running it
 * awards nobody twice.
 */
export async function startApplyRule(organizationId: string, programId: string, ruleId: string, actorId?: string): Promise<{ jobId: string; total: number }> {
  const rule = await findRule(organizationId, programId, ruleId);
  const now = new Date();
  const [row] = await db.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS count FROM (${notHoldingSql(organizationId, rule.achievementId, qualifyingSql(organizationId, programId, rule, now), now)}) x`;
  const total = row?.count ?? 0;
  const job = await db.programJob.create({
    data: { organizationId, programId, createdById: actorId ?? null, kind: "apply_rule", status: "queued", total, options: { ruleId } },
    select: { id: true },
  });
  await enqueue("programs.apply-rule", { jobId: job.id });
  return { jobId: job.id, total };
}

export type ApplyRuleSummary = { id: string; status: string; total: number; done: number; failed: number };

/**
 * The job: inserts an award for each learner who qualifies and holds nothing yet, a chunk per
 * transaction with the progress, then issues them. Safe to run again after a crash: qualifying
 * learners already awarded are left out, and the award's uniqueness covers a race.
 */
export async function runApplyRule(jobId: string): Promise<ApplyRuleSummary> {
  const summary = () => db.programJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, status: true, total: true, done: true, failed: true } });
  const job = await db.programJob.findUnique({ where: { id: jobId } });
  if (!job || job.kind !== "apply_rule") throw notFound("Program job not found");
  if (job.status === "completed" || job.status === "failed") return summary();
  const { ruleId } = (job.options ?? {}) as { ruleId?: string };
  let rule: Awaited<ReturnType<typeof findRule>>;
  try {
    rule = await findRule(job.organizationId, job.programId, ruleId ?? "");
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await db.programJob.update({ where: { id: jobId }, data: { status: "failed", error: "The rule was deleted.", finishedAt: new Date() } });
    return summary();
  }
  await db.programJob.update({ where: { id: jobId }, data: { status: "running", startedAt: job.startedAt ?? new Date(), error: null } });

  const now = new Date();
  const qualifying = await db.$queryRaw<Array<{ email: string; name: string | null; value: number }>>`
    SELECT q.* FROM (${notHoldingSql(job.organizationId, rule.achievementId, qualifyingSql(job.organizationId, job.programId, rule, now), now)}) q ORDER BY q."email"`;
  const label = rule.metric ? metricLabel(rule.metric, rule.program.metrics.find((m) => m.key === rule.metric)?.label) : undefined;
  const description = ruleDescription(rule, label ?? "", rule.achievement.name, "en");
  // Those awarded by an earlier, interrupted run are no longer in the list: the total keeps them.
  await db.programJob.update({ where: { id: jobId }, data: { total: job.done + qualifying.length } });

  for (let start = 0; start < qualifying.length; start += CHUNK) {
    const chunk = qualifying.slice(start, start + CHUNK);
    await db.$transaction(
      async (tx) => {
        await insertAwards(
          prismaQuery(tx),
          job.organizationId,
          chunk.map((learner) => {
            const reason: AwardReason = {
              programId: job.programId,
              programName: rule.program.name,
              ruleId: rule.id,
              kind: rule.kind,
              description,
              metric: rule.metric ?? undefined,
              metricLabel: label,
              value: learner.value,
            };
            return { programId: job.programId, rule, email: learner.email, name: learner.name, reason };
          }),
        );
        await tx.programJob.update({ where: { id: jobId }, data: { done: { increment: chunk.length } } });
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  }
  await db.programJob.update({ where: { id: jobId }, data: { status: "completed", finishedAt: new Date() } });
  log.info({ jobId, ruleId: rule.id, awarded: qualifying.length }, "rule applied");
  await issuePendingAwards({ organizationId: job.organizationId });
  return summary();
}
