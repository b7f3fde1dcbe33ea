// A render worker (see pool.ts): renders the tasks it is sent and answers with the bytes.
import { parentPort } from "node:worker_threads";
import type { WorkerReply, WorkerRequest } from "./pool";
import { runRenderTask, type RenderTask } from "./tasks";

parentPort?.on("message", ({ id, task }: WorkerRequest<RenderTask>) => {
  runRenderTask(task).then(
    (result) => {
      const bytes = result instanceof Uint8Array ? result : result.png;
      // Handing the buffer over instead of copying it (a certificate PDF is a few hundred KB).
      const transfer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
      parentPort?.postMessage({ id, result } satisfies WorkerReply<unknown>, transfer);
    },
    (error: unknown) => parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply<unknown>),
  );
});

// Modules are loaded: the pool can send work.
parentPort?.postMessage({ ready: true } satisfies WorkerReply<unknown>);
