import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The worker (npm run worker) is plain Node: a module it loads must not import "server-only",
// which throws outside Next's server bundles. Tests alias it away, so only a real Node process
// shows the problem: this one loads every module the registered jobs' handlers load.

const root = resolve(__dirname, "../..");
const aliasOf = (specifier: string, from: string) =>
  specifier.startsWith("@/") ? resolve(root, specifier.slice(2)) : resolve(dirname(from), specifier);

function jobModules(): string[] {
  const registry = resolve(root, "lib/jobs/registry.ts");
  const definitionFiles = [...readFileSync(registry, "utf8").matchAll(/from "([^"]+)";/g)]
    .map(([, specifier]) => specifier)
    .filter((specifier) => specifier.startsWith("@/") || specifier.startsWith("./"))
    .filter((specifier) => !specifier.endsWith("/define"))
    .map((specifier) => `${aliasOf(specifier, registry)}.ts`);
  const handlers = definitionFiles.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/import\("([^"]+)"\)/g)].map(([, specifier]) => `${aliasOf(specifier, file)}.ts`),
  );
  return [...new Set([...definitionFiles, ...handlers])];
}

describe("the worker process", () => {
  it("loads every job module and every module a handler loads, outside Next", async () => {
    const modules = jobModules();
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.some((file) => file.endsWith("lib/webhooks/deliver.ts"))).toBe(true);
    const script = `Promise.all(${JSON.stringify(modules)}.map((m) => import(m))).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })`;
    const run = promisify(execFile);
    const env = { ...process.env, NODE_ENV: "production" } as NodeJS.ProcessEnv;
    await expect(run(resolve(root, "node_modules/.bin/tsx"), ["-e", script], { cwd: root, env, timeout: 60_000 })).resolves.toBeDefined();
  }, 90_000);
});
