// `npm run bench:public`: how the public pages hold up under a crowd. In a throwaway PostgreSQL
// database it issues real, signed credentials (and fills the table to 100,000 rows), gives one
// learner a profile with 500 public badges and a program, starts the production server (`next
// build` first unless BENCH_SKIP_BUILD=1) and measures with autocannon on loopback, 50
// connections:
//   - each public page (/c, /b, /o, /u, /p) for a signed-out visitor, between two runs of a
//     static file of the same server (the ratio is the figure that travels between machines),
//     and next to a static file of a page's size; page sizes and their RSC payload;
//   - the share card: first render (distinct credentials) and the cached response.
// With REDIS_URL the server uses the shared Redis cache handler, as several instances would.
// BENCH_ONLY=c,u limits it to those pages; BENCH_PROFILE=<dir> writes a CPU profile of the
// server; BENCH_SAVE_PAGES=<dir> keeps each page's HTML. A benchmark, not a test.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:public
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { createThrowawayDatabase, LOCAL_SERVER_URL, reachablePostgres } from "@/lib/db/test/postgres";

// A benchmark measures speed, not plan limits (lib/billing): issue without a quota.
process.env.SELF_HOSTED ??= "true";

const TOTAL_CREDENTIALS = 100_000;
const PROFILE_BADGES = 500;
const CONNECTIONS = 50;
const SAME_SIZE_FILE = "public/bench-static-50kb.html";
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

/** Ends a partial run (BENCH_ONLY) early, cleaning up as usual. */
class Stop extends Error {}

