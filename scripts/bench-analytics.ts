// `npm run bench:analytics`: how fast the analytics dashboard answers for an organization with
// 1,000,000 credential events. In a throwaway PostgreSQL database (DATABASE_URL or the local
// server) it creates one organization with 20 achievements and 20,000 credentials, 1,000,000
// events over the last 365 days in the mix the app records (people's views most, then crawler
// previews, share-link clicks, downloads, "earn this" clicks, shares, and one issued event per
// credential, claims for most), plus a second organization with 100,000 events that every query
// must leave out. It times the first full rollup and an incremental one, then the dashboard
// summary (median and p95) over the rollups and, as the baseline, over the raw events alone.
// A benchmark, not a test.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:analytics
import { performance } from "node:perf_hooks";
import { channelFromReferrer } from "@/lib/analytics/channels";
import { createThrowawayDatabase, LOCAL_SERVER_URL, reachablePostgres } from "@/lib/db/test/postgres";

const ACHIEVEMENTS = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
/** The raw-events baseline takes seconds a run; fewer runs say enough. */
const RAW_RUNS = Number(process.env.BENCH_RAW_RUNS ?? 5);
const DAY_MS = 86_400_000;
const OWN_HOST = "laurel.example";

/** Events per type for 20,000 credentials; `viewed` fills up to 1,000,000. */
const MIX = {
  claimed: 0.6, // of credentials
  shared: 3_000,
  added_to_profile: 1_000,
  downloaded: 20_000,
  cta_clicked: 8_000,
  clicked: 40_000,
  previewed: 150_000,
};

type Slot = { weight: number; channel: string | null; referrer: string | null; agent?: string };

/** Where people's views come from; "*" is the long tail of other websites (300 hosts). */
const VIEW_REFERRERS: [number, string | null][] = [
  [30, "www.linkedin.com"], [6, "lnkd.in"], [8, "t.co"], [2, "x.com"], [4, "l.facebook.com"], [2, "m.facebook.com"],
  [3, "mail.google.com"], [2, "outlook.live.com"], [5, "www.google.com"], [3, "www.example-academy.com"], [5, OWN_HOST],
  [6, "*"], [20, null],
];
// Views carry the channel of their referrer, as the app records them; embedded cards are "embed".
const VIEWS: Slot[] = [
  ...VIEW_REFERRERS.map(([weight, referrer]): Slot => ({ weight, referrer, channel: channelFromReferrer(referrer === "*" ? "blog.example.org" : referrer, OWN_HOST) })),
  { weight: 4, channel: "embed", referrer: "portfolio.example.net" },
];
const CTA: Slot[] = VIEWS.map(({ weight, referrer }) => ({ weight, referrer, channel: null }));
const CLICKS: Slot[] = [
  { weight: 35, channel: "linkedin", referrer: "www.linkedin.com" },
  { weight: 10, channel: "linkedin", referrer: "lnkd.in" },
  { weight: 5, channel: "linkedin_profile", referrer: "www.linkedin.com" },
  { weight: 15, channel: "x", referrer: "t.co" },
  { weight: 10, channel: "facebook", referrer: "l.facebook.com" },
  { weight: 10, channel: "email", referrer: null },
  { weight: 5, channel: "email", referrer: "mail.google.com" },
  { weight: 10, channel: "link", referrer: null },
];
const PREVIEWS: Slot[] = [
  { weight: 30, channel: "linkedin", referrer: null, agent: "LinkedInBot" },
  { weight: 20, channel: null, referrer: null, agent: "LinkedInBot" },
  { weight: 15, channel: "x", referrer: null, agent: "Twitterbot" },
  { weight: 10, channel: "facebook", referrer: null, agent: "facebookexternalhit" },
  { weight: 10, channel: "link", referrer: null, agent: "Slackbot" },
  { weight: 15, channel: null, referrer: null, agent: "Googlebot" },
];
const SHARES: Slot[] = [
  { weight: 45, channel: "linkedin", referrer: null },
  { weight: 15, channel: "x", referrer: null },
  { weight: 10, channel: "facebook", referrer: null },
  { weight: 15, channel: "email", referrer: null },
  { weight: 10, channel: "link", referrer: null },
  { weight: 5, channel: "embed", referrer: null },
];
const DOWNLOADS: Slot[] = [
  { weight: 40, channel: "png", referrer: null },
  { weight: 30, channel: "pdf", referrer: null },
  { weight: 15, channel: "json", referrer: null },
  { weight: 10, channel: "svg", referrer: null },
  { weight: 5, channel: "jsonld", referrer: null },
];

