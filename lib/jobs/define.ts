import type { Logger } from "pino";
import type { z } from "zod";

/** What a handler learns about the job it runs, besides its data. */
export type JobContext = {
  id: string;
  name: string;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /** Logger bound to the job (name, id). */
  log: Logger;
  /** Aborted when the process starts stopping its queue: a long-running handler ends early. */
  signal: AbortSignal;
};

/** Queue-level settings, applied to every job of the queue unless `enqueue` overrides them. */
export type JobQueueOptions = {
  /** Retries after the first failure (pg-boss default 2). */
  retryLimit?: number;
  /** Seconds before a retry. */
  retryDelay?: number;
  /** Exponential backoff from retryDelay. */
  retryBackoff?: boolean;
  /** A run taking longer fails (and is retried); under 24 hours. Default 15 minutes. */
  expireInSeconds?: number;
  /** How long a job may wait to be picked up before it is dropped. Default 14 days. */
  retentionMinutes?: number;
  /**
   * pg-boss queue policy: "standard"; "short" (one queued job per singletonKey); "singleton"
   * (one active job at a time); "stately" (one queued and one active).
   */
  policy?: "standard" | "short" | "singleton" | "stately";
  /** Queue (another registered job) that receives a copy of each job failed for good. */
  deadLetter?: string;
};

export type JobDefinition<TData, TName extends string = string> = {
  /** Queue name, e.g. "email.send"; namespaced by feature. */
  name: TName;
  description?: string;
  /** Checked on enqueue and again before the handler runs. */
  schema?: z.ZodType<TData>;
  /** Throw to fail the attempt (it is retried per `options`); the return value is kept as output. */
  handler: (data: TData, context: JobContext) => Promise<unknown>;
  options?: JobQueueOptions;
  /** Jobs one process runs at the same time (one pg-boss worker each). Default 1. */
  concurrency?: number;
  /**
   * Jobs each worker fetches at once and runs side by side. Default 1. A worker waits out its
   * polling interval after every fetch, even one that found work, so one worker runs at most
   * batchSize jobs per interval: short, plentiful jobs (webhook deliveries) need a batch. A
   * batch's jobs complete together, and a throw fails all of them (they are retried), so a
   * batched handler must be safe to run twice.
   */
  batchSize?: number;
  /** Seconds between polls while the queue is empty. Default 2 (pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * Finds this job's work whose process died mid-run and queues it again with `requeue`. Called
   * when a process starts serving the job (before its workers start) and every
   * `RECOVER_INTERVAL_SECONDS` after: a job killed with its process is otherwise retried only
   * once pg-boss expires it, minutes later.
   */
  recover?: (requeue: (data: TData) => Promise<unknown>) => Promise<void>;
  /** Enqueued by pg-boss's cron while workers run (the clock is UTC unless tz says otherwise). */
  schedule?: { cron: string; data: TData; tz?: string };
};

// A definition of any job, as the queue sees it (handler parameters are checked by the schema).
export type AnyJobDefinition = JobDefinition<any>;

/** Identity function that keeps the literal name and the data type for the typed registry. */
export function defineJob<TData, const TName extends string>(
  definition: JobDefinition<TData, TName>,
): JobDefinition<TData, TName> {
  return definition;
}
