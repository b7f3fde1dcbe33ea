import { emitBulkJobFinished } from "@/lib/webhooks/program-events";
import { availableParallelism } from "node:os";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { databaseKind, db } from "@/lib/db";
import { isSessionLockHeld, trySessionLock } from "@/lib/db/session-lock";
import { AppError } from "@/lib/errors";
import { enqueue, enqueueInTransaction, startQueue } from "@/lib/jobs";
import { log as rootLog } from "@/lib/log";
import { SigningPool } from "@/lib/ob/sign-batch";
import { claimEmailJob } from "../claim-email";
import { loadBatchContext, prepareBatch, storeBatch, type BatchContext, type BatchItem, type SettledItems, type Signer } from "../issue-batch";
import { bulkIdempotencyKey } from "./idempotency";
import { describeIssue } from "./messages";
import { checkBulkRow, type BulkIssue, type BulkRowData } from "./validate";

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
  /**
   * Aborted when this process stops taking jobs (a deploy, a scale-down): the run hands over
   * after the batch in hand, so another process continues at once rather than after a lease.
   */
  signal?: AbortSignal;
};

export type BulkJobSummary = { id: string; status: string; total: number; done: number; failed: number };

/** The name of the lock a run holds on its job while it works: released when its process dies. */
const runLock = (jobId: string) => `laurel:bulk-job:${jobId}`;

type Tx = Prisma.TransactionClient;

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
 * Issues a bulk job's pending rows, a batch at a time. Each batch stores its credentials, their
 * events, its rows' outcomes, the job's counters and the credentials' claim emails in one
 * transaction: the rows are the checkpoint, so a run after a crash continues with what is still
 * pending and, through the rows' idempotency keys, never issues anyone twice nor emails them
 * twice. One run at a time works on a job: it holds the job's lock, which dies with its process.
 */
