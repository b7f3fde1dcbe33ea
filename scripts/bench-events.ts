// `npm run bench:events`: how fast engagement programs take events. In a throwaway PostgreSQL
// database (DATABASE_URL or the local server) one organization runs three programs — a ladder of
// targets (Bronze 10, Silver 50, Gold 100 courses), a weekly streak and loyalty by activities,
// loyalty by months and a target on logins — and 100,000 learners send 1,000,000 events in
// batches of 1,000 through `ingestEvents` (what the API route calls), dated over the last year
// and slightly out of order. Next to it, in the same run, the same rows go into a plain table with
// a raw INSERT … SELECT unnest: the floor of what any ingest can do. It reports events/s of both,
// the time per batch when 10,000 events are stored and when all are (it must stay flat), and the
// time from an event's arrival to its award's credential stored, on a sample, through the real
// issuing path (queue worker in this process, signing, quota, status list). A benchmark, not a test.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:events
//   BENCH_EVENTS=100000 npm run bench:events      (a quick run; learners scale with it)
import { performance } from "node:perf_hooks";
import { createThrowawayDatabase, LOCAL_SERVER_URL, reachablePostgres } from "@/lib/db/test/postgres";

// A benchmark measures speed, not plan limits (lib/billing): issue without a quota.
process.env.SELF_HOSTED ??= "true";
process.env.LOG_LEVEL ??= "warn";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? Math.max(1000, Math.round(EVENTS / 10)));
const BATCH = 1000;
const SAMPLE_BATCHES = Number(process.env.BENCH_SAMPLE_BATCHES ?? 40);
/** Clients sending batches at once (the API serves many); one by default. */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1);
const DAY_MS = 86_400_000;

const server = await reachablePostgres(process.env.DATABASE_URL || LOCAL_SERVER_URL);
if (!server) {
  console.error("bench:events needs PostgreSQL (DATABASE_URL, or a server on 127.0.0.1:5432).");
  process.exit(1);
}
const database = await createThrowawayDatabase(server, "laurel_bench_events");
process.env.DATABASE_URL = database.url;
const { closeDb, db, ensureDb, sql } = await import("@/lib/db");
const { parseInput } = await import("@/lib/errors");
const { createAchievement } = await import("@/lib/issuing/achievements");
const { achievementInputSchema } = await import("@/lib/issuing/schemas");
const { ingestEvents } = await import("@/lib/programs/ingest");
const { issueAwardsJob } = await import("@/lib/programs/jobs");
const { claimEmailJob } = await import("@/lib/issuing/claim-email");
const { startQueue, stopQueue } = await import("@/lib/jobs");

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: number[]) => sorted(values)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)] ?? NaN;
const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A small seeded generator: both runs (engine and raw) see the very same rows. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type BenchEvent = { id: string; learner: { email: string }; programId: string; metric: string; value: number; occurredAt: string };

