// Data no page can create (a known set of analytics events, an organization past its trial) is
// written straight into the app's database by a small script under e2e/support, run with tsx.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PASSWORD } from "./flows.ts";

/**
 * Runs `e2e/support/<script>` against the browser tests' database and returns the last line it
 * printed (scripts print one line of JSON). On PostgreSQL (global setup names it in
 * LAUREL_E2E_DATABASE_URL) the script runs here, beside the app; on the embedded database global
 * setup runs it between a stop and a start of the app (LAUREL_E2E_FIXTURE_URL).
 * Scripts that create an owner give them PASSWORD, so specs sign in with `signIn`.
 */
export function runDatabaseFixture(script: string, args: string[] = []): string {
  const databaseUrl = process.env.LAUREL_E2E_DATABASE_URL;
  if (databaseUrl) {
    const output = execFileSync("npx", ["tsx", fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, FIXTURE_PASSWORD: PASSWORD, LOG_LEVEL: "silent" },
      encoding: "utf8",
    });
    return output.trim().split("\n").pop() ?? "";
  }
  const runnerUrl = process.env.LAUREL_E2E_FIXTURE_URL;
  if (!runnerUrl) throw new Error(`${script}: global setup named neither a database nor a fixture runner.`);
  // Specs are synchronous here; a child process makes the one request and prints the answer.
  const request = `const r = await fetch(process.argv[1], { method: "POST", body: process.argv[2] });
    const text = await r.text(); if (!r.ok) { console.error(text); process.exit(1); } process.stdout.write(text);`;
  return execFileSync(process.execPath, ["--input-type=module", "-e", request, runnerUrl, JSON.stringify({ script, args, password: PASSWORD })], {
    encoding: "utf8",
  }).trim();
}
