import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { closeDb, databaseKind, db, sql } from "@/lib/db";
import { defineJob, type AnyJobDefinition } from "./define";
import { registeredJobs } from "./registry";
import {
  asSingleStatement,
  enqueue,
  enqueueInTransaction,
  getJob,
  queueBoss,
  startQueue,
  stopQueue,
  type EnqueueOptions,
  type JobInfo,
  type JobState,
} from "./queue";

// With DATABASE_URL every test file shares one database: queue names are unique to this run.
const run = randomUUID().slice(0, 8);
const POLL = 0.5;

const doubled: number[] = [];
const echoJob = defineJob({
  name: `test.echo-${run}`,
  schema: z.object({ n: z.number() }),
  handler: async ({ n }) => {
    doubled.push(n);
    return { doubled: n * 2 };
  },
});

let failingAttempts = 0;
const failingJob = defineJob({
  name: `test.failing-${run}`,
  options: { retryLimit: 1, retryDelay: 0 },
  handler: async () => {
    failingAttempts++;
    throw new Error("this job always fails");
  },
});

let slowFinished = 0;
const slowJob = defineJob({
  name: `test.slow-${run}`,
  handler: async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    slowFinished++;
    return { slept: true };
  },
});

const testJobs: AnyJobDefinition[] = [echoJob, failingJob, slowJob];

// enqueue is typed by the registry; these test jobs are not in it.
const send = enqueue as unknown as (name: string, data: unknown, options?: EnqueueOptions) => Promise<string | null>;