const server = await reachablePostgres(process.env.DATABASE_URL || LOCAL_SERVER_URL);
if (!server) {
  console.error("bench:analytics needs PostgreSQL (DATABASE_URL, or a server on 127.0.0.1:5432).");
  process.exit(1);
}
const database = await createThrowawayDatabase(server, "laurel_bench_analytics");
process.env.DATABASE_URL = database.url;
process.env.LOG_LEVEL ??= "warn";
const { closeDb, db, ensureDb, sql } = await import("@/lib/db");
const { rollUpAnalytics } = await import("@/lib/analytics/rollup");
const { addDays, isoDate, resolveRange } = await import("@/lib/analytics/range");
const { analyticsSummary } = await import("@/lib/analytics/summary");

const now = new Date();
const nowTs = now.toISOString().replace("T", " ").replace("Z", "");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => sorted(values)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;

/** 100 slots, each slot's share as its weight says, for picking with one random number in SQL. */
function slotArrays(slots: Slot[]) {
  const total = slots.reduce((sum, slot) => sum + slot.weight, 0);
  if (total !== 100) throw new Error(`weights add up to ${total}, not 100`);
  const expanded = slots.flatMap((slot) => Array.from({ length: slot.weight }, () => slot));
  return [expanded.map((slot) => slot.channel), expanded.map((slot) => slot.referrer), expanded.map((slot) => slot.agent ?? null)];
}

type BenchOrg = { id: string; tag: string; credentials: number; achievementIds: string[] };

async function createOrg(tag: string, name: string, credentials: number, achievements: number): Promise<BenchOrg> {
  const org = await db.organization.create({ data: { name, slug: `bench-analytics-${tag}` } });
  const list = await db.statusList.create({ data: { organizationId: org.id, length: 131072, bits: Buffer.alloc(16384), allocated: credentials } });
  const achievementIds: string[] = [];
  for (let i = 0; i < achievements; i++) {
    achievementIds.push((await db.achievement.create({ data: { organizationId: org.id, name: `Course ${i + 1}`, description: "Benchmark" } })).id);
  }
  // Issued over the year; a few achievements hold most credentials; 60% claimed within two weeks.
  // The rows are what the analytics read, not real signatures.
  await sql(
    `INSERT INTO "Credential" ("id","organizationId","achievementId","recipientEmail","recipientName","recipientSalt","issuedAt","validFrom",
       "statusListId","statusIndex","document","jwt","claimedAt")
     SELECT 'bench-' || $4 || '-' || n, $1, ($2::text[])[1 + floor(power(r.a, 2) * ${achievements})::int],
       'learner' || n || '@' || $4 || '.example.com', 'Learner ' || n, 'salt', r.issued, r.issued, $3, n, '{}'::jsonb, 'jwt',
       CASE WHEN n % 5 < 3 THEN LEAST($5::timestamp, r.issued + r.c * interval '14 days') END
     FROM (SELECT n, random() AS a, random() AS c, $5::timestamp - random() * interval '365 days' AS issued FROM generate_series(0, ${credentials - 1}) AS n) r`,
    [org.id, achievementIds, list.id, tag, nowTs],
  );
  return { id: org.id, tag, credentials, achievementIds };
}

/**
 * `count` events of `type` in one INSERT … SELECT generate_series: each on a credential (popular
 * ones more often when `popular`), after its issue, most soon after it, with a visitor hash and
 * the referrer and channel of a slot.
 */
