// `npm run bench:webhooks`: outgoing webhooks under load. In a throwaway PostgreSQL database
// (DATABASE_URL or the local server) one organization has 3 endpoints subscribed to
// program.joined, on a loopback receiver in this process that answers 200 at once. Events go
// through `emitWebhookEvent` (what every producer calls) and the webhooks.deliver workers (in this
// process, on pg-boss) send them. Each webhook run is measured next to the floor, in the same run
// and with the same worker settings: a no-op job on the same queue machinery, jobs/s until all
// are done. A benchmark, not a test.
//
//   1. A short burst, to see the queue's floor at a small scale. A pg-boss 10 worker fetches one
//      batch per polling interval even when more wait, so a process delivers at most
//      workers × batch ÷ interval per second (webhooks.deliver: 2 × 25 at 1 s in production; 0.5 s,
//      the fastest pg-boss allows, here).
//   2. The spec: 10,000 events × 3 endpoints emitted all at once (back to back by a few concurrent
//      emitters, not paced) while webhooks.deliver runs with its shipped workers and batch
//      (--workers overrides the workers). Deliveries/s (first emit → last arrival) and event → delivery p50/p95/p99, the
//      backlog included. The floor beside it: 30,000 no-op jobs batch-inserted 1,000 at a time
//      while fewer than 2,000 wait (pg-boss's fetch sorts every waiting job, so a larger backlog
//      is slower; --raw-backlog 0 queues them all at once).
//   3. Paced: a steady rate of events under the capacity just measured, for the latency of a queue
//      that keeps up.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:webhooks
//   npm run bench:webhooks -- --events 2000 --raw-jobs 6000 --paced-seconds 5      (a quick run)
// Options: --events (10,000), --workers (webhooks.deliver's concurrency), --raw-jobs (30,000), --raw-backlog (2,000; 0: all at
// once), --emitters (4: emit calls in flight at once), --shipped-events (20; 0 skips step 1),
// --paced-rate (events/s; default half the measured capacity, at most 200), --paced-seconds (15;
// 0 skips step 3). BENCH_KEEP=1 keeps the database.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { createThrowawayDatabase, LOCAL_SERVER_URL, reachablePostgres } from "@/lib/db/test/postgres";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

const PATHS = ["/a", "/b", "/c"] as const;
const EVENTS = Math.max(1, arg("events", 10_000));
const WORKERS_ARG = arg("workers", 0);
const RAW_JOBS = Math.max(1, arg("raw-jobs", 30_000));
const RAW_BACKLOG = arg("raw-backlog", 2000);
const EMITTERS = Math.max(1, arg("emitters", 4));
const SHIPPED_EVENTS = arg("shipped-events", 20);
const PACED_SECONDS = arg("paced-seconds", 15);
const PACED_RATE_ARG = arg("paced-rate", 0);
/** The polling interval every run uses: pg-boss's minimum (production polls webhooks.deliver every 1 s). */
const POLLING_SECONDS = 0.5;
/** Longest wait for a run's last job or delivery before the benchmark gives up. */
const DRAIN_TIMEOUT_MS = 15 * 60_000;

const stderr = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const ms = (value: number) => (value >= 10_000 ? `${fmt(value / 1000, 1)} s` : `${fmt(value)} ms`);

// ---- the receiver: three endpoints on loopback, answering 200 at once ---------------------------