export async function runBulkJob(jobId: string, options: RunBulkJobOptions = {}): Promise<BulkJobSummary> {
  const summary = () => db.bulkJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, status: true, total: true, done: true, failed: true } });
  const lock = await trySessionLock(runLock(jobId));
  if (!lock) {
    // A live run holds the job (this attempt is a duplicate, e.g. an expired queue entry retried).
    log.info({ jobId }, "bulk job already being run elsewhere");
    return summary();
  }
  let handedOver = false;
  let finishedBy: string | null = null;
  try {
    const job = await db.bulkJob.findUnique({ where: { id: jobId } });
    if (!job) throw new AppError("not_found", `Bulk job ${jobId} not found`);
    if (job.status === "completed" || job.status === "failed") return await summary();
    // A scheduled job waits for its time (the dispatcher queues it then); a cancelled one never runs.
    if (job.status === "scheduled" || job.status === "cancelled") return await summary();
    if (job.status === "running") log.warn({ jobId }, "resuming a bulk job whose last run stopped without finishing");
    await db.bulkJob.update({ where: { id: jobId }, data: { status: "running", startedAt: job.startedAt ?? new Date(), error: null } });

    let context: BatchContext;
    try {
      context = await loadBatchContext(job.organizationId, job.achievementId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The achievement was archived or deleted meanwhile: no retry would help.
      await stopJob(jobId, error.message, { code: "achievement_archived" });
      return await summary();
    }
    // Claim emails are queued inside the batches' transactions: the queue must be up first.
    await startQueue({ workers: false });
    const settings = (job.options ?? {}) as { message?: string | null };
    const started = performance.now();
    const pending = await db.bulkRow.count({ where: { jobId, status: "pending" } });
    const signer = options.sign ? { sign: options.sign, close: async () => undefined } : await startSigner(pending);
    const batchSize = options.batchSize ?? bulkBatchSize();
    const issueOptions = { message: settings.message ?? undefined, bulkJobId: jobId, actorId: job.createdById ?? undefined, sign: signer.sign };
    const policy = context.achievement;

    // Reads the next pending rows after `after`, checks each again as the preview did, and builds
    // and signs the valid ones (no credential stored yet). Rows the check now refuses fail alone.
    const prepareNext = async (after: number) => {
      const rows = await db.bulkRow.findMany({
        where: { jobId, status: "pending", rowNumber: { gt: after } },
        orderBy: { rowNumber: "asc" },
        take: batchSize,
        select: { id: true, rowNumber: true, data: true },
      });
      if (rows.length === 0) return null;
      const last = rows[rows.length - 1].rowNumber;
      const issuable: Array<{ id: string; item: BatchItem }> = [];
      const refused: Array<{ id: string; issue: BulkIssue }> = [];
      for (const row of rows) {
        const data = row.data as BulkRowData;
        const checked = checkBulkRow(data, policy);
        if ("issue" in checked) refused.push({ id: row.id, issue: checked.issue });
        else issuable.push({ id: row.id, item: { ...checked.request, idempotencyKey: bulkIdempotencyKey(job.organizationId, job.achievementId, data) } });
      }
      if (refused.length > 0) await failRows(jobId, refused);
      return { last, rowIds: issuable.map((row) => row.id), prepared: await prepareBatch(context, issuable.map((row) => row.item), issueOptions) };
    };

    // While one batch is being stored, the next is signed (on the pool's threads when there is one).
    let next: ReturnType<typeof prepareNext> | undefined = prepareNext(0);
    try {
      for (let batch = 1; ; batch++) {
        const current = await next;
        next = undefined;
        if (!current) break;
        next = prepareNext(current.last);
        // A failure here must not leave the next batch's promise unobserved.
        next.catch(() => undefined);
        await storeBatch(context, current.prepared, {
          ...issueOptions,
          onStored: (tx, settled) => recordOutcomes(tx, jobId, current.rowIds, settled),
        });
        await options.afterBatch?.(batch);
        if (options.signal?.aborted || performance.now() - started > (options.timeBudgetMs ?? TIME_BUDGET_MS)) {
          handedOver = true;
          break;
        }
      }
    } finally {
      // A prepared batch that is never stored leaves only unused status indexes behind.
      await next?.catch(() => undefined);
      await signer.close();
    }
    if (!handedOver) {
      await db.$transaction(async (tx) => {
        await refreshCounters(tx, jobId);
        await tx.bulkJob.update({ where: { id: jobId }, data: { status: "completed", finishedAt: new Date() } });
      });
      finishedBy = job.organizationId;
    }
  } finally {
    await lock.release();
  }
  // Queued once the lock is released, so the continuation finds the job free.
  if (handedOver) await enqueue("credential.bulk-issue", { jobId });
  if (finishedBy) await emitBulkJobFinished(finishedBy, jobId);
  return summary();
}

/**
 * Records a batch's outcomes on its rows and queues the claim emails of the credentials it
 * issued, in the transaction that stored them. Only rows still pending change, and the counters
 * grow by the rows that did: another run that got there first is neither overwritten nor counted twice.
 */
async function recordOutcomes(tx: Tx, jobId: string, rowIds: string[], settled: SettledItems): Promise<void> {
  const ids = settled.map(({ index }) => rowIds[index]);
  const statuses = settled.map(({ outcome }) => outcome.status);
  const credentialIds = settled.map(({ outcome }) => ("credentialId" in outcome ? outcome.credentialId : null));
  const errors = settled.map(({ outcome }) =>
    outcome.status === "skipped" ? describeIssue({ code: "already_issued" }, "en") : outcome.status === "failed" ? describeIssue({ code: outcome.error }, "en") : null,
  );
  // A failure keeps its issue code too, so the report says it in the reader's language.
  const issues = settled.map(({ outcome }) => (outcome.status === "failed" ? JSON.stringify({ code: outcome.error }) : null));
  await tx.$executeRaw`
    WITH updated AS (
      UPDATE "BulkRow" AS r SET "status" = v.status, "credentialId" = v.credential, "error" = v.error,
        "data" = CASE WHEN v.issue IS NULL THEN r."data" ELSE r."data" || jsonb_build_object('issue', v.issue::jsonb) END
      FROM unnest(${ids}::text[], ${statuses}::text[], ${credentialIds}::text[], ${errors}::text[], ${issues}::text[]) AS v(id, status, credential, error, issue)
      WHERE r."id" = v.id AND r."status" = 'pending'
      RETURNING r."status"
    )
    UPDATE "BulkJob" SET
      "done" = "done" + (SELECT count(*) FROM updated),
      "failed" = "failed" + (SELECT count(*) FROM updated WHERE "status" = 'failed')
    WHERE "id" = ${jobId}`;
  // Only credentials this transaction stored are "issued": a credential gets its email exactly once.
  const issued = settled.flatMap(({ outcome }) => (outcome.status === "issued" ? [{ credentialId: outcome.credentialId }] : []));
  await enqueueInTransaction(tx, claimEmailJob.name, issued);
}

