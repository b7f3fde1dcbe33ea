import { db } from "@/lib/db";
import { isSessionLockHeld, trySessionLock } from "@/lib/db/session-lock";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { log as rootLog } from "@/lib/log";
import { ingestEvents } from "../ingest";
import { EVENTS_CSV_CHUNK } from "./columns";
import { parseEventsCsv } from "./parse";
import type { EventsCsvJobView } from "./create-job";

const log = rootLog.child({ module: "program-events-csv" });

/** A row the program refused: its line in the file, the column at fault and why. */
export type RejectedRow = { line: number; field: string; code: string; message: string };

export const JOB_FAILED_MESSAGE = "The file could not be processed; try uploading it again";

const runLock = (jobId: string) => `laurel:program-job:${jobId}`;

/** The engine names fields as the API does (`learner.email`); the file's reader knows columns. */
export const columnOf = (field: string) => ({ "learner.email": "email", "learner.name": "name", learner: "email" })[field] ?? field;

const view = (jobId: string): Promise<EventsCsvJobView> =>
  db.programJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, status: true, total: true, done: true, failed: true, error: true } });

/**
 * Feeds a file's events to the program engine a chunk at a time. After each chunk the job's
 * counters and report move on together, so a run after a crash resumes after the last chunk
 * recorded; a chunk sent twice is harmless, as the events' ids make a repeat a duplicate.
 */
export async function runEventsCsvJob(jobId: string, options: { chunkSize?: number } = {}): Promise<EventsCsvJobView> {
  const lock = await trySessionLock(runLock(jobId));
  if (!lock) {
    log.info({ jobId }, "events job already being run elsewhere");
    return view(jobId);
  }
  try {
    const job = await db.programJob.findUnique({ where: { id: jobId } });
    if (!job || job.kind !== "events_csv") throw new AppError("not_found", `Events job ${jobId} not found`);
    if (job.status === "completed" || job.status === "failed") return await view(jobId);
    await db.programJob.update({ where: { id: jobId }, data: { status: "running", startedAt: job.startedAt ?? new Date(), error: null } });
    const settings = (job.options ?? {}) as { fileName?: string; fileHash?: string; text?: string };
    const rows = parseEventsCsv(settings.text ?? "", job.programId);
    const size = options.chunkSize ?? EVENTS_CSV_CHUNK;
    for (let start = job.done; start < rows.length; start += size) {
      const chunk = rows.slice(start, start + size);
      const result = await ingestEvents(job.organizationId, chunk.map((row) => row.event), { source: "csv" });
      const rejected: RejectedRow[] = result.rejected.map(({ index, error }) => ({ line: chunk[index].line, field: columnOf(error.field), code: error.code, message: error.message }));
      await db.$executeRaw`
        UPDATE "ProgramJob" SET
          "done" = ${start + chunk.length},
          "failed" = "failed" + ${rejected.length},
          "report" = coalesce("report", '[]'::jsonb) || ${JSON.stringify(rejected)}::jsonb
        WHERE "id" = ${jobId} AND "done" = ${start}`;
    }
    // Done: the file's text is not kept, only its name and fingerprint.
    await db.programJob.update({
      where: { id: jobId },
      data: { status: "completed", finishedAt: new Date(), options: { fileName: settings.fileName ?? "events.csv", fileHash: settings.fileHash ?? "" } },
    });
  } finally {
    await lock.release();
  }
  return view(jobId);
}

async function stopJob(jobId: string, message: string): Promise<void> {
  await db.programJob.update({ where: { id: jobId }, data: { status: "failed", error: message, finishedAt: new Date() } });
}

export async function handleEventsCsv(jobId: string, context: { retryCount: number; retryLimit: number }): Promise<EventsCsvJobView> {
  try {
    return await runEventsCsvJob(jobId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { id: jobId, status: "failed", total: 0, done: 0, failed: 0, error: error.message };
    if (context.retryCount >= context.retryLimit) {
      log.error({ err: error, jobId }, "events job failed for good");
      await stopJob(jobId, error instanceof AppError ? error.message : JOB_FAILED_MESSAGE);
    }
    throw error;
  }
}

/** Events jobs left "running" by a process that died are queued again at once. */
export async function recoverEventsCsvJobs(requeue: (data: { jobId: string }) => Promise<unknown> = (data) => enqueue("program.events-csv", data)): Promise<string[]> {
  const running = await db.programJob.findMany({ where: { kind: "events_csv", status: "running" }, select: { id: true } });
  const orphaned: string[] = [];
  for (const { id } of running) {
    if (await isSessionLockHeld(runLock(id))) continue;
    orphaned.push(id);
    log.warn({ jobId: id }, "events job orphaned by a stopped process: queued again");
    await requeue({ jobId: id });
  }
  return orphaned;
}
