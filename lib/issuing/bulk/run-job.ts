import { availableParallelism } from "node:os";
import { databaseKind, db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue, queueBoss, startQueue } from "@/lib/jobs";
import { log as rootLog } from "@/lib/log";
import { SigningPool } from "@/lib/ob/sign-batch";
import { claimEmailJob } from "../claim-email";
import { loadBatchContext, prepareBatch, storeBatch, type BatchItem, type BatchOutcome, type Signer } from "../issue-batch";
import { bulkIdempotencyKey } from "./idempotency";
import { describeIssue } from "./messages";
import { parseIsoDate, type BulkRowData } from "./validate";

const log = rootLog.child({ module: "bulk" });

/**
 * Rows per batch. On PostgreSQL bigger batches are faster (fewer round trips); the embedded
 * database has one connection, which a batch's transaction holds while pages wait.
 */
export const bulkBatchSize = () => (databaseKind() === "postgres" ? 500 : 200);
// Below this many rows, starting worker threads costs more than it saves.
const POOL_THRESHOLD = 1000;
// A run hands over to a fresh queue job after this long, so a queue job never nears its expiry
// and one killed with its process is retried within minutes (the rows are the checkpoint).
const TIME_BUDGET_MS = 2 * 60 * 1000;

export type RunBulkJobOptions = {
  batchSize?: number;
  /** Signs on the calling thread or this pool; by default a pool for large jobs when cores allow. */
  sign?: Signer;
  /** Called after each batch is stored (tests use it to simulate a crash). */
  afterBatch?: (batch: number) => Promise<void> | void;
  /** After this long the run queues its continuation and returns (default two minutes). */
  timeBudgetMs?: number;
  /** A retry after a failed or lost attempt: queue the claim emails that attempt may not have. */
  resumed?: boolean;
};

export type BulkJobSummary = { id: string; status: string; total: number; done: number; failed: number };

function toBatchItem(organizationId: string, achievementId: string, data: BulkRowData): BatchItem {
  return {
    idempotencyKey: bulkIdempotencyKey(organizationId, achievementId, data),
    recipient: { email: data.email, name: data.name },
    validFrom: data.issueDate ? (parseIsoDate(data.issueDate) ?? undefined) : undefined,
    validUntil: data.expiryDate ? (parseIsoDate(data.expiryDate) ?? undefined) : undefined,
    evidence: data.evidenceUrl ? [{ id: data.evidenceUrl }] : undefined,
    narrative: data.narrative,
    result: data.result,
  };
}

async function startSigner(pending: number): Promise<{ sign?: Signer; close(): Promise<void> }> {
  const cores = availableParallelism();
  if (pending < POOL_THRESHOLD || cores < 2) return { close: async () => undefined };
  try {
    const pool = await SigningPool.start(cores);
    return { sign: (credentials, key) => pool.sign(credentials, key), close: () => pool.close() };
  } catch (err) {
    // E.g. inside the Next.js bundle, which has no worker file: sign on this thread.
    log.info({ err }, "signing on the job's thread");
    return { close: async () => undefined };
  }
}

/** Counters from the rows themselves, so a resumed or doubled run never miscounts. */
async function refreshCounters(tx: Pick<typeof db, "$executeRaw">, jobId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "BulkJob" SET
      "done" = (SELECT count(*) FROM "BulkRow" WHERE "jobId" = ${jobId} AND "status" <> 'pending'),
      "failed" = (SELECT count(*) FROM "BulkRow" WHERE "jobId" = ${jobId} AND "status" = 'failed')
    WHERE "id" = ${jobId}`;
}

/**
 * Claim emails of this job's credentials that are neither sent nor queued: a crash between a
 * batch's commit and queuing its emails would otherwise leave those recipients without one.
 */
async function queueMissingClaimEmails(jobId: string): Promise<number> {
  const missing = await db.$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Credential" c
    WHERE c."bulkJobId" = ${jobId} AND c."emailedAt" IS NULL AND c."revokedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${claimEmailJob.name} AND j.data->>'credentialId' = c."id")
      AND NOT EXISTS (SELECT 1 FROM pgboss.archive a WHERE a.name = ${claimEmailJob.name} AND a.data->>'credentialId' = c."id")`;
  await queueClaimEmails(missing.map((row) => row.id));
  return missing.length;
}

async function queueClaimEmails(credentialIds: string[]): Promise<void> {
  if (credentialIds.length === 0) return;
  // One insert for the whole batch instead of a round trip per email.
  await startQueue({ workers: false });
  const boss = queueBoss();
  if (!boss) throw new Error("The job queue is stopped.");
  await boss.insert(credentialIds.map((credentialId) => ({ name: claimEmailJob.name, data: { credentialId } })));
}

/**
 * Issues a bulk job's pending rows, a batch at a time. Each batch stores its credentials, their
 * events, its rows' outcomes and the job's counters in one transaction: the rows are the
 * checkpoint, so a run after a crash continues with what is still pending and, through the
 * rows' idempotency keys, never issues anyone twice. Claim emails are queued after each batch.
 */