async function waitForJob(name: string, id: string, states: JobState[], timeoutMs = 15_000): Promise<JobInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(name, id);
    if (job && states.includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is ${job?.state ?? "missing"}, expected ${states.join("|")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterEach(async () => {
  await stopQueue();
});

afterAll(async () => {
  await closeDb();
});

describe(`job queue on ${databaseKind()}`, () => {
  it("runs an enqueued job on a worker and keeps its output", async () => {
    const info = await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: testJobs });
    expect(info).toMatchObject({ database: databaseKind(), workers: true });
    expect(info.jobs).toEqual(testJobs.map((job) => job.name));

    const id = await send(echoJob.name, { n: 21 });
    expect(id).toEqual(expect.any(String));
    const job = await waitForJob(echoJob.name, id!, ["completed", "failed"]);

    expect(job).toMatchObject({ state: "completed", data: { n: 21 }, output: { doubled: 42 }, retryCount: 0 });
    expect(doubled).toContain(21);
  });

  it("refuses data that does not match the job's schema, and unknown jobs", async () => {
    await startQueue({ workers: false, jobs: testJobs });
    await expect(send(echoJob.name, { n: "twenty-one" })).rejects.toThrow(z.ZodError);
    await expect(send(`test.unknown-${run}`, {})).rejects.toThrow(/No job named/);
  });

  it("retries a failing job, then marks it failed with the error", async () => {
    await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: testJobs });
    const id = await send(failingJob.name, {});
    const job = await waitForJob(failingJob.name, id!, ["failed"]);

    expect(failingAttempts).toBe(2);
    expect(job.retryCount).toBe(1);
    expect(job.output).toMatchObject({ message: "this job always fails" });
  });

  it("recovers orphaned work as soon as workers start, and enqueues inside a transaction only when it commits", async () => {
    let recoveries = 0;
    const recovering = defineJob({
      name: `test.recovering-${run}`,
      handler: async () => {
        doubled.push(777);
      },
      // What a job's recovery does: queue again the work a dead process left.
      recover: async (requeue) => {
        recoveries++;
        if (recoveries === 1) await requeue({});
      },
    });
    await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: [...testJobs, recovering] });
    const deadline = Date.now() + 10_000;
    while (!doubled.includes(777) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(recoveries).toBe(1);
    expect(doubled).toContain(777);

    const inTransaction = enqueueInTransaction as unknown as (tx: unknown, name: string, items: unknown[]) => Promise<void>;
    const count = async (n: number) =>
      Number((await sql<{ n: string | number }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND (data->>'n')::int = $2`, [echoJob.name, n]))[0].n);
    await expect(
      db.$transaction(async (tx) => {
        await inTransaction(tx, echoJob.name, [{ n: 991 }, { n: 991 }]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await count(991)).toBe(0);
    await db.$transaction((tx) => inTransaction(tx, echoJob.name, [{ n: 992 }, { n: 992 }]));
    expect(await count(992)).toBe(2);
    await expect(db.$transaction((tx) => inTransaction(tx, echoJob.name, [{ n: "not a number" }]))).rejects.toThrow(z.ZodError);
  });

  it("keeps a job across a restart of the queue (durable)", async () => {
    // A process that only enqueues (as the app does with JOBS_IN_PROCESS=false)...
    await startQueue({ workers: false, jobs: testJobs });
    const id = await send(echoJob.name, { n: 1234 });
    await new Promise((resolve) => setTimeout(resolve, 2 * POLL * 1000));
    expect((await getJob(echoJob.name, id!))?.state).toBe("created");
    await stopQueue();

    // ...then workers start (the same process here; another one in production).
    await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: testJobs });
    const job = await waitForJob(echoJob.name, id!, ["completed", "failed"]);
    expect(job).toMatchObject({ state: "completed", output: { doubled: 2468 } });
    expect(doubled.filter((n) => n === 1234)).toHaveLength(1);
  });

  it("lets a running job finish when the queue stops", async () => {
    await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: testJobs });
    const id = await send(slowJob.name, {});
    await waitForJob(slowJob.name, id!, ["active"]);
    await stopQueue();

    expect(slowFinished).toBe(1);
    const [row] = await sql<{ state: string }>("SELECT state FROM pgboss.job WHERE name = $1 AND id = $2", [slowJob.name, id]);
    expect(row?.state).toBe("completed");
  });

  it("turns an enqueue-only queue into one with workers when asked", async () => {
    await startQueue({ workers: false, jobs: testJobs });
    const id = await send(echoJob.name, { n: 5 });
    await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: testJobs });
    await expect(waitForJob(echoJob.name, id!, ["completed"])).resolves.toMatchObject({ output: { doubled: 10 } });
  });

  it("creates the registry's queues and cron schedules when workers start", async () => {
    // The registry's jobs with inert handlers: the real ones would act on the shared database.
    // In a schema of their own: on the shared one they would take other test files' real jobs.
    const inert = registeredJobs.map((job) => ({ ...job, handler: async () => undefined }) as AnyJobDefinition);
    await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: inert, schema: "pgboss_registry_test" });

    const schedules = await sql<{ name: string; cron: string }>("SELECT name, cron FROM pgboss_registry_test.schedule");
    expect(schedules).toContainEqual({ name: "maintenance.purge-expired", cron: "0 * * * *" });
    const queues = await sql<{ name: string; policy: string; retry_limit: number }>(
      "SELECT name, policy, retry_limit FROM pgboss_registry_test.queue WHERE name = $1",
      ["maintenance.purge-expired"],
    );
    expect(queues).toEqual([{ name: "maintenance.purge-expired", policy: "singleton", retry_limit: 2 }]);
  });

  it("runs pg-boss's maintenance and monitoring queries", async () => {
    await startQueue({ workers: true, pollingIntervalSeconds: POLL, jobs: testJobs });
    const id = await send(echoJob.name, { n: 3 });
    await waitForJob(echoJob.name, id!, ["completed"]);
    const boss = queueBoss()!;
    await boss.maintain();
    // countStates (the monitor-states query) is missing from pg-boss's types.
    const states = await (boss as unknown as { countStates(): Promise<PgBoss.MonitorStates> }).countStates();
    expect(states.queues[echoJob.name]?.completed).toBeGreaterThanOrEqual(1);
    // The database connection is still usable afterwards (no transaction left open).
    await expect(sql("SELECT 1 AS ok")).resolves.toEqual([{ ok: 1 }]);
  });
});

describe("pg-boss's locked scripts", () => {
  it("run as one statement that rolls back entirely on error", async () => {
    const table = `jobs_test_${run}`;
    await sql(`CREATE TABLE ${table} (n int)`);
    try {
      const script = `
        BEGIN;
        SET LOCAL lock_timeout = '30s';
        SELECT pg_advisory_xact_lock(42);
        INSERT INTO ${table} VALUES (1);
        SELECT 1/0;
        COMMIT;
      `;
      expect(asSingleStatement(script)).toMatch(/^DO /);
      await expect(sql(asSingleStatement(script))).rejects.toThrow(/division by zero/);
      // Nothing was kept and no aborted transaction is left behind.
      await expect(sql(`SELECT count(*)::int AS n FROM ${table}`)).resolves.toEqual([{ n: 0 }]);
    } finally {
      await sql(`DROP TABLE ${table}`);
    }
  });

  it("leaves other statements alone", () => {
    expect(asSingleStatement("SELECT 1")).toBe("SELECT 1");
  });
});