/** Arrival time (performance.now()) per `webhook-id` + path; an arrival seen before is counted apart. */
const arrivals = new Map<string, number>();
let duplicates = 0;
const receiver = createServer((request: IncomingMessage, response: ServerResponse) => {
  const at = performance.now();
  const key = `${request.headers["webhook-id"]} ${request.url}`;
  if (arrivals.has(key)) duplicates++;
  else arrivals.set(key, at);
  request.resume();
  request.on("end", () => response.writeHead(200, { "content-type": "text/plain" }).end("ok"));
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const port = (receiver.address() as AddressInfo).port;

// A benchmark measures speed, not plan limits (lib/billing): SELF_HOSTED has every feature, and
// lets webhooks reach the loopback receiver (WEBHOOK_ALLOWED_HOSTS) as the tests do.
process.env.SELF_HOSTED = "true";
process.env.WEBHOOK_ALLOWED_HOSTS = `127.0.0.1:${port}`;
process.env.LOG_LEVEL ??= "warn";

const server = await reachablePostgres(process.env.DATABASE_URL || LOCAL_SERVER_URL);
if (!server) {
  stderr("bench:webhooks needs PostgreSQL (DATABASE_URL, or a server on 127.0.0.1:5432).");
  receiver.close();
  process.exit(1);
}
const database = await createThrowawayDatabase(server, "laurel_bench_webhooks");
// lib/db reads DATABASE_URL on first use: the modules below are loaded once it points here.
process.env.DATABASE_URL = database.url;

let exitCode = 0;
try {
  const { reloadEnv } = await import("@/lib/env");
  reloadEnv();
  const { closeDb, db, ensureDb } = await import("@/lib/db");
  const { defineJob, enqueueInTransaction, startQueue, stopQueue } = await import("@/lib/jobs");
  const { webhooksDeliverJob } = await import("@/lib/webhooks/jobs");
  const { emitWebhookEvent, newEventId } = await import("@/lib/webhooks/emit");
  const { createWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
  // The no-op job is not in the registry: enqueueInTransaction is typed for registered ones.
  const enqueueAny = enqueueInTransaction as unknown as (tx: Parameters<typeof enqueueInTransaction>[0], name: string, items: object[]) => Promise<void>;
  const SHIPPED_WORKERS = webhooksDeliverJob.concurrency ?? 1;
  const BATCH = webhooksDeliverJob.batchSize ?? 1;
  const WORKERS = WORKERS_ARG > 0 ? WORKERS_ARG : SHIPPED_WORKERS;

  try {
    await ensureDb();
    const [{ version }] = await db.$queryRaw<Array<{ version: string }>>`SELECT current_setting('server_version') AS version`;
    const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, PostgreSQL ${version}`;
    stderr(`Laurel webhooks benchmark — ${fmt(EVENTS)} events × ${PATHS.length} endpoints, ${machine}, load ${loadavg()[0].toFixed(2)}`);

    const org = await db.organization.create({ data: { name: "Bench Academy", slug: `bench-${Date.now()}` } });
    for (const path of PATHS) {
      await createWebhookEndpoint(org.id, { url: `http://127.0.0.1:${port}${path}`, events: ["program.joined"], description: `bench ${path}` });
    }
    const cores = (cpu: NodeJS.CpuUsage, seconds: number) => (cpu.user + cpu.system) / 1e6 / seconds;

    // ---- the floor: a no-op job, webhooks.deliver's queue options and the same workers --------
    type RawResult = { jobs: number; workers: number; backlog: number; rate: number; cores: number; loop: number };
    let rawDone = 0;
    let rawTarget = 0;
    let rawAllDone: () => void = () => undefined;
    const noopJob = defineJob({
      name: "bench.noop",
      description: "Does nothing: the job queue's own cost.",
      handler: async () => {
        if (++rawDone === rawTarget) rawAllDone();
        return null;
      },
      options: webhooksDeliverJob.options,
      // The same batches as webhooks.deliver, so the floor is measured with the same fetching.
      batchSize: webhooksDeliverJob.batchSize,
    });

    /**
     * `jobs` no-op jobs through `workers` workers, inserted with pg-boss's batch insert in batches
     * of 1,000 whenever fewer than `backlog` wait (0: all at once, in one transaction), timed
     * from the first insert to the last job done.
     */
    async function rawQueue(jobs: number, workers: number, backlog: number): Promise<RawResult> {
      rawDone = 0;
      rawTarget = jobs;
      const finished = new Promise<void>((resolve) => (rawAllDone = resolve));
      await startQueue({ workers: true, jobs: [{ ...noopJob, concurrency: workers }], pollingIntervalSeconds: POLLING_SECONDS });
      stderr(`Raw queue: ${fmt(jobs)} no-op jobs, ${backlog ? `at most ${fmt(backlog)} waiting` : "all queued at once"}, ${workers} workers, polling ${POLLING_SECONDS} s…`);
      try {
        let inserted = 0;
        const insert = (count: number) =>
          db.$transaction(
            async (tx) => {
              for (let i = 0; i < count; i += 5000) {
                const size = Math.min(5000, count - i);
                await enqueueAny(tx, noopJob.name, Array.from({ length: size }, (_, k) => ({ n: inserted + i + k })));
              }
              inserted += count;
            },
            { timeout: 120_000 },
          );
        const started = performance.now();
        const cpu = process.cpuUsage();
        const elu = performance.eventLoopUtilization();
        const progress = setInterval(() => stderr(`  ${fmt(rawDone)} / ${fmt(jobs)} jobs`), 5000);
        const deadline = started + DRAIN_TIMEOUT_MS;
        try {
          if (backlog === 0) await insert(jobs);
          while (inserted < jobs) {
            if (performance.now() > deadline) throw new Error(`raw queue: ${rawDone} of ${jobs} jobs done before the timeout`);
            if (inserted - rawDone < backlog) await insert(Math.min(1000, jobs - inserted));
            else await sleep(10);
          }
          await Promise.race([finished, sleep(Math.max(0, deadline - performance.now())).then(() => Promise.reject(new Error(`raw queue: ${rawDone} of ${jobs} jobs done before the timeout`)))]);
        } finally {
          clearInterval(progress);
        }
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const loop = performance.eventLoopUtilization(elu).utilization;
        await stopQueue();
        const [{ completed }] = await db.$queryRaw<Array<{ completed: bigint }>>`SELECT count(*) AS completed FROM pgboss.job WHERE name = 'bench.noop' AND state = 'completed'`;
        if (Number(completed) !== jobs) throw new Error(`raw queue: ${completed} of ${jobs} jobs completed`);
        await db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'bench.noop'`;
        const result = { jobs, workers, backlog, rate: jobs / seconds, cores: cores(used, seconds), loop };
        stderr(`  ${fmt(result.rate, 1)} jobs/s`);
        return result;
      } finally {
        await stopQueue();
      }
    }

    // ---- webhooks ----------------------------------------------------------------------------
    type WebhookResult = {
      events: number;
      workers: number;
      /** Events per second offered (paced runs). */
      pace?: number;
      emitSeconds: number;
      /** Deliveries not yet arrived when the last emit returned. */
      backlog: number;
      totalSeconds: number;
      rate: number;
      latencies: number[];
      cores: number;
      /** Share of the time the event loop was busy (1: this process's one thread was the limit). */
      loop: number;
      jobs: number;
      skipped: number;
    };

    const jobCounts = async () => {
      const [row] = await db.$queryRaw<Array<{ total: bigint; skipped: bigint }>>`
        SELECT count(*) AS total, count(*) FILTER (WHERE output->>'state' = 'skipped') AS skipped FROM pgboss.job WHERE name = 'webhooks.deliver'`;
      return { total: Number(row.total), skipped: Number(row.skipped) };
    };

    /** Emits `count` events (`rate` a second, or as fast as EMITTERS go) and waits for every delivery. */
    async function webhooks(label: string, count: number, workers: number, rate?: number): Promise<WebhookResult> {
      await startQueue({ workers: true, jobs: [{ ...webhooksDeliverJob, concurrency: workers }], pollingIntervalSeconds: POLLING_SECONDS });
      stderr(`${label}: ${fmt(count)} events${rate ? ` at ${fmt(rate)}/s` : `, ${EMITTERS} emitters`}, ${workers} delivery workers, polling ${POLLING_SECONDS} s…`);
      const ids = Array.from({ length: count }, () => newEventId());
      const emittedAt = new Map<string, number>();
      const expected = count * PATHS.length;
      const arrivedBefore = arrivals.size;
      const jobsBefore = await jobCounts();
      const cpu = process.cpuUsage();
      const elu = performance.eventLoopUtilization();
      const started = performance.now();
      let next = 0;
      const emitter = async () => {
        for (let i = next++; i < count; i = next++) {
          if (rate) {
            const wait = started + (i / rate) * 1000 - performance.now();
            if (wait > 0) await sleep(wait);
          }
          const id = ids[i]!;
          emittedAt.set(id, performance.now());
          const emitted = await emitWebhookEvent(
            org.id,
            "program.joined",
            { program: { id: "cbenchprogram0000000000001", name: "Bench Program", url: "https://laurel.example/p/cbenchprogram0000000000001" }, learner: { email: `learner${i}@bench.example`, name: `Learner ${i}` } },
            { id },
          );
          if (emitted !== id) throw new Error(`event ${i} was not recorded (${emitted})`);
        }
      };
      const progress = setInterval(
        () => stderr(`  ${fmt(Math.min(next, count))} / ${fmt(count)} emitted, ${fmt(arrivals.size - arrivedBefore)} / ${fmt(expected)} delivered`),
        5000,
      );
      try {
        // Paced: enough emitters that one slow emit never holds the next one back.
        await Promise.all(Array.from({ length: rate ? Math.max(EMITTERS, 16) : EMITTERS }, emitter));
        const emitSeconds = (performance.now() - started) / 1000;
        const backlog = expected - (arrivals.size - arrivedBefore);
        const deadline = performance.now() + DRAIN_TIMEOUT_MS;
        while (arrivals.size - arrivedBefore < expected) {
          if (performance.now() > deadline) throw new Error(`${label}: ${arrivals.size - arrivedBefore} of ${expected} deliveries arrived before the timeout`);
          await sleep(20);
        }
        const used = process.cpuUsage(cpu);
        const loop = performance.eventLoopUtilization(elu).utilization;
        const mine = new Set(ids);
        const latencies: number[] = [];
        let last = 0;
        for (const [key, at] of arrivals) {
          const id = key.slice(0, key.indexOf(" "));
          if (!mine.has(id)) continue;
          latencies.push(at - emittedAt.get(id)!);
          last = Math.max(last, at);
        }
        if (latencies.length !== expected) throw new Error(`${label}: ${latencies.length} of ${expected} deliveries matched an event`);
        // The rows too: every delivery recorded as succeeded (its update follows the answer).
        while ((await db.webhookDelivery.count({ where: { eventId: { in: ids }, state: "succeeded" } })) < expected) {
          if (performance.now() > deadline) throw new Error(`${label}: not every delivery row is "succeeded"`);
          await sleep(100);
        }
        const totalSeconds = (last - started) / 1000;
        await stopQueue();
        // Jobs queued again by webhooks.deliver's recover pass (a delivery pending > 60 s looks
        // orphaned to it) that were still waiting: counted, then dropped so the next run starts clean.
        const jobsAfter = await jobCounts();
        await db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'webhooks.deliver' AND state IN ('created', 'retry')`;
        const result: WebhookResult = {
          events: count,
          workers,
          pace: rate,
          emitSeconds,
          backlog,
          totalSeconds,
          rate: expected / totalSeconds,
          latencies: latencies.sort((a, b) => a - b),
          cores: cores(used, totalSeconds),
          loop,
          jobs: jobsAfter.total - jobsBefore.total,
          skipped: jobsAfter.skipped - jobsBefore.skipped,
        };
        stderr(`  ${fmt(result.rate, 1)} deliveries/s; p95 ${ms(percentile(result.latencies, 95))}`);
        return result;
      } finally {
        clearInterval(progress);
        await stopQueue();
      }
    }

    const runStarted = performance.now();
    // 1. Shipped settings, short.
    const shipped = SHIPPED_EVENTS > 0
      ? { raw: await rawQueue(SHIPPED_EVENTS * PATHS.length, SHIPPED_WORKERS, 0), hooks: await webhooks("Shipped settings", SHIPPED_EVENTS, SHIPPED_WORKERS) }
      : undefined;
    // 2. The spec: all at once, scaled workers.
    const raw = await rawQueue(RAW_JOBS, WORKERS, RAW_BACKLOG);
    const burst = await webhooks("All at once", EVENTS, WORKERS);
    // 3. Paced, under the capacity just measured.
    let paced: WebhookResult | undefined;
    if (PACED_SECONDS > 0) {
      const eventsPerSecond = PACED_RATE_ARG || Math.max(1, Math.min(200, Math.floor(burst.rate / PATHS.length / 2)));
      paced = await webhooks("Paced", Math.max(1, Math.round(eventsPerSecond * PACED_SECONDS)), WORKERS, eventsPerSecond);
    }
    const wallSeconds = (performance.now() - runStarted) / 1000;
    const failed = await db.webhookDelivery.count({ where: { state: { not: "succeeded" } } });

    // ---- the table ----------------------------------------------------------------------------
    const latency = (r: WebhookResult) => `${ms(percentile(r.latencies, 50))} / ${ms(percentile(r.latencies, 95))} / ${ms(percentile(r.latencies, 99))}`;
    const extraJobs = (r: WebhookResult) => `${fmt(r.jobs - r.events * PATHS.length)} extra (${fmt(r.skipped)} skipped)`;
    const rows: string[][] = [];
    if (shipped) {
      const { raw: sRaw, hooks: sHooks } = shipped;
      rows.push(
        [`shipped settings (${sRaw.workers} workers): raw queue, ${fmt(sRaw.jobs)} no-op jobs queued at once, jobs/s`, fmt(sRaw.rate, 1)],
        [`shipped settings: webhooks, ${fmt(sHooks.events)} events × ${PATHS.length} all at once, deliveries/s`, fmt(sHooks.rate, 1)],
        ["shipped settings: ratio webhook deliveries/s ÷ raw jobs/s", (sHooks.rate / sRaw.rate).toFixed(2)],
        ["shipped settings: event → delivery p50 / p95 / p99", latency(sHooks)],
        ["shipped settings: webhooks.deliver jobs beyond one per delivery (recover pass)", extraJobs(sHooks)],
      );
    }
    rows.push(
      [`raw job queue: ${fmt(raw.jobs)} no-op jobs (${raw.backlog ? `batch-inserted, at most ${fmt(raw.backlog)} waiting` : "queued at once"}), ${raw.workers} workers, jobs/s`, fmt(raw.rate)],
      [`**webhooks, all at once: ${fmt(burst.events)} events × ${PATHS.length} endpoints, ${burst.workers} workers, deliveries/s** (first emit → last arrival)`, `**${fmt(burst.rate)}**`],
      ["**ratio: webhook deliveries/s ÷ raw queue jobs/s** (same run, same workers)", `**${(burst.rate / raw.rate).toFixed(2)}**`],
      ["**all at once: event → delivery p50 / p95 / p99** (the backlog included)", `**${latency(burst)}**`],
      [
        "all at once: emitting took / deliveries still to send then / last delivery after",
        `${fmt(burst.emitSeconds, 1)} s (${fmt(burst.events / burst.emitSeconds)} events/s) / ${fmt(burst.backlog)} / ${fmt(burst.totalSeconds, 1)} s`,
      ],
      ["all at once: webhooks.deliver jobs beyond one per delivery (recover pass)", extraJobs(burst)],
    );
    if (paced) {
      rows.push([`paced: ${fmt(paced.events)} events at ${fmt(paced.pace!)} events/s (${fmt(paced.pace! * PATHS.length)} deliveries/s offered), event → delivery p50 / p95 / p99`, latency(paced)]);
    }
    const phases = [raw, burst, ...(paced ? [paced] : [])];
    rows.push(
      [`cores this process kept busy: raw queue / all at once${paced ? " / paced" : ""}`, phases.map((r) => r.cores.toFixed(2)).join(" / ")],
      [`its event loop busy: raw queue / all at once${paced ? " / paced" : ""}`, phases.map((r) => `${Math.round(r.loop * 100)}%`).join(" / ")],
    );

    console.log("");
    console.log(`Outgoing webhooks — ${fmt(EVENTS)} events × ${PATHS.length} endpoints (loopback receiver answering 200), PostgreSQL, ${availableParallelism()} cores, polling ${POLLING_SECONDS} s`);
    console.log("");
    console.log("| measure | value |");
    console.log("| --- | ---: |");
    for (const [measure, value] of rows) console.log(`| ${measure} | ${value} |`);
    console.log("");
    console.log(
      `"All at once": the ${fmt(EVENTS)} events are emitted back to back by ${EMITTERS} concurrent callers of emitWebhookEvent while the workers deliver; ` +
        `latency runs from the emit call to the request's arrival at the receiver. A pg-boss 10 worker fetches one job per polling interval, ` +
        `so ${SHIPPED_WORKERS} workers fetching ${BATCH} at a time (webhooks.deliver's settings) cap a process at ${fmt((SHIPPED_WORKERS * BATCH) / POLLING_SECONDS)} jobs/s at ${POLLING_SECONDS} s ` +
        `(${fmt((SHIPPED_WORKERS * BATCH) / (webhooksDeliverJob.pollingIntervalSeconds ?? 2), 1)}/s at its production interval of ${webhooksDeliverJob.pollingIntervalSeconds ?? 2} s); the spec run uses ${WORKERS} workers × ${BATCH}.`,
    );
    console.log(
      `Checked: ${fmt(arrivals.size)} distinct deliveries arrived (${fmt(duplicates)} sent twice), ${fmt(failed)} WebhookDelivery rows not succeeded. ` +
        `The receiver, the emitters and the workers share this process. ` +
        `Wall time ${fmt(wallSeconds)} s; 1-minute load average ${loadavg()[0].toFixed(1)}.`,
    );
    if (burst.loop > 0.9) {
      console.log(
        `This process's event loop was busy ${Math.round(burst.loop * 100)}% of the all-at-once run: its one thread (emitters, workers, receiver) was the limit, ` +
          `not the queue; it got ${burst.cores.toFixed(2)} of the machine's ${availableParallelism()} cores, PostgreSQL and other processes the rest.`,
      );
    }
    if (duplicates > 0 || failed > 0) exitCode = 1;
  } finally {
    await stopQueue().catch(() => undefined);
    await closeDb();
  }
} catch (error) {
  stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
  exitCode = 1;
} finally {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  if (process.env.BENCH_KEEP === "1") stderr(`Kept the database: ${database.url}`);
  else await database.drop();
}
process.exit(exitCode);
