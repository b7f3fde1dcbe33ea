import { flushCredentialEvents } from "@/lib/analytics/events";
import { databaseKind, ensureDb } from "@/lib/db";
import { env } from "@/lib/env";
import { startQueue, stopQueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { warmRenderPool } from "@/lib/render";
import { DEMO, DEMO_LEARNER, isDatabaseEmpty, seed } from "@/lib/seed/seed";

/**
 * Everything the app server does once at start: check the configuration, apply migrations,
 * seed an empty development database, start the job queue and the render workers.
 */
export async function boot(): Promise<void> {
  const config = env();
  if (config.usingDevSecrets) {
    log.warn("Using Laurel's public development secrets (NEXTAUTH_SECRET, KEY_ENCRYPTION_KEY). Never do this in production.");
  }
  await ensureDb();
  const seededNow = !config.isProduction && (await isDatabaseEmpty()) ? await seed() : null;
  await startQueue({ workers: process.env.JOBS_IN_PROCESS !== "false" });
  warmRenderPool();
  installGracefulShutdown();

  if (!config.isProduction) {
    const lines = [
      "",
      `  Laurel is running on ${databaseKind() === "pglite" ? "the embedded database (.data/pglite)" : "PostgreSQL"}.`,
      `  Open ${config.BASE_URL} and sign in as ${DEMO.email} / ${DEMO.password}${seededNow ? " (just seeded)" : ""}.`,
      `  A learner's backpack: ${DEMO_LEARNER.email} / ${DEMO_LEARNER.password} (public profile ${config.BASE_URL}/u/${DEMO_LEARNER.handle}).`,
      config.SMTP_URL ? "" : `  Emails (magic links, invitations) land in ${config.BASE_URL}/dev/mailbox`,
      "",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}

/** How long a stopping instance gives its running jobs before they are released to others. */
export const SHUTDOWN_JOB_GRACE_MS = 20_000;

/**
 * On SIGTERM or SIGINT (a deploy, a scale-down): this instance stops taking jobs, lets the
 * running ones finish or hand over (a bulk job queues its continuation after the batch in
 * hand; one still running at the deadline is failed, so another process retries it at once
 * rather than after its lease), writes the page views it holds, then exits.
 *
 * Next.js closes its HTTP server on the same signals and then calls process.exit; that exit
 * waits here for the queue, so requests and jobs both end cleanly.
 */
function installGracefulShutdown(): void {
  let stopping: Promise<unknown> | null = null;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      if (stopping) return;
      log.info({ signal }, "shutting down: taking no more jobs, finishing the running ones");
      stopping = Promise.allSettled([stopQueue({ timeoutMs: SHUTDOWN_JOB_GRACE_MS }), flushCredentialEvents()]).then(() => log.info("shut down cleanly"));
      const exit = process.exit.bind(process);
      process.exit = ((code?: number) => {
        void stopping!.finally(() => exit(code));
      }) as typeof process.exit;
      // Nobody else listening (a plain Node server): end the process the way the signal would have.
      void stopping.then(() => {
        if (process.listenerCount(signal) === 0) exit(signal === "SIGTERM" ? 143 : 130);
      });
    });
  }
}
