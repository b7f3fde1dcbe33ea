import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { createClient } from "redis";
import { expect, test } from "./support/fixtures.ts";
import { PASSWORD } from "./support/flows.ts";
import { freePort, nextBin, stopProcessGroup } from "./support/processes.ts";

// Two app instances (`next start`) and a job worker (`npm run worker`) on one PostgreSQL and one
// Redis, as Laurel runs at scale: what one instance changes, the other serves within a second,
// and the queue's work survives a worker killed mid-job. The instances run no jobs themselves.
// The embedded database serves one process only, so this runs on PostgreSQL (as CI does).

test.skip(!process.env.LAUREL_E2E_DATABASE_URL, "several instances share one PostgreSQL; the embedded database serves one process");
test.describe.configure({ mode: "serial", timeout: 180_000 });

type World = {
  apiKey: string;
  achievementId: string;
  learnerEmail: string;
  credentials: { id: string; entryId: string }[];
  trial: { ownerEmail: string; slug: string };
};

const root = process.cwd();
const logDir = path.join(root, "test-results");
const processes: ChildProcess[] = [];
let databaseUrl = "";
let adminUrl = "";
let databaseName = "";
let redisPrefix = "";
let env: NodeJS.ProcessEnv = { ...process.env };
let a = "";
let b = "";
let world: World;
let worker: ChildProcess;

/** A process in a group of its own, its output in test-results/multi-<name>.log. */
function start(name: string, command: string, args: string[], extra: Record<string, string> = {}): ChildProcess {
  mkdirSync(logDir, { recursive: true });
  const out = createWriteStream(path.join(logDir, `multi-${name}.log`));
  const child = spawn(command, args, { cwd: root, env: { ...env, ...extra }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  // Both streams into one file, which closes once the process is gone (not when the first stream
  // ends: the other may still write, and a write after the end throws).
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  child.once("close", () => out.end());
  processes.push(child);
  return child;
}

/** `npm start` (the deployment guide's web process) on a port of its own; resolves once it answers. */
async function startInstance(name: string, port: number, extra: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = start(name, "npm", ["start", "--", "-H", "127.0.0.1", "-p", String(port)], extra);
  const url = `http://127.0.0.1:${port}`;
  await expect.poll(async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}); see test-results/multi-${name}.log`);
    return fetch(`${url}/`).then((r) => r.status, () => 0);
  }, { timeout: 60_000, intervals: [250] }).toBe(200);
  return { url, child };
}

const startWorker = (name: string) => start(name, "npm", ["run", "--silent", "worker"]);

/** A signed-out visitor's request (no cookies): the cached variant of public pages. */
const visit = (url: string, accept = "text/html") => fetch(url, { headers: { accept, "accept-language": "en" } });
const api = (method: string, pathname: string, body?: unknown) =>
  fetch(`${a}${pathname}`, { method, headers: { authorization: `Bearer ${world.apiKey}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

/** The bit of a credential in its status list, read as any verifier would (GZIP, then bit 0 leftmost). */
async function statusBit(instance: string, credentialId: string): Promise<number> {
  const credential = await (await visit(`${instance}/c/${credentialId}`, "application/ld+json")).json();
  const status = [credential.credentialStatus].flat().find((entry: { statusPurpose?: string }) => entry.statusPurpose === "revocation");
  const listUrl = new URL(status.statusListCredential);
  const list = await (await visit(`${instance}${listUrl.pathname}`, "application/json")).json();
  const encoded: string = list.credentialSubject.encodedList;
  const bits = gunzipSync(Buffer.from(encoded.startsWith("u") ? encoded.slice(1) : encoded, "base64url"));
  const index = Number(status.statusListIndex);
  return (bits[Math.floor(index / 8)] >> (7 - (index % 8))) & 1;
}

/**
 * Asks until the answer shows the change, and says how long after the change the first request
 * that saw it was sent. The change must reach B within `ms`: a request sent later than that fails.
 * The time B then takes to render its answer is not counted (on a loaded machine a fresh render
 * alone can take a second), only when the stale answer stopped.
 */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const changed = Date.now();
  for (;;) {
    const sent = Date.now() - changed;
    expect(sent, `B still served the old answer ${ms} ms after the change`).toBeLessThanOrEqual(ms);
    if (await probe()) return sent;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test.beforeAll(async () => {
  adminUrl = process.env.LAUREL_E2E_DATABASE_URL!;
  databaseName = `laurel_multi_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  redisPrefix = `multi-${randomBytes(4).toString("hex")}:`;

  const [portA, portB] = [await freePort(), await freePort()];
  const secrets = JSON.parse(process.env.LAUREL_E2E_APP_SECRETS ?? "{}");
  env = {
    ...process.env,
    ...secrets,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    BASE_URL: `http://127.0.0.1:${portA}`,
    NEXTAUTH_URL: `http://127.0.0.1:${portA}`,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_KEY_PREFIX: redisPrefix,
    JOBS_IN_PROCESS: "false",
    LOG_LEVEL: "info",
  };
  delete env.PGLITE_DIR;
  // The deployment guide's processes, and an installation that has not connected Stripe.
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"]) delete env[key];
  // As the deployment guide says: migrations once, then the web processes and a worker.
  execFileSync("npm", ["run", "--silent", "db:migrate"], { cwd: root, env, stdio: "ignore" });
  [{ url: a }, { url: b }] = await Promise.all([startInstance("a", portA), startInstance("b", portB)]);
  worker = startWorker("worker-1");
  const output = execFileSync("npx", ["tsx", path.join(root, "e2e", "support", "multi-instance-fixture.ts")], { env: { ...env, FIXTURE_PASSWORD: PASSWORD, LOG_LEVEL: "silent" }, encoding: "utf8" });
  world = JSON.parse(output.trim().split("\n").pop()!);
});

test.afterAll(async () => {
  for (const child of processes.reverse()) await stopProcessGroup(child);
  if (databaseName) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  }
  if (redisPrefix) {
    const redis = await createClient({ url: env.REDIS_URL }).connect();
    for await (const keys of redis.scanIterator({ MATCH: `${redisPrefix}*` })) if (keys.length) await redis.del(keys);
    await redis.quit();
  }
});

test("a credential revoked on instance A is revoked on instance B within a second: its cached page, its card and its status list", async () => {
  const { id } = world.credentials[0];
  const page = `${b}/c/${id}`;
  // B serves the page from the shared cache, once rendered.
  const first = await visit(page);
  expect(first.status).toBe(200);
  const html = await first.text();
  expect(html).toContain("Load Balancer");
  expect(html).not.toContain("The issuer has revoked this credential.");
  await expect.poll(async () => (await visit(page)).headers.get("x-nextjs-cache")).toBe("HIT");
  const cardBefore = /<meta property="og:image" content="([^"]+)"/.exec(html)![1];
  expect(await statusBit(b, id)).toBe(0);

  const revoked = await api("POST", `/api/v1/credentials/${id}/revoke`, { reason: "Issued twice" });
  expect(revoked.status).toBe(200);

  const took = await within(1_000, async () => (await (await visit(page)).text()).includes("The issuer has revoked this credential."));
  console.log(`B served the revoked page ${took} ms after A revoked it`);
  const after = await (await visit(page)).text();
  const cardAfter = /<meta property="og:image" content="([^"]+)"/.exec(after)![1];
  // The card is a new version (the revoked card), and B serves it.
  expect(cardAfter).not.toBe(cardBefore);
  const card = await visit(`${b}${new URL(cardAfter).pathname}${new URL(cardAfter).search}`, "image/png");
  expect(card.status).toBe(200);
  expect(card.headers.get("content-type")).toBe("image/png");
  expect(await statusBit(b, id)).toBe(1);
});