export async function runBulkJob(jobId: string, options: RunBulkJobOptions = {}): Promise<BulkJobSummary> {
  const job = await db.bulkJob.findUnique({ where: { id: jobId } });
  if (!job) throw new AppError("not_found", `Bulk job ${jobId} not found`);
  const summary = () => db.bulkJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, status: true, total: true, done: true, failed: true } });
  if (job.status === "completed" || job.status === "failed") return summary();
  await db.bulkJob.update({ where: { id: jobId }, data: { status: "running", startedAt: job.startedAt ?? new Date(), error: null } });

  let context;
  try {
    context = await loadBatchContext(job.organizationId, job.achievementId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The achievement was archived or deleted meanwhile: no retry would help.
    await db.bulkJob.update({ where: { id: jobId }, data: { status: "failed", error: error.message, finishedAt: new Date() } });
    return summary();
  }
  if (options.resumed) {
    const requeued = await queueMissingClaimEmails(jobId);
    if (requeued > 0) log.warn({ jobId, requeued }, "queued claim emails a failed attempt had not");
  }
  const settings = (job.options ?? {}) as { message?: string | null };
  const started = performance.now();
  const pending = await db.bulkRow.count({ where: { jobId, status: "pending" } });
  const signer = options.sign ? { sign: options.sign, close: async () => undefined } : await startSigner(pending);
  const batchSize = options.batchSize ?? bulkBatchSize();
  const issueOptions = { message: settings.message ?? undefined, bulkJobId: jobId, actorId: job.createdById ?? undefined, sign: signer.sign };

  // Reads the next pending rows after `after` and builds and signs them (no credential stored yet).
  const prepareNext = async (after: number) => {
    const rows = await db.bulkRow.findMany({
      where: { jobId, status: "pending", rowNumber: { gt: after } },
      orderBy: { rowNumber: "asc" },
      take: batchSize,
      select: { id: true, rowNumber: true, data: true },
    });
    if (rows.length === 0) return null;
    const items = rows.map((row) => toBatchItem(job.organizationId, job.achievementId, row.data as BulkRowData));
    return { rows, prepared: await prepareBatch(context, items, issueOptions) };
  };

  // While one batch is being stored, the next is signed (on the pool's threads when there is one).
  let next: ReturnType<typeof prepareNext> | undefined = prepareNext(0);
  try {
    for (let batch = 1; ; batch++) {
      const current = await next;
      next = undefined;
      if (!current) break;
      next = prepareNext(current.rows[current.rows.length - 1].rowNumber);
      // A failure here must not leave the next batch's promise unobserved.
      next.catch(() => undefined);
      const outcomes = await storeBatch(context, current.prepared, {
        ...issueOptions,
        onStored: (tx, results) => recordOutcomes(tx, jobId, current.rows.map((row) => row.id), results),
      });
      await queueClaimEmails(outcomes.flatMap((outcome) => (outcome.status === "issued" ? [outcome.credentialId] : [])));
      await options.afterBatch?.(batch);
      if (performance.now() - started > (options.timeBudgetMs ?? TIME_BUDGET_MS)) {
        await enqueue("credential.bulk-issue", { jobId });
        return await summary();
      }
    }
  } finally {
    // A prepared batch that is never stored leaves only unused status indexes behind.
    await next?.catch(() => undefined);
    await signer.close();
  }
  await db.$transaction(async (tx) => {
    await refreshCounters(tx, jobId);
    await tx.bulkJob.update({ where: { id: jobId }, data: { status: "completed", finishedAt: new Date() } });
  });
  return summary();
}

async function recordOutcomes(tx: Pick<typeof db, "$executeRaw">, jobId: string, rowIds: string[], outcomes: BatchOutcome[]): Promise<void> {
  const statuses = outcomes.map((outcome) => outcome.status);
  const credentialIds = outcomes.map((outcome) => ("credentialId" in outcome ? outcome.credentialId : null));
  const errors = outcomes.map((outcome) =>
    outcome.status === "skipped" ? describeIssue({ code: "already_issued" }, "en") : outcome.status === "failed" ? describeIssue({ code: outcome.error }, "en") : null,
  );
  // One statement for the batch. Only rows still pending change, and the counters grow by the
  // rows that did: another run that got there first is neither overwritten nor counted twice.
  await tx.$executeRaw`
    WITH updated AS (
      UPDATE "BulkRow" AS r SET "status" = v.status, "credentialId" = v.credential, "error" = v.error
      FROM unnest(${rowIds}::text[], ${statuses}::text[], ${credentialIds}::text[], ${errors}::text[]) AS v(id, status, credential, error)
      WHERE r."id" = v.id AND r."status" = 'pending'
      RETURNING r."status"
    )
    UPDATE "BulkJob" SET
      "done" = "done" + (SELECT count(*) FROM updated),
      "failed" = "failed" + (SELECT count(*) FROM updated WHERE "status" = 'failed')
    WHERE "id" = ${jobId}`;
}

/** Marks a job failed once its last attempt has failed, so its page stops waiting. */
async function markFailed(jobId: string, error: unknown): Promise<void> {
  await db.bulkJob.updateMany({
    where: { id: jobId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: error instanceof Error ? error.message.slice(0, 1000) : String(error), finishedAt: new Date() },
  });
}

/** The queue's entry point: on the last failed attempt the job is marked failed, so its page stops waiting. */
export async function handleBulkIssue(jobId: string, context: { retryCount: number; retryLimit: number }): Promise<BulkJobSummary> {
  try {
    return await runBulkJob(jobId, { resumed: context.retryCount > 0 });
  } catch (error) {
    if (context.retryCount >= context.retryLimit) await markFailed(jobId, error);
    throw error;
  }
}