type Load = { median: number; p99: number; rps: number; errors: number };
const row = (label: string, r: Load) => `| ${label} | ${r.median} ms | ${r.p99} ms | ${Math.round(r.rps)} | ${r.errors} |`;

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
const { createProgram } = await import("@/lib/programs/test/factories");

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
  const program = await createProgram(org.id, {
    name: "Data Literacy Path",
    metrics: [{ key: "courses", label: { en: "courses", es: "cursos" } }],
    rules: [
      { kind: "target", metric: "courses", atLeast: 1, achievement: "First Course" },
      { kind: "target", metric: "courses", atLeast: 5, achievement: "Five Courses" },
      { kind: "pathway", requires: ["First Course", "Five Courses"], achievement: "Data Literate" },
    ],
  });
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
  // A second baseline: a static file the size of a public page (50 KB), served by the same server.
  writeFileSync(SAME_SIZE_FILE, `<!doctype html><title>x</title>${"<p>Laurel</p>".repeat(Math.ceil(50_000 / 13))}`);
  // BENCH_PROFILE=<dir>: the server runs under V8's CPU profiler and writes a .cpuprofile there
  // when it stops (open it in Chrome's DevTools, or summarise it with scripts/cpu-profile.mjs).
  const profileDir = process.env.BENCH_PROFILE;
  const nextArgs = ["start", "-p", String(port), "-H", "127.0.0.1"];
  app = spawn(profileDir ? process.execPath : "npx", profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "node_modules/next/dist/bin/next", ...nextArgs] : ["next", ...nextArgs], {
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

  // Each public page for a signed-out visitor (the cached variant), next to the static file
  // measured before and after it in the same run.
  const pages: [string, string][] = [
    ["`/c/{id}`", `/c/${issued[0]}`],
    ["`/b/{id}`", `/b/${achievements[0].id}`],
    ["`/o/{id}`", `/o/${org.id}`],
    ["`/u/{handle}` (500 badges)", "/u/ada"],
    ["`/p/{id}`", `/p/${program.program.id}`],
  ];
  // BENCH_ONLY=c,u: only those pages (a profile of one page's requests).
  const only = process.env.BENCH_ONLY?.split(",");
  if (only) pages.splice(0, pages.length, ...pages.filter(([, path]) => only.includes(path.split("/")[1])));
  const firstRenders: string[] = [];
  for (const [label, path] of pages) {
    firstRenders.push(`${label} ${(await timed(`${baseUrl}${path}`)).toFixed(0)} ms`);
    await timed(`${baseUrl}${path}`); // the cache is warm from here on
  }
  const staticUrl = `${baseUrl}/robots.txt`;
  const rows: string[] = [];
  const ratios: string[] = [];
  const sameSize = await load(`${baseUrl}/${SAME_SIZE_FILE.split("/").pop()}`);
  let staticBefore = await load(staticUrl);
  rows.push(row("static file of 50 KB", sameSize));
  rows.push(row("static file (/robots.txt)", staticBefore));
  for (const [label, path] of pages) {
    const page = await load(`${baseUrl}${path}`);
    const staticAfter = await load(staticUrl);
    // The static file's rate on either side of the page: the machine's mood in this minute.
    const staticRate = (staticBefore.rps + staticAfter.rps) / 2;
    rows.push(row(`${label}, signed out (cached)`, page));
    rows.push(row("static file (/robots.txt)", staticAfter));
    ratios.push(`${label}: ${(page.rps / staticRate).toFixed(2)} of the static file's requests/s (${(page.rps / sameSize.rps).toFixed(2)} of the 50 KB one), p99 ${page.p99} ms`);
    staticBefore = staticAfter;
  }
  const pageCache = process.env.REDIS_URL ? "the shared Redis cache handler" : "Next's own in-memory cache";
  log(`\nPublic pages, ${TOTAL_CREDENTIALS.toLocaleString("en")} credentials, ${CONNECTIONS} connections × ${SECONDS} s each (autocannon on loopback, next start, ${pageCache})\n`);
  log("| request | median | p99 | requests/s | errors |\n| --- | ---: | ---: | ---: | ---: |");
  for (const line of rows) log(line);
  log("");
  for (const line of ratios) log(line);
  log("(aim: at least 0.45 of the static file, p99 under 100 ms)");
  log(`first render (cache miss, one request): ${firstRenders.join(", ")}`);

  const sizeOf = async (path: string) => {
    const html = await (await fetch(`${baseUrl}${path}`, { headers: { "user-agent": BROWSER } })).text();
    // The RSC payload Next inlines for hydration: what a lighter tree saves twice.
    const flight = [...html.matchAll(/<script>self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce((sum, match) => sum + match[1].length, 0);
    return `${(Buffer.byteLength(html) / 1024).toFixed(1)} KB (${(flight / 1024).toFixed(1)} KB of it RSC payload)`;
  };
  for (const [label, path] of pages) log(`page size ${label}: ${await sizeOf(path)}`);
  // BENCH_SAVE_PAGES=<dir>: each page's HTML as served, to see what it carries.
  if (process.env.BENCH_SAVE_PAGES) {
    mkdirSync(process.env.BENCH_SAVE_PAGES, { recursive: true });
    for (const [, path] of pages) {
      const html = await (await fetch(`${baseUrl}${path}`, { headers: { "user-agent": BROWSER } })).text();
      writeFileSync(`${process.env.BENCH_SAVE_PAGES}/${path.split("/")[1]}.html`, html);
    }
  }
  if (only) throw new Stop();

  // Every one of the 500 on one page: a single request once cached.
  const allBadgesUrl = `${baseUrl}/u/ada/badges`;
  await timed(allBadgesUrl);
  const allBadges: number[] = [];
  for (let i = 0; i < 20; i++) allBadges.push(await timed(allBadgesUrl));
  log(`/u/ada/badges (all 500 on one page), cached, one request at a time: median ${median(allBadges).toFixed(0)} ms; ${await sizeOf("/u/ada/badges")}`);

  // Share cards: first renders of distinct credentials, then the cached, versioned URL.
  const cardFirst: number[] = [];
  for (const id of issued.slice(1, 21)) cardFirst.push(await timed(`${baseUrl}/c/${id}/opengraph-image`));
  const credentialHtml = await (await fetch(`${baseUrl}/c/${issued[0]}`, { headers: { "user-agent": BROWSER } })).text();
  const cardUrl = credentialHtml.match(/<meta property="og:image" content="([^"]+)"/)?.[1]?.replaceAll("&amp;", "&") ?? `${baseUrl}/c/${issued[0]}/opengraph-image`;
  await timed(cardUrl);
  const cardCachedSequential: number[] = [];
  for (let i = 0; i < 200; i++) cardCachedSequential.push(await timed(cardUrl));
  const cardCached = await load(cardUrl);
  log(`share card first render: median ${median(cardFirst).toFixed(0)} ms over ${cardFirst.length} distinct credentials`);
  log(`share card cached, one request at a time: median ${median(cardCachedSequential).toFixed(1)} ms, p99 ${percentile(cardCachedSequential, 0.99).toFixed(1)} ms (aim: under 5 ms)`);
  log(`share card cached under load: ${row("share card", cardCached)}`);
} catch (error) {
  if (!(error instanceof Stop)) {
    console.error(error);
    exitCode = 1;
  }
} finally {
  if (app?.pid) {
    const exited = new Promise((resolve) => app?.once("exit", resolve));
    try {
      process.kill(-app.pid, "SIGTERM");
      // The profiler writes its file as the server exits.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    } catch {
      // already gone
    }
  }
  rmSync(SAME_SIZE_FILE, { force: true });
  await closeDb().catch(() => undefined);
  await database.drop().catch(() => undefined);
}
process.exit(exitCode);
