// The worker process killed (SIGKILL: no shutdown, no cleanup) in the middle of a 10,000-row bulk
// job, then a new one started: every recipient gets exactly one credential and one claim email.
// `npm run worker` runs as a real child process on this run's PostgreSQL database; the embedded
// database serves one process only, so there this test cannot run.
import { spawn, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, db, ensureDb, sql } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { createAchievement } from "../achievements";
import { achievementInputSchema } from "../schemas";
import { getActiveSigningKey } from "../signing-keys";
import { createBulkJob } from "./create-job";

const ROWS = 10_000;
const KILL_AFTER_ROWS = 2_000;

await ensureDb();
const onPostgres = databaseKind() === "postgres";

const workers = new Set<ChildProcess>();

/** `npm run worker` in a process group of its own, so one signal reaches npm, tsx and node alike. */
function startWorker(): ChildProcess {
  const child = spawn("npm", ["run", "--silent", "worker"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    // This run's database; no SMTP server, so emails land in the outbox table.
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, SMTP_URL: "", LOG_LEVEL: "warn" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.on("exit", (code, signal) => {
    workers.delete(child);
    if (code && code !== 0) console.error(`worker exited with ${code}: ${stderr}`);
    void signal;
  });
  workers.add(child);
  return child;
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    return Promise.resolve();
  }
  return exited;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(async () => {
  await Promise.all([...workers].map((child) => kill(child, "SIGKILL")));
  await stopQueue();
  await closeDb();
});

describe.skipIf(!onPostgres)("a worker killed in the middle of a bulk job", () => {
  it(
    `SIGKILL after ${KILL_AFTER_ROWS} of ${ROWS} rows, then a new worker: ${ROWS} credentials and ${ROWS} claim emails, none twice`,
    async () => {
      const owner = await createUser();
      const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Crash Academy");
      // A plan whose monthly quota (25,000) covers the file.
      await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
      const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Resilience", description: "Survives a crash.", criteria: { narrative: "Be issued." } }));
      await getActiveSigningKey(org.id);

      const tag = unique("k");
      const lines = ["email,name,issue date,evidence"];
      for (let i = 0; i < ROWS; i++) lines.push(`learner${i}.${tag}@example.com,Learner ${i},2026-0${1 + (i % 9)}-15,https://example.org/work/${i}`);
      const started = performance.now();
      const job = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "crash.csv", text: lines.join("\n") }, { userId: owner.id });
      const progress = () => db.bulkJob.findUniqueOrThrow({ where: { id: job.id }, select: { status: true, done: true, failed: true } });

      const first = startWorker();
      const before = await waitFor(progress, (state) => state.done >= KILL_AFTER_ROWS || state.status === "completed", 120_000, "the first rows");
      await kill(first, "SIGKILL");
      const killedAt = await progress();
      const killedAfter = performance.now();
      // Killed in the middle: some rows issued, not all; the job still says running.
      expect(before.status).toBe("running");
      expect(killedAt.done).toBeGreaterThanOrEqual(KILL_AFTER_ROWS);
      expect(killedAt.done).toBeLessThan(ROWS);
      expect(killedAt.status).toBe("running");

      // The new worker finds the job whose run died as it starts (the run's lock died with its
      // process) and queues it again, rather than waiting for the queue's five-minute expiry.
      const queued = async () =>
        Number((await sql<{ n: string | number }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'credential.bulk-issue' AND data->>'jobId' = $1`, [job.id]))[0].n);
      const queuedAtKill = await queued();
      const second = startWorker();
      await waitFor(queued, (n) => n > queuedAtKill, 60_000, "the job to be queued again");
      const requeued = performance.now();
      await waitFor(progress, (state) => state.done > killedAt.done, 60_000, "the job to resume");
      const resumed = performance.now();
      const finished = await waitFor(progress, (state) => state.status === "completed" || state.status === "failed", 120_000, "the job to finish");
      const ended = performance.now();
      console.info(
        `bulk job of ${ROWS} rows: worker killed with ${killedAt.done} rows done after ${((killedAfter - started) / 1000).toFixed(1)} s; ` +
          `a new worker queued it again ${((requeued - killedAfter) / 1000).toFixed(1)} s later, stored its next batch after ${((resumed - killedAfter) / 1000).toFixed(1)} s ` +
          `and finished ${((ended - killedAfter) / 1000).toFixed(1)} s after the kill ` +
          `(${((ended - started) / 1000).toFixed(1)} s in all; load average ${loadavg()[0].toFixed(1)})`,
      );
      expect(requeued - killedAfter).toBeLessThan(30_000);
      expect(finished).toEqual({ status: "completed", done: ROWS, failed: 0 });

      // Exactly one credential per recipient, and every row points at its own.
      const perRecipient = await db.credential.groupBy({ by: ["recipientEmail"], where: { bulkJobId: job.id }, _count: { _all: true } });
      expect(perRecipient).toHaveLength(ROWS);
      expect(perRecipient.filter((group) => group._count._all !== 1)).toEqual([]);
      expect(await db.credential.count({ where: { achievementId: achievement.id } })).toBe(ROWS);
      const rows = await db.bulkRow.groupBy({ by: ["status"], where: { jobId: job.id }, _count: { _all: true } });
      expect(rows.map((group) => [group.status, group._count._all])).toEqual([["issued", ROWS]]);
      expect(await db.credentialEvent.count({ where: { organizationId: org.id, type: "issued" } })).toBe(ROWS);

      // Exactly one claim email queued per credential (waiting, running or done), none twice.
      const emails = await sql<{ credential: string; n: string | number }>(
        `SELECT data->>'credentialId' AS credential, count(*) AS n FROM (
           SELECT data FROM pgboss.job WHERE name = 'credential.claim-email'
           UNION ALL SELECT data FROM pgboss.archive WHERE name = 'credential.claim-email'
         ) q GROUP BY 1`,
      );
      const credentialIds = new Set((await db.credential.findMany({ where: { bulkJobId: job.id }, select: { id: true } })).map((c) => c.id));
      const ours = emails.filter((row) => credentialIds.has(row.credential));
      expect(ours).toHaveLength(ROWS);
      expect(ours.filter((row) => Number(row.n) !== 1)).toEqual([]);
      // And of the emails already sent, none went to anyone twice.
      const sentTwice = await sql<{ to: string }>(`SELECT "to" FROM "OutboxEmail" WHERE "to" LIKE $1 GROUP BY "to" HAVING count(*) > 1`, [`%.${tag}@example.com`]);
      expect(sentTwice).toEqual([]);

      await kill(second, "SIGTERM");
    },
    240_000,
  );
});
