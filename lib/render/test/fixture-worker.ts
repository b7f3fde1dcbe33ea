// A worker for the pool's own tests: echoes, spins (a render that never ends) or crashes.
import { parentPort } from "node:worker_threads";

type FixtureTask = { type: "echo"; value: string } | { type: "spin" } | { type: "crash" };

parentPort?.on("message", ({ id, task }: { id: number; task: FixtureTask }) => {
  if (task.type === "echo") parentPort?.postMessage({ id, result: task.value });
  if (task.type === "spin") for (;;);
  if (task.type === "crash") process.exit(3);
});

parentPort?.postMessage({ ready: true });
