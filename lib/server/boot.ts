import { flushCredentialEvents } from "@/lib/analytics/events";
import { databaseKind, ensureDb } from "@/lib/db";
import { env } from "@/lib/env";
import { startQueue } from "@/lib/jobs";
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
  // Page views wait a moment in memory to be written together: write them before the process ends.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void flushCredentialEvents().finally(() => {
        // Nobody else listening: end the process the way the signal would have.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }

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