test("a credential made private on instance A answers 404 on instance B within a second", async ({ page }) => {
  const { id, entryId } = world.credentials[1];
  const pageOnB = `${b}/c/${id}`;
  expect((await visit(pageOnB)).status).toBe(200);
  await expect.poll(async () => (await visit(pageOnB)).headers.get("x-nextjs-cache")).toBe("HIT");

  // The learner, signed in on A, hides it.
  await page.goto(`${a}/sign-in`);
  await page.getByLabel("Email").fill(world.learnerEmail);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/(dashboard|backpack)/);
  await page.goto(`${a}/backpack/${entryId}`);
  await page.getByLabel("Private").check();
  await page.getByRole("button", { name: "Save visibility" }).click();
  await expect(page.getByText("Visibility saved.")).toBeVisible();

  const took = await within(1_000, async () => (await visit(pageOnB)).status === 404);
  console.log(`B answered 404 ${took} ms after A saved the visibility`);
  expect((await visit(`${b}/c/${id}/opengraph-image`, "image/png")).status).toBe(404);
});

test("without Stripe keys, an organization on its trial is told the days left and why no plan can be chosen", async ({ page }) => {
  await page.goto(`${a}/sign-in`);
  await page.getByLabel("Email").fill(world.trial.ownerEmail);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  // The overview says it first, four days into the trial…
  await page.goto(`${a}/dashboard/${world.trial.slug}`);
  const plan = page.getByTestId("overview-plan");
  await expect(plan.getByTestId("plan-status")).toHaveText("Trial");
  await expect(plan.getByTestId("plan-details")).toHaveText(/^Pro trial: 10 days left, until /);
  await plan.getByRole("link", { name: "See plans and usage" }).click();

  // …and the billing page says what the trial is and why no plan has a button here.
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("Billing is not configured on this installation")).toBeVisible();
  await expect(page.getByTestId("plan-details")).toContainText("Pro trial: 10 days left, until ");
  await expect(page.getByTestId("plan-details")).toContainText("New organizations try Pro for 14 days without a card.");
  await expect(page.getByText("A plan can be chosen here once this installation is connected to Stripe")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Upgrade to/ })).toHaveCount(0);
});