async function insertEvents(org: BenchOrg, type: string, count: number, slots: Slot[], options: { popular: boolean; visitor: boolean }) {
  const [channels, referrers, agents] = slotArrays(slots);
  const pick = options.popular ? "power(random(), 3)" : "random()";
  await sql(
    `INSERT INTO "CredentialEvent" ("id","organizationId","credentialId","type","channel","data","createdAt")
     SELECT 'bench-' || $1 || '-' || $2 || '-' || r.n, c."organizationId", c."id", $2, ($3::text[])[r.s],
       CASE WHEN $7::boolean THEN jsonb_build_object('visitor', left(md5(r.v::text), 22),
           'referrer', CASE WHEN ($4::text[])[r.s] = '*' THEN 'site' || r.tail || '.example.org' ELSE ($4::text[])[r.s] END)
         || CASE WHEN ($5::text[])[r.s] IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('agent', ($5::text[])[r.s]) END
       END,
       c."issuedAt" + r.t * ($6::timestamp - c."issuedAt")
     FROM (
       SELECT n, ${pick} AS pick, power(random(), 2) AS t, 1 + floor(random() * 100)::int AS s,
         floor(random() * 300)::int AS tail, floor(random() * 400000)::int AS v
       FROM generate_series(1, ${count}) AS n
     ) r
     JOIN "Credential" c ON c."id" = 'bench-' || $1 || '-' || floor(r.pick * ${org.credentials})::int`,
    [org.tag, type, channels, referrers, agents, nowTs, options.visitor],
  );
}

async function fillEvents(org: BenchOrg, total: number): Promise<void> {
  const scale = org.credentials / 20_000;
  const n = (value: number) => Math.round(value * scale);
  await sql(
    `INSERT INTO "CredentialEvent" ("id","organizationId","credentialId","type","createdAt")
     SELECT 'issued-' || "id", "organizationId", "id", 'issued', "issuedAt" FROM "Credential" WHERE "organizationId" = $1`,
    [org.id],
  );
  await sql(
    `INSERT INTO "CredentialEvent" ("id","organizationId","credentialId","type","createdAt")
     SELECT 'claimed-' || "id", "organizationId", "id", 'claimed', "claimedAt" FROM "Credential" WHERE "organizationId" = $1 AND "claimedAt" IS NOT NULL`,
    [org.id],
  );
  const claimed = Math.floor((org.credentials * 3) / 5);
  await insertEvents(org, "shared", n(MIX.shared), SHARES, { popular: false, visitor: false });
  await insertEvents(org, "added_to_profile", n(MIX.added_to_profile), [{ weight: 100, channel: "linkedin_profile", referrer: null }], { popular: false, visitor: false });
  await insertEvents(org, "downloaded", n(MIX.downloaded), DOWNLOADS, { popular: true, visitor: true });
  await insertEvents(org, "cta_clicked", n(MIX.cta_clicked), CTA, { popular: true, visitor: true });
  await insertEvents(org, "clicked", n(MIX.clicked), CLICKS, { popular: true, visitor: true });
  await insertEvents(org, "previewed", n(MIX.previewed), PREVIEWS, { popular: true, visitor: true });
  const rest = org.credentials + claimed + n(MIX.shared + MIX.added_to_profile + MIX.downloaded + MIX.cta_clicked + MIX.clicked + MIX.previewed);
  await insertEvents(org, "viewed", total - rest, VIEWS, { popular: true, visitor: true });
}

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(work))[1]);
  return times;
}

