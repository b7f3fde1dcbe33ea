// Playwright global setup: everything the browser tests run against.
//
//  1. a loopback SMTP server that keeps what the app sends (read through the `mail` fixture),
//  2. a database of the run's own: a fresh PostgreSQL database when DATABASE_URL is set
//     (dropped afterwards), else an embedded PGlite in a temporary folder,
//  3. a local Stripe stand-in the app's billing talks to (stripe-stand-in-server.ts),
//  4. a production build of the app (`next build`; E2E_SKIP_BUILD=1 reuses an existing one),
//  5. `next start` on a free loopback port, waited for until `/` answers 200.
//
// The app applies its migrations itself when it starts. Playwright starts `webServer` before
// global setup, so the app server is started here instead: it needs the database and the
// mail server first. Workers get LAUREL_E2E_BASE_URL, LAUREL_E2E_MAILBOX_URL,
// LAUREL_E2E_STRIPE_CONTROL_URL and LAUREL_E2E_SSO_IDP_PORT.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import pg from "pg";
import { findChromium, HOW_TO_GET_CHROMIUM } from "../../scripts/find-chromium.mjs";
import { runFixtureScript, startFixtureRunner } from "./fixture-runner.ts";
import { startMailServer } from "./mail-server.ts";
import { freePort, nextBin, stopProcessGroup } from "./processes.ts";

const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS ?? 60_000);

function log(line: string) {
  console.log(`[e2e] ${line}`);
}

/** A log short enough to read: all of it, or its beginning and its end. */
function excerpt(file: string): string {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").trimEnd().split("\n");
  } catch {
    return "(no output)";
  }
  if (lines.length <= 200) return lines.join("\n");
  return [...lines.slice(0, 100), `[… ${lines.length - 160} lines …]`, ...lines.slice(-60)].join("\n");
}

/** Prints a log, then returns an error that points at it. */
function failure(message: string, logFile: string): Error {
  process.stderr.write(`\n----- ${logFile} -----\n${excerpt(logFile)}\n----------\n\n`);
  return new Error(`${message} (full log: ${logFile})`);
}

interface Database {
  env: Record<string, string | undefined>;
  description: string;
  drop(): Promise<void>;
}