test("a bulk job started on A runs on the worker; killed mid-job, a second worker finishes it with one credential per row", async () => {
  const ROWS = 1_500;
  const recipients = Array.from({ length: ROWS }, (_, i) => ({ email: `row-${i}-${redisPrefix.slice(6, 14)}@example.com`, name: `Row ${i}` }));
  const started = await api("POST", "/api/v1/credentials/bulk", { achievementId: world.achievementId, recipients });
  expect(started.status).toBe(202);
  const { job } = await started.json();
  const progress = async () => (await (await api("GET", `/api/v1/jobs/${job.id}`)).json()).job as { status: string; done: number; total: number; failed: number };

  // The worker takes it (the instances run no jobs); kill it without a word once it is under way.
  await expect.poll(async () => (await progress()).done, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(0);
  process.kill(-worker.pid!, "SIGKILL");
  const atKill = (await progress()).done;
  expect(atKill).toBeLessThan(ROWS);
  // Nobody else runs it: the instances take no jobs.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect((await progress()).done).toBeLessThanOrEqual(atKill + 250);

  startWorker("worker-2");
  await expect.poll(async () => (await progress()).status, { timeout: 120_000, intervals: [500] }).toBe("completed");
  expect(await progress()).toMatchObject({ total: ROWS, done: ROWS, failed: 0 });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(
    `SELECT count(*)::int AS issued, count(DISTINCT "recipientEmail")::int AS people FROM "Credential" WHERE "achievementId" = $1 AND "recipientEmail" LIKE $2`,
    [world.achievementId, `row-%-${redisPrefix.slice(6, 14)}@example.com`],
  );
  await db.end();
  expect(rows[0]).toEqual({ issued: ROWS, people: ROWS });
});

test("on SIGTERM an instance stops taking jobs, hands its running bulk job over and exits; the next worker finishes it at once", async () => {
  // Only this instance runs jobs now.
  for (const child of processes.filter((p) => p.spawnargs.includes("worker"))) await stopProcessGroup(child);
  // The server process itself (not npm), so the signal and the exit are its own.
  const port = await freePort();
  const c = start("c", process.execPath, [nextBin(root), "start", "-H", "127.0.0.1", "-p", String(port)], { JOBS_IN_PROCESS: "true" });
  await expect.poll(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.status, () => 0), { timeout: 60_000, intervals: [250] }).toBe(200);

  const ROWS = 3_000;
  const tag = randomBytes(4).toString("hex");
  const recipients = Array.from({ length: ROWS }, (_, i) => ({ email: `stop-${i}-${tag}@example.com` }));
  const started = await api("POST", "/api/v1/credentials/bulk", { achievementId: world.achievementId, recipients });
  expect(started.status).toBe(202);
  const { job } = await started.json();
  const progress = async () => (await (await api("GET", `/api/v1/jobs/${job.id}`)).json()).job as { status: string; done: number; failed: number };
  await expect.poll(async () => (await progress()).done, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(0);

  const exited = new Promise<number | null>((resolve) => c.once("exit", (code) => resolve(code)));
  const signalled = Date.now();
  process.kill(c.pid!, "SIGTERM");
  const code = await exited;
  const stopTook = Date.now() - signalled;
  console.log(`instance C exited ${stopTook} ms after SIGTERM (code ${code})`);
  expect(stopTook).toBeLessThan(25_000);
  expect((await progress()).status).not.toBe("failed");
  // Handed over, not abandoned: the run queued its continuation and nothing is left running.
  const queue = new pg.Client({ connectionString: databaseUrl });
  await queue.connect();
  const { rows: runs } = await queue.query(`SELECT state FROM pgboss.job WHERE name = 'credential.bulk-issue' AND data->>'jobId' = $1 ORDER BY created_on`, [job.id]);
  await queue.end();
  expect(runs.map((run: { state: string }) => run.state)).toEqual(["completed", "created"]);
  const cLog = readFileSync(path.join(logDir, "multi-c.log"), "utf8");
  expect(cLog).toContain("shutting down: taking no more jobs");
  expect(cLog).toContain("shut down cleanly");

  // Another process continues from the rows at once: no lease to wait out (a bulk job's is 5 minutes).
  const resumed = Date.now();
  startWorker("worker-3");
  await expect.poll(async () => (await progress()).status, { timeout: 90_000, intervals: [500] }).toBe("completed");
  console.log(`the next worker finished the job ${Date.now() - resumed} ms after it started`);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(`SELECT count(*)::int AS issued, count(DISTINCT "recipientEmail")::int AS people FROM "Credential" WHERE "recipientEmail" LIKE $1`, [`stop-%-${tag}@example.com`]);
  await db.end();
  expect(rows[0]).toEqual({ issued: ROWS, people: ROWS });
});
