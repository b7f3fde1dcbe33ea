// Data no page can create (a known set of analytics events, an organization past its trial) is
// written straight into the app's database by a small script under e2e/support, run with tsx.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PASSWORD } from "./flows.ts";

/**
 * Runs `e2e/support/<script>` against the browser tests' database (global setup names it in
 * LAUREL_E2E_DATABASE_URL) and returns the last line it printed (scripts print one line of JSON).
 * Scripts that create an owner give them PASSWORD, so specs sign in with `signIn`.
 */
export function runDatabaseFixture(script: string, args: string[] = []): string {
  const databaseUrl = process.env.LAUREL_E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error(`${script} writes into the app's PostgreSQL database: run the browser tests with DATABASE_URL set.`);
  const output = execFileSync("npx", ["tsx", fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, FIXTURE_PASSWORD: PASSWORD, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  return output.trim().split("\n").pop() ?? "";
}
