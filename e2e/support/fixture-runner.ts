// On the embedded database only one process may hold the data folder, so the scripts that write
// data no page can create cannot run beside the app. Global setup then serves this small loopback
// endpoint: a spec posts the script and its arguments, the runner stops the app, runs the script
// on the folder, starts the app again and answers with the script's last line of output.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export type FixtureRequest = { script: string; args: string[]; password: string };

/** Runs `e2e/support/<script>` with tsx and resolves with the last line it printed. */
export function runFixtureScript(root: string, script: string, args: string[], env: NodeJS.ProcessEnv & { FIXTURE_PASSWORD?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "e2e", "support", script), ...args], {
      cwd: root,
      env: { ...env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(stdout.trim().split("\n").pop() ?? "");
      else reject(new Error(`${script} exited with ${code}: ${stderr.trim().slice(-2_000)}`));
    });
  });
}

/** The loopback endpoint; `run` is called for one request at a time. */
export async function startFixtureRunner(root: string, run: (script: string, args: string[], password: string) => Promise<string>) {
  const fixturesDir = path.join(root, "e2e", "support");
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      let parsed: FixtureRequest;
      try {
        parsed = JSON.parse(body) as FixtureRequest;
        // Only the fixture scripts beside this file, named plainly.
        if (!/^[\w-]+\.ts$/.test(parsed.script) || path.dirname(path.join(fixturesDir, parsed.script)) !== fixturesDir) throw new Error("bad script");
      } catch {
        response.writeHead(400).end("expected {script, args, password}");
        return;
      }
      const job = queue.then(() => run(parsed.script, parsed.args ?? [], parsed.password));
      queue = job.catch(() => {});
      job.then(
        (line) => response.writeHead(200, { "Content-Type": "text/plain" }).end(line),
        (error: unknown) => response.writeHead(500, { "Content-Type": "text/plain" }).end(error instanceof Error ? error.message : String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
