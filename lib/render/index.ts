/**
 * Rendering off the main thread: share cards, certificate PNGs and PDFs, badge designs and
 * downscaled uploads are drawn by a small pool of worker threads, each job with a deadline
 * (RENDER_TIMEOUT_MS). While one renders, the server keeps answering every other request.
 *
 * The pool starts on first use and stays for the life of the process. Where no worker can start
 * (this code bundled without its files on disk, or without tsx to load them), renders run on the
 * calling thread as before, and a warning says so once.
 */
import { availableParallelism } from "node:os";
import { log } from "@/lib/log";
import { RenderUnavailableError, WorkerPool, workerModuleUrl } from "./pool";
import type { RenderResult, RenderTask } from "./tasks";

export { RenderFailedError, RenderTimeoutError, RenderUnavailableError } from "./pool";
export type { BadgeSource, CertificateJob, RenderTask } from "./tasks";

/** A render past this is stopped and answered with RenderTimeoutError (503). */
export const RENDER_TIMEOUT_MS = 10_000;
/** Renders allowed to wait for a worker before new ones are refused (503) instead of queued. */
const MAX_QUEUE = 64;
/** One worker per spare core, at most two: renders should not crowd out requests. */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));

let pool: Promise<WorkerPool<RenderTask, unknown> | null> | undefined;

function startPool(): Promise<WorkerPool<RenderTask, unknown> | null> {
  const module = workerModuleUrl(import.meta.url, "./worker.ts", "lib/render/worker.ts");
  if (!module) {
    log.warn("render workers unavailable (lib/render/worker.ts not on disk): rendering on the main thread");
    return Promise.resolve(null);
  }
  return WorkerPool.start<RenderTask, unknown>({
    module,
    size: POOL_SIZE,
    timeoutMs: RENDER_TIMEOUT_MS,
    maxQueue: MAX_QUEUE,
    // The JavaScript heap of one render; resvg's own memory is bounded by the pixel budget.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  }).catch((error: unknown) => {
    log.warn({ err: error }, "render workers could not start: rendering on the main thread");
    return null;
  });
}

/** Starts the workers now (at server start), so the first render does not wait for them to load. */
export function warmRenderPool(): void {
  pool ??= startPool();
}

/** Renders `task` in a worker (or on this thread where workers cannot run). */
export async function render<T extends RenderTask>(task: T, options: { timeoutMs?: number } = {}): Promise<RenderResult<T>> {
  pool ??= startPool();
  const workers = await pool;
  if (!workers) {
    const { runRenderTask } = await import("./tasks");
    return runRenderTask(task);
  }
  try {
    return (await workers.run(task, options)) as RenderResult<T>;
  } catch (error) {
    if (error instanceof RenderUnavailableError && workers.size === 0) pool = undefined; // start afresh next time
    throw error;
  }
}

/** Stops the workers (tests, and scripts that want to exit promptly). */
export async function closeRenderPool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await (await current)?.close();
}
