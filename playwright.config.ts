// Browser tests: `npm run test:e2e` (finds or installs Chromium, then runs `playwright test`).
// e2e/support/global-setup.ts builds and starts the app with its own database and mail server.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./scripts/find-chromium.mjs";

function chromiumPath(): string | undefined {
  try {
    return findChromium()?.path;
  } catch {
    return undefined; // global setup reports the problem
  }
}

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  globalSetup: "./e2e/support/global-setup.ts",
  // Two cores: the app server, the database and the browsers share them. On the embedded
  // database one worker: a spec writing fixtures restarts the app (e2e/support/fixture-runner.ts).
  workers: Number(process.env.E2E_WORKERS ?? (process.env.DATABASE_URL ? 2 : 1)),
  fullyParallel: false,
  // A focused test left in a commit would hide the others: refused everywhere.
  forbidOnly: true,
  // No retries: a flaky test should show up as a failure.
  retries: 0,
  // Journeys click through many pages and run axe on several; two of them share two cores, so
  // a journey next to a heavy one can take twice as long as alone. Each step still waits 10 s at most.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // A stuck run ends well inside CI's limit; the suite itself takes about half of this.
  globalTimeout: 50 * 60_000,
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? "playwright-report/results.json" }],
  ],
  use: {
    // Set by global setup; workers load this file after it ran.
    baseURL: process.env.LAUREL_E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    // Headless Chromium names itself "HeadlessChrome", which Laurel (rightly) treats as a
    // crawler. The tests browse as people do, so signed-out visits get what people get.
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    // Recording a trace for every test costs a good part of two shared cores; E2E_TRACE=retain-on-failure
    // records them when a failure needs more than the error context and screenshot.
    trace: (process.env.E2E_TRACE as "retain-on-failure" | "on" | undefined) ?? "off",
    screenshot: "only-on-failure",
  },
});