try {
  await ensureDb();
  const [org, created] = await time(async () => {
    const main = await createOrg("main", "Bench Analytics Academy", 20_000, ACHIEVEMENTS);
    await fillEvents(main, 1_000_000);
    const other = await createOrg("other", "Bench Other Institute", 2_000, 5);
    await fillEvents(other, 100_000);
    await sql(`ANALYZE`);
    return main;
  });
  const [{ count: events }] = await sql<{ count: number }>(`SELECT COUNT(*)::int AS count FROM "CredentialEvent" WHERE "organizationId" = $1`, [org.id]);
  const [{ count: allEvents }] = await sql<{ count: number }>(`SELECT COUNT(*)::int AS count FROM "CredentialEvent"`);
  console.log(`Created ${events.toLocaleString("en")} events for the organization (${allEvents.toLocaleString("en")} in all) in ${seconds(created)}`);

  const [full, fullMs] = await time(() => rollUpAnalytics());
  const [{ count: dailyRows }] = await sql<{ count: number }>(`SELECT COUNT(*)::int AS count FROM "AnalyticsDaily" WHERE "organizationId" = $1`, [org.id]);
  console.log(`First rollup: ${full.fromDay} to ${full.toDay}, ${full.rows.toLocaleString("en")} daily rows (${dailyRows.toLocaleString("en")} for the organization) in ${seconds(fullMs)}`);
  const [incremental, incrementalMs] = await time(() => rollUpAnalytics());
  console.log(`Incremental rollup: ${incremental.fromDay} to ${incremental.toDay}, ${incremental.rows.toLocaleString("en")} rows in ${(incrementalMs).toFixed(0)} ms`);

  const today = isoDate(now);
  const [{ achievementId: biggest }] = await sql<{ achievementId: string }>(
    `SELECT "achievementId" FROM "Credential" WHERE "organizationId" = $1 GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`,
    [org.id],
  );
  const cases = [
    { label: "last 30 days", query: { from: addDays(today, -29), to: today } },
    { label: "last 365 days", query: { from: addDays(today, -364), to: today } },
    { label: "last 365 days, one achievement", query: { from: addDays(today, -364), to: today, achievementId: biggest } },
  ];
  const rolled = new Map<string, { times: number[]; totals: unknown }>();
  for (const { label, query } of cases) {
    const range = resolveRange(query, now);
    const times = await timeRuns(RUNS, () => analyticsSummary(org.id, range));
    rolled.set(label, { times, totals: (await analyticsSummary(org.id, range)).totals });
  }
  // The baseline: without the rollup state the summary reads every event of the range itself.
  const state = await db.analyticsRollup.findUniqueOrThrow({ where: { id: "events" } });
  await db.analyticsRollup.delete({ where: { id: "events" } });
  const rows: string[] = [];
  let same = true;
  try {
    for (const { label, query } of cases) {
      const range = resolveRange(query, now);
      const times = await timeRuns(RAW_RUNS, () => analyticsSummary(org.id, range));
      const raw = await analyticsSummary(org.id, range);
      const fast = rolled.get(label)!;
      if (JSON.stringify(raw.totals) !== JSON.stringify(fast.totals)) {
        same = false;
        console.error(`${label}: the rollups and the raw events disagree`, { rolledUp: fast.totals, raw: raw.totals });
      }
      rows.push(
        `| ${label} | ${median(fast.times).toFixed(1)} ms | ${p95(fast.times).toFixed(1)} ms | ${median(times).toFixed(0)} ms | ${p95(times).toFixed(0)} ms | ${(median(times) / median(fast.times)).toFixed(0)}× |`,
      );
    }
  } finally {
    await db.analyticsRollup.create({ data: { id: state.id, rolledUpThrough: state.rolledUpThrough } });
  }
  console.log(
    `\nDashboard summary, ${events.toLocaleString("en")} events in one organization (PostgreSQL; ${RUNS} runs over rollups, ${RAW_RUNS} over raw events)\n`,
  );
  console.log("| range | rollups, median | rollups, p95 | raw events, median | raw events, p95 | speed-up |\n| --- | ---: | ---: | ---: | ---: | ---: |");
  console.log(rows.join("\n"));
  console.log(`\nRollups and raw events give the same totals: ${same ? "yes" : "NO"}`);
  if (!same) process.exitCode = 1;
} finally {
  await closeDb();
  // BENCH_KEEP=1 leaves the database for a look at the query plans.
  if (process.env.BENCH_KEEP === "1") console.log(`\nKept the database: ${database.url}`);
  else await database.drop();
}