async function setupOrganization(name: string) {
  const org = await db.organization.create({ data: { name, slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}` } });
  const achievement = (badge: string) => createAchievement(org.id, parseInput(achievementInputSchema, { name: badge, description: `${badge} badge.`, criteria: { narrative: `Earn ${badge}.` } }));
  const program = (programName: string, metric: string) =>
    db.program.create({ data: { organizationId: org.id, name: programName, metrics: { create: { key: metric, label: { en: metric.replace(/_/g, " ") } } } } });
  const rule = async (programId: string, data: Record<string, unknown>) => db.programRule.create({ data: { organizationId: org.id, programId, ...(data as { kind: string; achievementId: string }) } });
  const courses = await program("Courses", "courses_completed");
  const community = await program("Community", "posts");
  const membership = await program("Membership", "logins");
  for (const [badge, atLeast] of [["Bronze", 10], ["Silver", 50], ["Gold", 100]] as const) {
    await rule(courses.id, { kind: "target", achievementId: (await achievement(badge)).id, metric: "courses_completed", atLeast });
  }
  await rule(community.id, { kind: "streak", achievementId: (await achievement("Four Weeks")).id, metric: "posts", periods: 4, unit: "week" });
  await rule(community.id, { kind: "loyalty", achievementId: (await achievement("Busy Month")).id, metric: "posts", atLeast: 5, withinDays: 30 });
  await rule(membership.id, { kind: "loyalty", achievementId: (await achievement("Three Months")).id, months: 3 });
  await rule(membership.id, { kind: "target", achievementId: (await achievement("Regular")).id, metric: "logins", atLeast: 20 });
  return { org, programs: [{ id: courses.id, metric: "courses_completed" }, { id: community.id, metric: "posts" }, { id: membership.id, metric: "logins" }] };
}

/** Batch `b` of the run: random learners and programs, dated along the year with a few days of disorder. */
function batchOf(b: number, programs: Array<{ id: string; metric: string }>, start: number, now: number): BenchEvent[] {
  const next = random(b + 1);
  return Array.from({ length: BATCH }, (_, i) => {
    const n = b * BATCH + i;
    const program = programs[Math.floor(next() * programs.length)]!;
    const at = Math.min(now - 60_000, start + (n / EVENTS) * 365 * DAY_MS + (next() - 0.5) * 6 * DAY_MS);
    return {
      id: `e${n}`,
      learner: { email: `learner${Math.floor(next() * LEARNERS)}@bench.example` },
      programId: program.id,
      metric: program.metric,
      value: 1 + Math.floor(next() * 5),
      occurredAt: new Date(at).toISOString(),
    };
  });
}

try {
  await ensureDb();
  const now = Date.now();
  const start = now - 366 * DAY_MS;
  const { org, programs } = await setupOrganization("Bench Academy");
  const batches = Math.ceil(EVENTS / BATCH);
  console.log(`Ingesting ${fmt(EVENTS)} events for ${fmt(LEARNERS)} learners in ${fmt(batches)} batches of ${BATCH} (3 programs, 7 rules)…`);

  // 1. The engine, batch after batch, as an API client would send them.
  const batchMs: number[] = new Array(batches);
  const batchAwards: number[] = new Array(batches);
  let nextBatch = 0;
  let done = 0;
  const engineStarted = performance.now();
  const client = async () => {
    for (let b = nextBatch++; b < batches; b = nextBatch++) {
      const events = batchOf(b, programs, start, now);
      const t0 = performance.now();
      const result = await ingestEvents(org.id, events);
      batchMs[b] = performance.now() - t0;
      batchAwards[b] = result.awards.length;
      if (result.accepted !== events.length) throw new Error(`batch ${b}: ${result.accepted} accepted, ${result.rejected.length} rejected`);
      if (++done % 100 === 0) process.stdout.write(`  ${fmt(done * BATCH)} events, ${fmt((done * BATCH) / ((performance.now() - engineStarted) / 1000))}/s\n`);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const engineSeconds = (performance.now() - engineStarted) / 1000;

  // 2. The floor: the same rows into a plain table, one INSERT … SELECT unnest per batch, sent
  // through the pg driver directly (the fastest way this app has to send arrays).
  await db.$executeRawUnsafe(`CREATE TABLE "BenchRawEvent" ("id" text PRIMARY KEY, "organizationId" text NOT NULL, "externalId" text NOT NULL, "programId" text NOT NULL,
    "email" text NOT NULL, "metric" text NOT NULL, "value" float8 NOT NULL, "occurredAt" timestamp(3) NOT NULL, "receivedAt" timestamp(3) NOT NULL)`);
  const rawStarted = performance.now();
  for (let b = 0; b < batches; b++) {
    const events = batchOf(b, programs, start, now);
    await sql(
      `INSERT INTO "BenchRawEvent" ("id", "organizationId", "externalId", "programId", "email", "metric", "value", "occurredAt", "receivedAt")
       SELECT gen_random_uuid()::text, $1, v.ext, v.program, v.email, v.metric, v.value, v.at::timestamp(3), (now() AT TIME ZONE 'UTC')
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[]) AS v(ext, program, email, metric, value, at)`,
      [org.id, events.map((e) => e.id), events.map((e) => e.programId), events.map((e) => e.learner.email), events.map((e) => e.metric), events.map((e) => e.value), events.map((e) => e.occurredAt)],
    );
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;

  // 3. Arrival → credential stored, through the real path: the batch commits, the in-process
  // drain (this process runs the award worker) issues. Another organization, so the millions of
  // awards above are not in the way.
  // The claim emails are queued, not sent: their worker is not part of what is measured.
  await startQueue({ workers: true, jobs: [issueAwardsJob, { ...claimEmailJob, handler: async () => "not sent in a benchmark" }], pollingIntervalSeconds: 1 });
  const sample = await setupOrganization("Sample Academy");
  const arrivals = new Map<string, number>();
  for (let b = 0; b < SAMPLE_BATCHES; b++) {
    // Ten learners a batch, each crossing Bronze with one event among 40 others.
    const events: BenchEvent[] = Array.from({ length: 50 }, (_, i) => ({
      id: `s${b}-${i}`,
      learner: { email: `sample${b}-${i % 10}@bench.example` },
      programId: sample.programs[0]!.id,
      metric: "courses_completed",
      value: i < 40 ? 0.2 : 10,
      occurredAt: new Date(now - 3_600_000).toISOString(),
    }));
    const arrived = Date.now();
    const result = await ingestEvents(sample.org.id, events);
    for (const award of result.awards) arrivals.set(`${award.email}|${award.achievementId}`, arrived);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const deadline = Date.now() + 60_000;
  let issued: Array<{ email: string; achievementId: string; issuedAt: Date | null }> = [];
  while (Date.now() < deadline) {
    issued = await db.programAward.findMany({ where: { organizationId: sample.org.id }, select: { email: true, achievementId: true, issuedAt: true } });
    if (issued.length === arrivals.size && issued.every((a) => a.issuedAt)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const latencies = issued.filter((a) => a.issuedAt).map((a) => a.issuedAt!.getTime() - arrivals.get(`${a.email}|${a.achievementId}`)!);
  await stopQueue();

  const counts = {
    events: await db.programEvent.count({ where: { organizationId: org.id } }),
    learners: await db.programLearner.count({ where: { organizationId: org.id } }),
    awards: await db.programAward.count({ where: { organizationId: org.id } }),
  };
  const early = batchMs.slice(10, 20);
  const late = batchMs.slice(-10);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const engineRate = EVENTS / engineSeconds;
  const rawRate = EVENTS / rawSeconds;
  console.log(`\nEngagement events, ${fmt(EVENTS)} events, ${fmt(LEARNERS)} learners, batches of ${BATCH} (PostgreSQL, ${CLIENTS} client${CLIENTS > 1 ? "s" : ""})\n`);
  console.log("| measure | value |\n| --- | ---: |");
  console.log(`| ingestEvents, events/s | ${fmt(engineRate)} |`);
  console.log(`| raw INSERT … SELECT unnest into a plain table, events/s | ${fmt(rawRate)} |`);
  console.log(`| ratio (aim ≥ 0.3) | ${(engineRate / rawRate).toFixed(2)} |`);
  console.log(`| time per batch at ~10k events stored, median / p95 | ${fmt(median(early), 1)} ms / ${fmt(p95(early), 1)} ms |`);
  console.log(`| time per batch at ~${fmt(EVENTS / 1000)}k events stored, median / p95 | ${fmt(median(late), 1)} ms / ${fmt(p95(late), 1)} ms |`);
  console.log(`| all batches, median / p95 | ${fmt(median(batchMs), 1)} ms / ${fmt(p95(batchMs), 1)} ms |`);
  // Later batches do more work of their own: learners reach the ladder's levels and are awarded.
  console.log(`| awards made per batch at ~10k / ~${fmt(EVENTS / 1000)}k events stored (mean) | ${fmt(mean(batchAwards.slice(10, 20)))} / ${fmt(mean(batchAwards.slice(-10)))} |`);
  console.log(`| arrival → award's credential stored, median / p95 (${latencies.length} of ${arrivals.size} awards) | ${fmt(median(latencies))} ms / ${fmt(p95(latencies))} ms |`);
  console.log(`| stored: events / learners / awards | ${fmt(counts.events)} / ${fmt(counts.learners)} / ${fmt(counts.awards)} |`);
  if (counts.events !== EVENTS || latencies.length !== arrivals.size) process.exitCode = 1;
} finally {
  await closeDb();
  if (process.env.BENCH_KEEP === "1") console.log(`\nKept the database: ${database.url}`);
  else await database.drop();
}
