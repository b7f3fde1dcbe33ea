// `npm run worker`: runs the background jobs in a process of their own (start several to scale).
// The app then starts with JOBS_IN_PROCESS=false and only enqueues.
import { closeDb, ensureDb } from "@/lib/db";
import { startQueue, stopQueue } from "@/lib/jobs";
import { log } from "@/lib/log";

if (!process.env.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL: the embedded database serves one process only; " +
      "the app already runs workers in-process.",
  );
  process.exit(1);
}

const workerLog = log.child({ module: "worker" });
let stopping = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    workerLog.warn({ signal }, "second signal: exiting without waiting for running jobs");
    process.exit(1);
  }
  stopping = true;
  workerLog.info({ signal }, "stopping: waiting for running jobs");
  try {
    await stopQueue();
    await closeDb();
    workerLog.info("worker stopped");
    process.exit(0);
  } catch (err) {
    workerLog.error({ err }, "worker did not stop cleanly");
    process.exit(1);
  }
}

process.on("SIGINT", (signal) => void shutdown(signal));
process.on("SIGTERM", (signal) => void shutdown(signal));

try {
  await ensureDb();
  const info = await startQueue({ workers: true });
  workerLog.info({ pid: process.pid, jobs: info.jobs }, `worker serving ${info.jobs.length} job(s)`);
} catch (err) {
  workerLog.fatal({ err }, "worker failed to start");
  await closeDb().catch(() => undefined);
  process.exit(1);
}
