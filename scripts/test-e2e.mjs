// `npm run test:e2e [-- <playwright test arguments>]`: the browser tests.
// Finds Chromium (installing Debian's package when needed and possible), then runs
// `playwright test`; Playwright's global setup builds and starts the app.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { ensureChromium } from "./find-chromium.mjs";
import { testEnvironment } from "./test-database.mjs";

let chromium;
try {
  chromium = ensureChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const cli = require.resolve("@playwright/test/cli");
const child = spawn(process.execPath, [cli, "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...(await testEnvironment()), CHROMIUM_PATH: chromium.path, NEXT_TELEMETRY_DISABLED: "1" },
});

// Ctrl-C reaches Playwright through the terminal; a signal sent to this process only is passed on.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
