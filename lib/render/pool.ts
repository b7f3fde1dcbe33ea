// A small pool of worker threads that run one job each at a time, with a deadline: a job past
// it is answered with RenderTimeoutError and its worker is terminated and replaced, so one
// hostile or broken input costs one worker for a few seconds, never the process's event loop.
// Same bootstrapping as the signing pool (lib/ob/sign-batch.ts): on Node 20 a worker does not
// inherit the TypeScript loader, so it registers tsx before importing its module.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type ResourceLimits, type Transferable } from "node:worker_threads";

export type WorkerRequest<Task> = { id: number; task: Task };
export type WorkerReply<Result> = { id: number; result?: Result; error?: string } | { ready: true };

/** The job ran past its deadline; its worker was replaced. */
export class RenderTimeoutError extends Error {
  readonly status = 503;
  constructor(readonly timeoutMs: number) {
    super(`The image took longer than ${timeoutMs / 1000} s to render and was stopped.`);
    this.name = "RenderTimeoutError";
  }
}

/** Too many renders are waiting already, or no worker could be started: try again shortly. */
export class RenderUnavailableError extends Error {
  readonly status = 503;
  constructor(message: string) {
    super(message);
    this.name = "RenderUnavailableError";
  }
}

/** The render itself failed (bad input, a crashed worker). */
export class RenderFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderFailedError";
  }
}

export type PoolOptions = {
  /** The worker module: a file URL of a .ts file (run through tsx) or a .js/.mjs file. */
  module: string;
  size: number;
  /** Per job, counted from when a worker takes it (not while it waits in the queue). */
  timeoutMs: number;
  /** Jobs allowed to wait for a worker; past it, RenderUnavailableError at once. */
  maxQueue: number;
  resourceLimits?: ResourceLimits;
};

// Built at run time so bundlers (Next.js) neither pull tsx into a server bundle nor try to
// follow the worker's file.
const TSX_API = ["tsx", "esm", "api"].join("/");

/** A worker for `module`, which must post `{ ready: true }` once loaded. */
function spawn(module: string, resourceLimits?: ResourceLimits): Worker {
  if (!module.endsWith(".ts")) return new Worker(new URL(/* turbopackIgnore: true */ module), { resourceLimits });
  const require = createRequire(join(process.cwd(), "package.json"));
  const tsxApi = pathToFileURL(require.resolve(/* turbopackIgnore: true */ TSX_API).replace(/\.cjs$/, ".mjs")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(module)}); })`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

function whenReady(worker: Worker): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerReply<unknown>) => {
      if ("ready" in message) {
        cleanup();
        resolve(worker);
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new RenderUnavailableError(`A render worker could not start: ${error.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new RenderUnavailableError(`A render worker exited while starting (code ${code}).`));
    };
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

type Job<Task, Result> = {
  id: number;
  task: Task;
  transfer: Transferable[];
  timeoutMs: number;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
};

export class WorkerPool<Task, Result> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job<Task, Result>>();
  private readonly queue: Job<Task, Result>[] = [];
  private readonly all = new Set<Worker>();
  private starting = 0;
  private closed = false;
  private nextId = 0;
  /** Workers replaced after a timeout or a crash (for tests and logs). */
  replaced = 0;

  private constructor(private readonly options: PoolOptions) {}

  /** Starts `size` workers and waits until each has loaded its module. */
  static async start<Task, Result>(options: PoolOptions): Promise<WorkerPool<Task, Result>> {
    const pool = new WorkerPool<Task, Result>(options);
    const workers = Array.from({ length: Math.max(1, options.size) }, () => spawn(options.module, options.resourceLimits));
    try {
      await Promise.all(workers.map(whenReady));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    for (const worker of workers) pool.adopt(worker);
    return pool;
  }

  get size(): number {
    return this.all.size;
  }

  private adopt(worker: Worker): void {
    this.all.add(worker);
    worker.on("message", (message: WorkerReply<Result>) => {
      if ("ready" in message) return;
      const job = this.busy.get(worker);
      if (!job || job.id !== message.id) return;
      clearTimeout(job.timer);
      this.busy.delete(worker);
      this.idle.push(worker);
      worker.unref();
      if (message.error !== undefined) job.reject(new RenderFailedError(message.error));
      else job.resolve(message.result as Result);
      this.pump();
    });
    worker.on("error", (error) => this.lose(worker, new RenderFailedError(`A render worker failed: ${error.message}`)));
    worker.on("exit", (code) => this.lose(worker, new RenderFailedError(`A render worker stopped (code ${code}).`)));
    // An idle worker does not keep a script alive; a busy one does, until its job is answered.
    worker.unref();
    this.idle.push(worker);
  }

  /** A worker is gone (crashed, or terminated after a timeout): fail its job, start another. */
  private lose(worker: Worker, error: Error): void {
    if (!this.all.delete(worker)) return;
    const index = this.idle.indexOf(worker);
    if (index !== -1) this.idle.splice(index, 1);
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    if (job) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    if (this.closed) return;
    this.replaced++;
    this.starting++;
    // Started on a later tick: a failure to spawn becomes a rejection, never an exception here.
    Promise.resolve()
      .then(() => whenReady(spawn(this.options.module, this.options.resourceLimits)))
      .then(
        (fresh) => {
          this.starting--;
          if (this.closed) return void fresh.terminate();
          this.adopt(fresh);
          this.pump();
        },
        (startError: Error) => {
          this.starting--;
          // No worker left to take the queue: tell the waiting callers rather than hang them.
          if (this.all.size === 0 && this.starting === 0) for (const waiting of this.queue.splice(0)) waiting.reject(startError);
        },
      );
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      job.timer = setTimeout(() => {
        // Answer the caller now; terminating frees the thread even mid-computation.
        this.lose(worker, new RenderTimeoutError(job.timeoutMs));
        void worker.terminate();
      }, job.timeoutMs);
      worker.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest<Task>, job.transfer);
    }
  }

  run(task: Task, options: { timeoutMs?: number; transfer?: Transferable[] } = {}): Promise<Result> {
    if (this.closed) return Promise.reject(new RenderUnavailableError("The render pool is closed."));
    if (this.all.size === 0 && this.starting === 0) return Promise.reject(new RenderUnavailableError("No render worker is running."));
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new RenderUnavailableError(`${this.queue.length} renders are already waiting; try again shortly.`));
    }
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer: options.transfer ?? [], timeoutMs: options.timeoutMs ?? this.options.timeoutMs, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.busy.values(), ...this.queue.splice(0)]) {
      clearTimeout(job.timer);
      job.reject(new RenderUnavailableError("The render pool is closed."));
    }
    this.busy.clear();
    const workers = [...this.all];
    this.all.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * The worker module's URL: beside this file when running from the TypeScript sources (tsx,
 * Vitest), else under the app's directory (a Next.js server bundle has no files of its own).
 */
export function workerModuleUrl(importMetaUrl: string, relative: string, fromRoot: string): string | null {
  if (importMetaUrl.endsWith(".ts")) return new URL(/* turbopackIgnore: true */ relative, importMetaUrl).href;
  const onDisk = join(/* turbopackIgnore: true */ process.cwd(), fromRoot);
  return existsSync(onDisk) ? pathToFileURL(onDisk).href : null;
}