async function createDatabase(): Promise<Database> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), "laurel-e2e-pglite-"));
    return {
      env: { DATABASE_URL: undefined, PGLITE_DIR: dir },
      description: `PGlite in ${dir}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `laurel_e2e_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), PGLITE_DIR: undefined },
    description: `PostgreSQL database ${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(options.logFile);
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.once("error", reject);
    child.once("close", (code) => out.end(() => resolve(code ?? 1)));
  });
}

async function waitUntilReady(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw failure(`The app server exited (${server.exitCode ?? server.signalCode}) before answering.`, logFile);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    // Not listening yet: try again soon. Answering but not 200: give it time.
    await new Promise((resolve) => setTimeout(resolve, last.startsWith("HTTP") ? 1_000 : 250));
  }
  throw failure(`The app server did not answer 200 on ${url} within ${READY_TIMEOUT_MS / 1000} s (last: ${last}).`, logFile);
}

/** The Stripe stand-in in a process of its own (it outlives this function); resolves once it listens. */
async function startStripeStandIn(root: string, webhookSecret: string, logFile: string) {
  const out = createWriteStream(logFile);
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "e2e", "support", "stripe-stand-in-server.ts")], {
    cwd: root,
    env: { ...process.env, STRIPE_WEBHOOK_SECRET: webhookSecret, LOG_LEVEL: "silent" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.pipe(out, { end: false });
  const urls = await new Promise<{ apiUrl: string; controlUrl: string; prices: Record<string, string> }>((resolve, reject) => {
    let text = "";
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(failure("The Stripe stand-in did not start within 30 s.", logFile))), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes("\n")) return;
      const line = text.split("\n")[0];
      settle(() => {
        try {
          resolve(JSON.parse(line));
        } catch {
          reject(failure(`The Stripe stand-in said ${JSON.stringify(line)} instead of its addresses.`, logFile));
        }
      });
    });
    child.once("exit", (code) => settle(() => reject(failure(`The Stripe stand-in exited (${code}) before listening.`, logFile))));
  });
  return { ...urls, stop: async () => { await stopProcessGroup(child); out.end(); } };
}

export default async function globalSetup(config: FullConfig) {
  const root = config.configFile ? path.dirname(config.configFile) : process.cwd();
  if (!findChromium()) throw new Error(`${HOW_TO_GET_CHROMIUM}\n(\`npm run test:e2e\` installs it on Debian when run as root.)`);

  const logDir = path.join(root, "test-results");
  mkdirSync(logDir, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error) => console.error(`[e2e] cleanup failed: ${error instanceof Error ? error.message : error}`));
    }
  };

  try {
    const mail = await startMailServer();
    cleanups.push(() => mail.close());

    const database = await createDatabase();
    cleanups.push(() => database.drop());

    // Billing runs against the stand-in: Stripe's API, prices and webhook signing secret.
    const webhookSecret = `whsec_${randomBytes(16).toString("hex")}`;
    const stripe = await startStripeStandIn(root, webhookSecret, path.join(logDir, "e2e-stripe-stand-in.log"));
    cleanups.push(() => stripe.stop());

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // e2e/sso.spec.ts runs an OpenID Connect provider on this loopback port; the app may reach it.
    const ssoIdpPort = await freePort();
    // The LTI browser test runs a learning platform on loopback, on a port the app is told to reach.
    const ltiPlatformPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BASE_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      SMTP_URL: mail.smtpUrl,
      LAUREL_E2E: "1",
      // As behind one reverse proxy: each test's browser names its own address in
      // X-Forwarded-For (support/fixtures.ts), so per-address limits see separate visitors.
      TRUSTED_PROXY_HOPS: "1",
      ...database.env,
      ...stripe.prices,
      STRIPE_SECRET_KEY: "sk_test_stand_in",
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: stripe.apiUrl,
      SSO_ALLOWED_HOSTS: `127.0.0.1:${ssoIdpPort}`,
      LTI_ALLOWED_HOSTS: `127.0.0.1:${ltiPlatformPort}`,
    };
    delete env.SEED_API_KEY;
    for (const [key, value] of Object.entries(database.env)) if (value === undefined) delete env[key];

    const buildLog = path.join(logDir, "e2e-next-build.log");
    if (process.env.E2E_SKIP_BUILD === "1" && existsSync(path.join(root, ".next", "BUILD_ID"))) {
      log("Reusing the existing production build (E2E_SKIP_BUILD=1).");
    } else {
      log("Building the app (next build)...");
      const started = Date.now();
      const code = await run(process.execPath, [nextBin(root), "build"], { cwd: root, env, logFile: buildLog });
      if (code !== 0) throw failure(`next build failed (exit ${code}).`, buildLog);
      log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
    }

    const appLog = path.join(logDir, "e2e-app.log");
    const out = createWriteStream(appLog);
    cleanups.push(async () => {
      out.end();
    });
    let streaming = false;
    const started = Date.now();
    let server = await startApp();
    cleanups.push(async () => {
      await stopProcessGroup(server);
    });

    /** `next start` on the run's port; resolves once `/` answers 200. */
    async function startApp(): Promise<ChildProcess> {
      const child = spawn(process.execPath, [nextBin(root), "start", "-H", "127.0.0.1", "-p", String(port)], {
        cwd: root,
        env,
        detached: true, // its own process group, so stopping it stops everything it started
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.pipe(out, { end: false });
      child.stderr!.pipe(out, { end: false });
      // Once the app is up, its errors are worth seeing next to the failing test (before that,
      // a failure prints the end of its log instead).
      let partial = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        if (!streaming) return;
        const lines = (partial + chunk.toString()).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) process.stderr.write(`[app] ${line}\n`);
      });
      const killOnExit = () => {
        try {
          if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      };
      process.once("exit", killOnExit);
      child.once("exit", () => process.removeListener("exit", killOnExit));
      await waitUntilReady(`${baseUrl}/`, child, appLog);
      return child;
    }

    streaming = true;
    log(`App ready at ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.description}; mail ${mail.smtpUrl}; log test-results/e2e-app.log).`);

    // Specs that need data no page creates (a known set of analytics events, an organization past
    // its trial) write it into the app's database. PostgreSQL takes them while the app runs; the
    // embedded database serves one process, so there the app is stopped for the write and
    // started again on the same port (sessions survive: they are signed cookies).
    if (database.env.DATABASE_URL) {
      process.env.LAUREL_E2E_DATABASE_URL = database.env.DATABASE_URL;
    } else {
      const fixtures = await startFixtureRunner(root, async (script, args, password) => {
        await stopProcessGroup(server);
        try {
          return await runFixtureScript(root, script, args, { ...env, FIXTURE_PASSWORD: password });
        } finally {
          server = await startApp();
        }
      });
      cleanups.push(() => fixtures.close());
      process.env.LAUREL_E2E_FIXTURE_URL = fixtures.url;
    }

    process.env.LAUREL_E2E_BASE_URL = baseUrl;
    // For specs that start app processes of their own (several instances): the same secrets.
    process.env.LAUREL_E2E_APP_SECRETS = JSON.stringify({ NEXTAUTH_SECRET: env.NEXTAUTH_SECRET, KEY_ENCRYPTION_KEY: env.KEY_ENCRYPTION_KEY, SMTP_URL: env.SMTP_URL });
    process.env.LAUREL_E2E_MAILBOX_URL = mail.httpUrl;
    process.env.LAUREL_E2E_STRIPE_CONTROL_URL = stripe.controlUrl;
    process.env.LAUREL_E2E_SSO_IDP_PORT = String(ssoIdpPort);
    process.env.LAUREL_E2E_LTI_PORT = String(ltiPlatformPort);
  } catch (error) {
    await teardown();
    throw error;
  }

  return teardown;
}
