// Laurel's durable job queue: pg-boss on the app's database. On PostgreSQL pg-boss gets its own
// small pool on DATABASE_URL; on the embedded PGlite it shares the app's one connection through
// `sql()` from lib/db. Jobs live in the `pgboss` schema, so they survive restarts and crashes.
import PgBoss from "pg-boss";
import pg from "pg";
import { databaseKind, ensureDb, sql, type DatabaseKind } from "@/lib/db";
import { waitForSessionLock } from "@/lib/db/session-lock";
import { log as rootLog } from "@/lib/log";
import type { AnyJobDefinition, JobContext } from "./define";
import { registeredJobs, type JobData, type JobName } from "./registry";

const log = rootLog.child({ module: "jobs" });

const SCHEMA = "pgboss";
/** Connections of pg-boss's own pool on PostgreSQL (polling and bookkeeping only). */
const POOL_MAX = 4;
const DEFAULT_POLLING_SECONDS = 2;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;
/** How often a process with workers looks for work orphaned by a dead process (JobDefinition.recover). */
export const RECOVER_INTERVAL_SECONDS = 15;

export type StartQueueOptions = {
  /** Run the registered jobs in this process (and pg-boss's cron and maintenance); else only enqueue. */
  workers: boolean;
  /** Overrides every job's polling interval (seconds, at least 0.5). Tests set it low. */
  pollingIntervalSeconds?: number;
  /** The jobs to serve; the registry by default. Tests pass their own. */
  jobs?: readonly AnyJobDefinition[];
  /**
   * pg-boss's schema ("pgboss" by default). A test serving the registry's queue names with
   * stand-in handlers uses its own, or it would take real jobs from tests running beside it.
   */
  schema?: string;
};

export type QueueInfo = {
  database: DatabaseKind;
  workers: boolean;
  /** Queue names this process knows (and serves, when workers is true). */
  jobs: string[];
};

/** pg-boss's send options: priority, startAfter, singletonKey/singletonSeconds, retry*, expireIn*, … */
export type EnqueueOptions = Omit<PgBoss.SendOptions, "db">;

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export type JobInfo = {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  /** The handler's return value once completed; the error (message, stack) once failed. */
  output: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
};

// ---------------------------------------------------------------------------------------------
// pg-boss's database adapter

// pg-boss sends its schema creation, migrations and maintenance as "BEGIN; …; COMMIT;" scripts
// under an advisory lock. When one statement fails, the session stays in an aborted transaction:
// with pg-boss's own pool that poisons a pooled connection; on PGlite, whose single connection the
// app shares, every later query of the app would fail. Such a script is therefore sent as one DO
// statement running the body: atomic, rolled back on error, and never leaving a transaction open.
const LOCKED_SCRIPT = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/;
const DO_TAG = "$laurel_jobs_do$";
const BODY_TAG = "$laurel_jobs_script$";

export function asSingleStatement(text: string): string {
  const match = LOCKED_SCRIPT.exec(text);
  if (!match || text.includes(DO_TAG) || text.includes(BODY_TAG)) return text;
  return `DO ${DO_TAG} BEGIN EXECUTE ${BODY_TAG}${match[1]}${BODY_TAG}; END ${DO_TAG}`;
}

type Backend = {
  run(text: string, values: unknown[]): Promise<unknown[]>;
  end(): Promise<void>;
};

