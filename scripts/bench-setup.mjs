// `npm run bench:setup`: what a newcomer waits for. In a fresh clone of the committed HEAD it
// times `npm ci`, `next build`, and `npm run dev` on a new embedded database until the first
// page answers (migrations and seeding included), then a second request to the same page.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
const dir = mkdtempSync(path.join(tmpdir(), "laurel-bench-"));
const app = path.join(dir, "app");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL;

const seconds = (start) => ((performance.now() - start) / 1000).toFixed(1);

function timed(label, command, args) {
  const start = performance.now();
  execFileSync(command, args, { cwd: app, env, stdio: ["ignore", "ignore", "pipe"] });
  const result = seconds(start);
  console.log(`${label}: ${result} s`);
  return result;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function firstPage(port) {
  const child = spawn("npx", ["next", "dev", "-p", String(port)], { cwd: app, env: { ...env, PORT: String(port) }, detached: true, stdio: "ignore" });
  const start = performance.now();
  try {
    for (;;) {
      if (performance.now() - start > 180_000) throw new Error("the dev server did not answer within 3 minutes");
      const response = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      if (response?.status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const first = seconds(start);
    const again = performance.now();
    await fetch(`http://127.0.0.1:${port}/`);
    const second = ((performance.now() - again) / 1000).toFixed(2);
    return { first, second };
  } finally {
    process.kill(-child.pid, "SIGTERM");
  }
}

try {
  console.log(`Fresh clone of ${execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim()}`);
  execFileSync("git", ["clone", "-q", root, app]);
  const install = timed("npm ci", "npm", ["ci", "--no-audit", "--no-fund"]);
  const build = timed("next build", "npx", ["next", "build"]);
  rmSync(path.join(app, ".next"), { recursive: true, force: true });
  const { first, second } = await firstPage(await freePort());
  console.log(`npm run dev, first page on a new embedded database: ${first} s (then ${second} s)`);
  console.log(`\n| npm ci | next build | dev first page (new embedded DB) | same page again |\n| --- | --- | --- | --- |\n| ${install} s | ${build} s | ${first} s | ${second} s |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
