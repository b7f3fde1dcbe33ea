// `npm run bench:public`: how the public pages hold up under a crowd. In a throwaway PostgreSQL
// database it issues real, signed credentials (and fills the table to 100,000 rows), gives one
// learner a profile with 500 public badges, starts the production server (`next build` first
// unless BENCH_SKIP_BUILD=1) and measures with autocannon on loopback, 50 connections:
//   - `/c/{id}` time to first byte for a signed-out visitor, next to a static file of the same
//     server measured in the same run (the ratio is the figure that travels between machines);
//   - `/u/{handle}` with 500 badges;
//   - the share card: first render (distinct credentials) and the cached response.
// A benchmark, not a test.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:public
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { createThrowawayDatabase, LOCAL_SERVER_URL, reachablePostgres } from "@/lib/db/test/postgres";

// A benchmark measures speed, not plan limits (lib/billing): issue without a quota.
process.env.SELF_HOSTED ??= "true";

const TOTAL_CREDENTIALS = 100_000;
const PROFILE_BADGES = 500;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// A person's browser: signed-out people get the cached page, crawlers the per-request one.
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

const log = (line: string) => process.stdout.write(`${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

type Load = { median: number; p99: number; rps: number; errors: number };

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { "user-agent": BROWSER, ...headers } });
  return {
    median: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
  };
}

async function timed(url: string, headers: Record<string, string> = {}): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(url, { headers: { "user-agent": BROWSER, ...headers } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - t0;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

const server = await reachablePostgres(process.env.DATABASE_URL || LOCAL_SERVER_URL);
if (!server) {
  console.error("bench:public needs PostgreSQL (DATABASE_URL, or a server on 127.0.0.1:5432).");
  process.exit(1);
}
const database = await createThrowawayDatabase(server, "laurel_bench_public");
process.env.DATABASE_URL = database.url;
process.env.LOG_LEVEL ??= "warn";
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
process.env.BASE_URL = baseUrl;
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.KEY_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { closeDb, db, ensureDb, sql } = await import("@/lib/db");
const { createAchievement } = await import("@/lib/issuing/achievements");
const { achievementInputSchema, issueCredentialSchema } = await import("@/lib/issuing/schemas");
const { issueCredential } = await import("@/lib/issuing/issue-credential");

let app: ReturnType<typeof spawn> | undefined;
let exitCode = 0;
try {
  await ensureDb();
  const org = await db.organization.create({ data: { name: "Bench Academy", slug: `bench-${Date.now()}`, primaryColor: "#1d4ed8" } });
  const achievements = [];
  for (let i = 0; i < 5; i++) {
    achievements.push(
      await createAchievement(
        org.id,
        achievementInputSchema.parse({
          name: `Course ${i + 1}: Data Literacy`,
          description: "Reads charts and tables critically.",
          criteria: { narrative: "Pass the **final assessment** with 80% or more." },
          tags: ["data", `course-${i + 1}`],
          howToEarnUrl: "https://example.org/courses",
        }),
      ),
    );
  }

  // The learner with a big profile: PROFILE_BADGES real credentials, accepted and public.
  let t0 = performance.now();
  const learnerEmail = "ada@example.com";
  const learner = await db.user.create({ data: { email: learnerEmail, name: "Ada Lovelace", handle: "ada", emailVerified: new Date(), headline: "Analyst" } });
  const issued: string[] = [];
  for (let i = 0; i < PROFILE_BADGES; i++) {
    const input = issueCredentialSchema.parse({ achievementId: achievements[i % 5].id, recipient: { email: learnerEmail, name: "Ada Lovelace" } });
    issued.push((await issueCredential(org.id, input, { notify: false })).id);
  }
  await db.backpackEntry.createMany({
    data: issued.map((credentialId, i) => ({ userId: learner.id, credentialId, state: "accepted", visibility: "public", acceptedAt: new Date(), pinPosition: i < 6 ? i + 1 : null })),
  });
  log(`Issued ${PROFILE_BADGES} signed credentials to one learner in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The rest of the 100,000: rows the pages' queries must find their way through.
  t0 = performance.now();
  const list = await db.statusList.create({ data: { organizationId: org.id, length: 131072, bits: Buffer.alloc(16384), allocated: TOTAL_CREDENTIALS } });
  await sql(
    `INSERT INTO "Credential" ("id","organizationId","achievementId","recipientEmail","recipientName","recipientSalt","issuedAt","validFrom",
       "statusListId","statusIndex","document","jwt")
     SELECT 'filler-' || n, $1, ($2::text[])[1 + n % 5], 'learner' || n || '@example.com', 'Learner ' || n, 'salt',
       now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval, $3, n, '{}'::jsonb, 'jwt'
     FROM generate_series(0, ${TOTAL_CREDENTIALS - PROFILE_BADGES - 1}) AS n`,
    [org.id, achievements.map((a) => a.id), list.id],
  );
  await sql(`ANALYZE`);
  log(`Filled the table to ${TOTAL_CREDENTIALS.toLocaleString("en")} credentials in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await closeDb();

  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log("Building (next build)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  app = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", JOBS_IN_PROCESS: "false" },
    detached: true,
  });
  for (let waited = 0; ; waited += 250) {
    if (waited > 60_000) throw new Error("the server did not start within 60 s");
    const ok = await fetch(`${baseUrl}/robots.txt`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const credentialUrl = `${baseUrl}/c/${issued[0]}`;
  const firstRender = await timed(credentialUrl);
  await timed(credentialUrl); // the cache is warm from here on
  const staticFile = await load(`${baseUrl}/robots.txt`);
  const credentialPage = await load(credentialUrl);
  const staticAgain = await load(`${baseUrl}/robots.txt`);

  const profileUrl = `${baseUrl}/u/ada`;
  const profileFirst = await timed(profileUrl);
  const profile = await load(profileUrl);
  // Every one of the 500 on one page: a single request once cached.
  const allBadgesUrl = `${baseUrl}/u/ada/badges`;
  await timed(allBadgesUrl);
  const allBadges: number[] = [];
  for (let i = 0; i < 20; i++) allBadges.push(await timed(allBadgesUrl));
  const sizeOf = async (url: string) => (await (await fetch(url, { headers: { "user-agent": BROWSER } })).arrayBuffer()).byteLength;
  const sizes = { credential: await sizeOf(credentialUrl), profile: await sizeOf(profileUrl), allBadges: await sizeOf(allBadgesUrl) };

  // Share cards: first renders of distinct credentials, then the cached, versioned URL.
  const cardFirst: number[] = [];
  for (const id of issued.slice(1, 21)) cardFirst.push(await timed(`${baseUrl}/c/${id}/opengraph-image`));
  const page = await (await fetch(credentialUrl, { headers: { "user-agent": BROWSER } })).text();
  const cardUrl = page.match(/<meta property="og:image" content="([^"]+)"/)?.[1]?.replaceAll("&amp;", "&") ?? `${baseUrl}/c/${issued[0]}/opengraph-image`;
  await timed(cardUrl);
  const cardCachedSequential: number[] = [];
  for (let i = 0; i < 200; i++) cardCachedSequential.push(await timed(cardUrl));
  const cardCached = await load(cardUrl);

  const baseline = { median: Math.min(staticFile.median, staticAgain.median), p99: Math.min(staticFile.p99, staticAgain.p99) };
  const row = (label: string, r: Load) => `| ${label} | ${r.median} ms | ${r.p99} ms | ${Math.round(r.rps)} | ${r.errors} |`;
  log(`\nPublic pages, ${TOTAL_CREDENTIALS.toLocaleString("en")} credentials, ${CONNECTIONS} connections × ${SECONDS} s each (autocannon on loopback, next start)\n`);
  log("| request | median | p99 | requests/s | errors |\n| --- | ---: | ---: | ---: | ---: |");
  log(row("static file (/robots.txt), before", staticFile));
  log(row("`/c/{id}`, signed out (cached)", credentialPage));
  log(row("static file (/robots.txt), after", staticAgain));
  log(row("`/u/{handle}` with 500 badges (cached)", profile));
  log(row("share card, cached (versioned URL)", cardCached));
  log("");
  log(`/c/{id} vs static file: median ${(credentialPage.median / baseline.median).toFixed(1)}x, p99 ${(credentialPage.p99 / baseline.p99).toFixed(1)}x (aim: p99 under 100 ms and within 3x)`);
  log(`/c/{id} first render (cache miss, one request): ${firstRender.toFixed(0)} ms; /u/ada first render: ${profileFirst.toFixed(0)} ms`);
  log(`/u/ada/badges (all 500 on one page), cached, one request at a time: median ${median(allBadges).toFixed(0)} ms`);
  log(`page sizes: /c/{id} ${(sizes.credential / 1024).toFixed(0)} KB, /u/ada ${(sizes.profile / 1024).toFixed(0)} KB, /u/ada/badges ${(sizes.allBadges / 1024).toFixed(0)} KB`);
  log(`share card first render: median ${median(cardFirst).toFixed(0)} ms over ${cardFirst.length} distinct credentials`);
  log(`share card cached, one request at a time: median ${median(cardCachedSequential).toFixed(1)} ms, p99 ${percentile(cardCachedSequential, 0.99).toFixed(1)} ms (aim: under 5 ms)`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  if (app?.pid) {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await closeDb().catch(() => undefined);
  await database.drop().catch(() => undefined);
}
process.exit(exitCode);