function postgresBackend(connectionString: string): Backend {
  const pool = new pg.Pool({ connectionString, max: POOL_MAX, application_name: "laurel-jobs" });
  // An idle connection dropped by the server must not crash the process; the pool reconnects.
  pool.on("error", (err) => log.warn({ err }, "job queue connection dropped"));
  return {
    async run(text, values) {
      const result = (await pool.query(text, values)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return last?.rows ?? [];
    },
    end: () => pool.end(),
  };
}

function pgliteBackend(): Backend {
  return {
    // Through lib/db: the one PGlite connection, which serializes pg-boss's queries with Prisma's
    // (a Prisma transaction holds it until it ends). Without parameters sql() runs a script.
    run: (text, values) => sql(text, values),
    // The connection belongs to lib/db (closeDb).
    end: async () => undefined,
  };
}

class QueueDb implements PgBoss.Db {
  readonly pending = new Set<Promise<unknown>>();
  #closed = false;

  constructor(private readonly backend: Backend) {}

  async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    if (this.#closed) {
      // Like pg-boss's own adapter once closed: a late call (a job that finished after the queue
      // stopped) resolves to nothing; that job is retried when it expires.
      log.warn({ sql: text.trim().slice(0, 80) }, "job queue stopped: query dropped");
      return undefined as unknown as { rows: unknown[] };
    }
    const running = this.backend.run(asSingleStatement(text), values ?? []);
    this.pending.add(running);
    try {
      return { rows: await running };
    } finally {
      this.pending.delete(running);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.backend.end();
  }
}

// ---------------------------------------------------------------------------------------------
// One queue per process

type Running = {
  boss: PgBoss;
  db: QueueDb;
  info: QueueInfo;
  definitions: Map<string, AnyJobDefinition>;
  /** Handlers running now. */
  handlers: Set<Promise<unknown>>;
  /** The timer calling the definitions' `recover`. */
  recovery?: NodeJS.Timeout;
  /** Aborted when the queue starts stopping (handlers see it as `context.signal`). */
  stopping: AbortController;
};

type Slot = { current?: Running; chain: Promise<unknown> };

// On globalThis: Next may evaluate this module in several bundles of one process, and they must
// share one pg-boss (one set of workers, one pool).
const SLOT_KEY = Symbol.for("laurel.jobs.queue");
type GlobalWithQueue = typeof globalThis & { [SLOT_KEY]?: Slot };

function slot(): Slot {
  const global = globalThis as GlobalWithQueue;
  global[SLOT_KEY] ??= { chain: Promise.resolve() };
  return global[SLOT_KEY];
}

// start and stop run one after the other, never interleaved.
function serialized<T>(operation: () => Promise<T>): Promise<T> {
  const s = slot();
  const result = s.chain.then(operation, operation);
  s.chain = result.catch(() => undefined);
  return result;
}

/**
 * Starts this process's queue: installs or migrates pg-boss's schema, creates the registered
 * queues and, with `workers: true`, runs their handlers, their cron schedules and pg-boss's
 * maintenance. Idempotent; a queue started without workers is restarted with them when asked.
 */
export function startQueue(options: StartQueueOptions): Promise<QueueInfo> {
  return serialized(async () => {
    const s = slot();
    if (s.current) {
      if (s.current.info.workers || !options.workers) return s.current.info;
      await shutdown(s.current, DEFAULT_STOP_TIMEOUT_MS);
      s.current = undefined;
    }
    s.current = await boot(options);
    return s.current.info;
  });
}

/**
 * Stops the workers (waiting up to `timeoutMs` for running jobs; jobs still running then are
 * marked failed and retried later) and closes pg-boss's connections. Call before closeDb().
 */
export function stopQueue(options: { timeoutMs?: number } = {}): Promise<void> {
  return serialized(async () => {
    const s = slot();
    const current = s.current;
    if (!current) return;
    // Still the current queue while it stops: the jobs finishing meanwhile enqueue what follows
    // from them (claim emails in their transactions, a bulk job's continuation).
    try {
      await shutdown(current, options.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
    } finally {
      if (s.current === current) s.current = undefined;
    }
    log.info("job queue stopped");
  });
}

async function boot(options: StartQueueOptions): Promise<Running> {
  await ensureDb();
  const database = databaseKind();
  const definitions = new Map<string, AnyJobDefinition>();
  for (const definition of options.jobs ?? registeredJobs) {
    if (definitions.has(definition.name)) throw new Error(`Two jobs are named "${definition.name}".`);
    definitions.set(definition.name, definition);
  }

  const url = process.env.DATABASE_URL;
  if (database === "postgres" && !url) throw new Error("DATABASE_URL is not set.");
  const db = new QueueDb(database === "postgres" && url ? postgresBackend(url) : pgliteBackend());

  const boss = new PgBoss({
    db,
    schema: options.schema ?? SCHEMA,
    migrate: true,
    // Cron and maintenance (expiring stuck jobs, archiving, deleting old archives) run where
    // workers run; pg-boss throttles them across processes through the database.
    schedule: options.workers,
    supervise: options.workers,
  });
  boss.on("error", (err) => log.error({ err }, "job queue error"));

  const running: Running = {
    boss,
    db,
    definitions,
    handlers: new Set(),
    stopping: new AbortController(),
    info: { database, workers: options.workers, jobs: [...definitions.keys()] },
  };
  try {
    // One process at a time sets up the queue's tables: instances starting together would
    // deadlock in pg-boss's queue creation.
    const setup = await waitForSessionLock("laurel:job-queue-setup");
    try {
      await boss.start();
      await createQueues(boss, [...definitions.values()]);
    } finally {
      await setup.release();
    }
    if (options.workers) await startWorkers(running, options);
  } catch (error) {
    await shutdown(running, 1000).catch(() => undefined);
    throw error;
  }
  log.info(running.info, options.workers ? "job queue started with workers" : "job queue started (enqueue only)");
  return running;
}

async function createQueues(boss: PgBoss, definitions: AnyJobDefinition[]): Promise<void> {
  // Every queue first, then their settings: a dead-letter queue must exist before it is named.
  for (const { name, options } of definitions) {
    await boss.createQueue(name, { name, policy: options?.policy ?? "standard" });
  }
  // createQueue leaves an existing queue as it is; this applies settings changed in code.
  for (const { name, options } of definitions) {
    await boss.updateQueue(name, { name, ...options, policy: options?.policy ?? "standard" });
  }
}

async function startWorkers(running: Running, options: StartQueueOptions): Promise<void> {
  const { boss, definitions } = running;
  // Work orphaned by a process that died is queued again before the workers take any job (a
  // busy start must not delay it), then checked for periodically.
  const recoverable = [...definitions.values()].filter((definition) => definition.recover);
  if (recoverable.length > 0) {
    const recover = async () => {
      for (const definition of recoverable) {
        const requeue = (data: unknown) => boss.send(definition.name, (data ?? {}) as object);
        await definition.recover!(requeue).catch((err: unknown) => log.error({ err, job: definition.name }, "job recovery failed"));
      }
    };
    await recover();
    running.recovery = setInterval(() => void recover(), RECOVER_INTERVAL_SECONDS * 1000);
    running.recovery.unref();
  }

  for (const definition of definitions.values()) {
    const pollingIntervalSeconds =
      options.pollingIntervalSeconds ?? definition.pollingIntervalSeconds ?? DEFAULT_POLLING_SECONDS;
    const workOptions = { batchSize: Math.max(1, definition.batchSize ?? 1), includeMetadata: true as const, pollingIntervalSeconds };
    for (let i = 0; i < Math.max(1, definition.concurrency ?? 1); i++) {
      await boss.work<unknown>(definition.name, workOptions, async (jobs) => {
        const handling = Promise.all(jobs.map((job) => runJob(definition, job, running.stopping.signal)));
        running.handlers.add(handling);
        try {
          const outputs = await handling;
          return outputs.length === 1 ? outputs[0] : outputs;
        } finally {
          running.handlers.delete(handling);
        }
      });
    }
  }

  // Schedules live in the database: add the registry's, drop the ones no job declares anymore.
  const scheduled = new Set<string>();
  for (const definition of definitions.values()) {
    if (!definition.schedule) continue;
    const { cron, data, tz } = definition.schedule;
    await boss.schedule(definition.name, cron, data as object, tz ? { tz } : {});
    scheduled.add(definition.name);
  }
  for (const { name } of await boss.getSchedules()) {
    if (!scheduled.has(name)) await boss.unschedule(name);
  }
}

async function runJob(definition: AnyJobDefinition, job: PgBoss.JobWithMetadata<unknown>, signal: AbortSignal): Promise<unknown> {
  const jobLog = log.child({ job: job.name, jobId: job.id });
  const context: JobContext = {
    id: job.id,
    name: job.name,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    log: jobLog,
    signal,
  };
  const attempt = job.retryCount + 1;
  const started = Date.now();
  jobLog.debug({ attempt }, "job started");
  try {
    const data = definition.schema ? definition.schema.parse(job.data) : job.data;
    const output = await definition.handler(data, context);
    jobLog.info({ attempt, ms: Date.now() - started }, "job completed");
    return output;
  } catch (err) {
    const willRetry = job.retryCount < job.retryLimit;
    jobLog[willRetry ? "warn" : "error"](
      { err, attempt, willRetry, ms: Date.now() - started },
      willRetry ? "job attempt failed" : "job failed",
    );
    throw err;
  }
}

async function shutdown(running: Running, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  clearInterval(running.recovery);
  running.stopping.abort();
  // Waits for the jobs pg-boss's workers hold, then fails those still running at the deadline.
  await running.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
  // A poll in flight when the workers stopped can still hand over a job, and a finished job's
  // completion is written after its handler returns: let both finish before closing.
  while (Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
    const busy = [...running.handlers, ...running.db.pending];
    if (busy.length === 0) break;
    await Promise.race([
      Promise.allSettled(busy),
      new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
    ]);
  }
  await running.db.close();
}

async function current(): Promise<Running> {
  const existing = slot().current;
  if (existing) return existing;
  await startQueue({ workers: false });
  const started = slot().current;
  if (!started) throw new Error("The job queue is stopped.");
  return started;
}

// ---------------------------------------------------------------------------------------------
// Producing and inspecting jobs

/**
 * Adds a job. Its data is checked against the job's schema first (a ZodError is thrown). Starts
 * the queue (enqueue only) if this process has not. Resolves to the job id, or null when the
 * queue's policy or a singletonKey made pg-boss skip it.
 *
 * Call it once the rows the job works on are committed, never inside a db.$transaction callback:
 * the job is not part of that transaction, and on PGlite (one connection) it would wait for the
 * transaction to end and stall until the transaction times out.
 */
export async function enqueue<N extends JobName>(
  name: N,
  data: JobData<N>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const { boss, definitions } = await current();
  const definition = definitions.get(name);
  if (!definition) throw new Error(`No job named "${name}" is registered (lib/jobs/registry.ts).`);
  definition.schema?.parse(data);
  return boss.send(name, (data ?? {}) as object, options);
}

/** What enqueueInTransaction needs of a transaction: Prisma's `tx` fits. */
export type TransactionSql = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

/**
 * Adds jobs inside the caller's database transaction: they exist if and only if it commits, so
 * work recorded in that transaction (credentials stored) and the jobs that follow from it (their
 * emails) can never part, whatever crashes when. The queue must already be started in this
 * process (`startQueue`): starting it here would wait for the transaction's own connection.
 */
export async function enqueueInTransaction<N extends JobName>(tx: TransactionSql, name: N, items: Array<JobData<N>>): Promise<void> {
  if (items.length === 0) return;
  const running = slot().current;
  if (!running) throw new Error("Start the job queue before enqueueing inside a transaction.");
  const definition = running.definitions.get(name);
  if (!definition) throw new Error(`No job named "${name}" is registered (lib/jobs/registry.ts).`);
  for (const data of items) definition.schema?.parse(data);
  const db: PgBoss.Db = {
    // pg-boss's own insert statement, run on the transaction (undefined settings as SQL NULL).
    executeSql: async (text, values = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((value) => value ?? null)) }),
  };
  await running.boss.insert(items.map((data) => ({ name, data: (data ?? {}) as object })), { db });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job's state and result, archived ones included; null when unknown. */
export async function getJob(name: string, id: string): Promise<JobInfo | null> {
  if (!UUID.test(id)) return null;
  const { boss } = await current();
  const job = await boss.getJobById<unknown>(name, id, { includeArchive: true });
  if (!job) return null;
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    data: job.data,
    output: job.output ?? null,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    createdOn: job.createdOn,
    startedOn: job.startedOn ?? null,
    completedOn: job.completedOn ?? null,
  };
}

/** This process's queue, or null when it is not started. */
export function queueInfo(): QueueInfo | null {
  return slot().current?.info ?? null;
}

/** pg-boss itself, for what this module does not wrap (admin tools, tests); null when stopped. */
export function queueBoss(): PgBoss | null {
  return slot().current?.boss ?? null;
}
