// `npm test`: the unit and integration tests (Vitest), then the browser tests (Playwright).
// Both always run; the command fails when either fails. The last line is the total, e.g.
// `42 passed, 0 failed, 1 skipped`.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { testEnvironment } from "./test-database.mjs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// The tests need no environment: a local PostgreSQL is found when there is one.
const env = await testEnvironment();
const workDir = mkdtempSync(path.join(tmpdir(), "laurel-test-"));

function run(command, args, childEnv = env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: childEnv });
    child.on("error", (error) => {
      console.error(error.message);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function section(title) {
  console.log(`\n=== ${title} ===\n`);
}

/** @returns {{ name: string, passed: number, failed: number, skipped: number, exitCode: number, note?: string }} */
function vitestCounts(report, exitCode) {
  const counts = { name: "unit tests (Vitest)", passed: 0, failed: 0, skipped: 0, exitCode };
  if (!report) {
    return { ...counts, failed: exitCode === 0 ? 0 : 1, note: exitCode === 0 ? undefined : "no results reported" };
  }
  counts.passed = report.numPassedTests ?? 0;
  counts.failed = report.numFailedTests ?? 0;
  counts.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (exitCode !== 0 && counts.failed === 0) {
    // A test file that failed to load, or an error outside any test.
    counts.failed = Math.max(1, report.numFailedTestSuites ?? 0);
    counts.note = "failed outside of a test";
  }
  return counts;
}

function playwrightCounts(report, exitCode) {
  const counts = { name: "browser tests (Playwright)", passed: 0, failed: 0, skipped: 0, exitCode };
  if (!report?.stats) {
    return { ...counts, failed: exitCode === 0 ? 0 : 1, note: exitCode === 0 ? undefined : "no results reported" };
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  counts.passed = expected + flaky;
  counts.failed = unexpected;
  counts.skipped = skipped;
  if (exitCode !== 0 && counts.failed === 0) {
    // Global setup failed, the run timed out, or no test was found.
    counts.failed = Math.max(1, report.errors?.length ?? 0);
    counts.note = "failed outside of a test";
  }
  return counts;
}

const describe = (c) =>
  `${c.name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}${c.note ? ` (${c.note})` : ""}`;

let results;
try {
  // The whole project, tests and scripts included (the app's build checks only the app).
  section("Type check (tsc)");
  const typecheckExit = await run(npm, ["run", "--silent", "typecheck"]);
  const typecheck = { name: "type check (tsc)", passed: typecheckExit === 0 ? 1 : 0, failed: typecheckExit === 0 ? 0 : 1, skipped: 0, exitCode: typecheckExit };

  section("Unit and integration tests (Vitest)");
  const vitestJson = path.join(workDir, "vitest.json");
  const unitExit = await run(npm, [
    "run", "--silent", "test:unit", "--",
    "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`,
  ]);
  const unit = vitestCounts(readJson(vitestJson), unitExit);

  section("Browser tests (Playwright)");
  const playwrightJson = path.join(workDir, "playwright.json");
  const e2eExit = await run(npm, ["run", "--silent", "test:e2e"], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson });
  const e2e = playwrightCounts(readJson(playwrightJson), e2eExit);

  results = [typecheck, unit, e2e];
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const total = results.reduce(
  (sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
const ok = results.every((c) => c.exitCode === 0 && c.failed === 0);

console.log("");
for (const c of results) console.log(`  ${describe(c)}`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