/** Fails rows with a reason (kept as an issue, so the report says it in the reader's language). */
async function failRows(jobId: string, rows: Array<{ id: string; issue: BulkIssue }>): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      WITH updated AS (
        UPDATE "BulkRow" AS r SET "status" = 'failed', "error" = v.error, "data" = r."data" || jsonb_build_object('issue', v.issue::jsonb)
        FROM unnest(${rows.map((row) => row.id)}::text[], ${rows.map((row) => describeIssue(row.issue, "en"))}::text[], ${rows.map((row) => JSON.stringify(row.issue))}::text[]) AS v(id, error, issue)
        WHERE r."id" = v.id AND r."status" = 'pending'
        RETURNING 1
      )
      UPDATE "BulkJob" SET "done" = "done" + (SELECT count(*) FROM updated), "failed" = "failed" + (SELECT count(*) FROM updated)
      WHERE "id" = ${jobId}`;
  });
}

/**
 * Ends a job that cannot go on: its rows still pending fail with `issue` (none stays pending for
 * ever), and the job with `message`, which callers of the API read: never a raw database error.
 */
async function stopJob(jobId: string, message: string, issue: BulkIssue): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "BulkRow" SET "status" = 'failed', "error" = ${describeIssue(issue, "en")}, "data" = "data" || jsonb_build_object('issue', ${JSON.stringify(issue)}::jsonb)
      WHERE "jobId" = ${jobId} AND "status" = 'pending'`;
    await refreshCounters(tx, jobId);
    await tx.bulkJob.updateMany({
      where: { id: jobId, status: { in: ["queued", "running"] } },
      data: { status: "failed", error: message, finishedAt: new Date() },
    });
  });
  const job = await db.bulkJob.findUnique({ where: { id: jobId }, select: { organizationId: true } });
  if (job) await emitBulkJobFinished(job.organizationId, jobId);
}

/** What the job's owner and API clients are told when a job fails for good on an unexpected error. */
export const JOB_FAILED_MESSAGE = "The job stopped after an internal error; the rows not issued are marked in the report. Upload the file again to issue them.";

/** The queue's entry point: on the last failed attempt the job is stopped, so its page stops waiting. */
export async function handleBulkIssue(jobId: string, context: { retryCount: number; retryLimit: number; signal?: AbortSignal }, options: RunBulkJobOptions = {}): Promise<BulkJobSummary> {
  try {
    return await runBulkJob(jobId, { signal: context.signal, ...options });
  } catch (error) {
    if (context.retryCount >= context.retryLimit) {
      log.error({ err: error, jobId }, "bulk job failed for good");
      await stopJob(jobId, error instanceof AppError ? error.message : JOB_FAILED_MESSAGE, { code: "job_stopped" });
    }
    throw error;
  }
}

/**
 * Bulk jobs left "running" by a process that died (no live run holds their lock) are queued
 * again at once, instead of waiting minutes for the queue to expire the dead run's attempt.
 */
export async function recoverBulkJobs(requeue: (data: { jobId: string }) => Promise<unknown> = (data) => enqueue("credential.bulk-issue", data)): Promise<string[]> {
  const running = await db.bulkJob.findMany({ where: { status: "running" }, select: { id: true } });
  const orphaned: string[] = [];
  for (const { id } of running) {
    if (await isSessionLockHeld(runLock(id))) continue;
    orphaned.push(id);
    log.warn({ jobId: id }, "bulk job orphaned by a stopped process: queued again");
    await requeue({ jobId: id });
  }
  return orphaned;
}
