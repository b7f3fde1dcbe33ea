// `npm run bench:table`: how fast the credentials table answers at 100,000 credentials. Creates a
// throwaway PostgreSQL database (DATABASE_URL or the local server), fills it with one
// organization's 100,000 credentials over 5 achievements, then times filtered pages the way
// the dashboard asks for them (median of 25 runs each).
import { performance } from "node:perf_hooks";
import { createThrowawayDatabase, LOCAL_SERVER_URL, reachablePostgres } from "@/lib/db/test/postgres";

const ROWS = 100_000;
const RUNS = 25;

const server = await reachablePostgres(process.env.DATABASE_URL || LOCAL_SERVER_URL);
if (!server) {
  console.error("bench:table needs PostgreSQL (DATABASE_URL, or a server on 127.0.0.1:5432).");
  process.exit(1);
}
const database = await createThrowawayDatabase(server, "laurel_bench_table");
process.env.DATABASE_URL = database.url;
const { closeDb, db, ensureDb, sql } = await import("@/lib/db");
const { credentialFiltersSchema, listCredentials } = await import("@/lib/issuing/list-credentials");

try {
  await ensureDb();
  const org = await db.organization.create({ data: { name: "Bench Academy", slug: "bench" } });
  const list = await db.statusList.create({ data: { organizationId: org.id, length: 131072, bits: Buffer.alloc(16384), allocated: ROWS } });
  const achievements = await Promise.all(
    Array.from({ length: 5 }, (_, i) => db.achievement.create({ data: { organizationId: org.id, name: `Course ${i + 1}`, description: "Benchmark" } })),
  );
  const started = performance.now();
  // One INSERT … SELECT generate_series: the rows are what the table reads, not real signatures.
  await sql(
    `INSERT INTO "Credential" ("id","organizationId","achievementId","recipientEmail","recipientName","recipientSalt","issuedAt","validFrom","validUntil",
       "statusListId","statusIndex","document","jwt","revokedAt","claimedAt")
     SELECT 'bench-' || n, $1, ($2::text[])[1 + n % 5], 'learner' || n || '@example.com', 'Learner ' || n, 'salt',
       now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval,
       CASE WHEN n % 10 = 0 THEN now() - interval '1 day' ELSE NULL END,
       $3, n, '{}'::jsonb, 'jwt',
       CASE WHEN n % 50 = 0 THEN now() ELSE NULL END,
       CASE WHEN n % 3 = 0 THEN now() ELSE NULL END
     FROM generate_series(0, ${ROWS - 1}) AS n`,
    [org.id, achievements.map((a) => a.id), list.id],
  );
  await sql(`ANALYZE "Credential"`);
  console.log(`Inserted ${ROWS.toLocaleString("en")} credentials in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const cases: Record<string, Record<string, unknown>> = {
    "first page, no filter": {},
    "status = claimed": { status: "claimed" },
    "status = revoked": { status: "revoked" },
    "one achievement + status = issued": { achievementId: achievements[2].id, status: "issued" },
    "search by email prefix": { q: "learner4242" },
    "search by name": { q: "learner 99" },
    "date range (last 30 days)": { from: new Date(Date.now() - 30 * 86400_000).toISOString() },
  };
  const rows: string[] = [];
  for (const [label, input] of Object.entries(cases)) {
    const filters = credentialFiltersSchema.parse({ limit: 25, ...input });
    await listCredentials(org.id, filters); // warm up
    const times: number[] = [];
    let page = await listCredentials(org.id, filters);
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      page = await listCredentials(org.id, filters);
      times.push(performance.now() - t0);
    }
    // A deep page: the 200th page of the unfiltered list, reached by cursor.
    times.sort((a, b) => a - b);
    rows.push(`| ${label} | ${page.items.length} | ${times[Math.floor(RUNS / 2)].toFixed(1)} ms | ${times[RUNS - 1].toFixed(1)} ms |`);
  }
  let cursor: string | undefined;
  for (let i = 0; i < 199; i++) cursor = (await listCredentials(org.id, credentialFiltersSchema.parse({ limit: 25, cursor }))).nextCursor ?? undefined;
  const deep: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await listCredentials(org.id, credentialFiltersSchema.parse({ limit: 25, cursor }));
    deep.push(performance.now() - t0);
  }
  deep.sort((a, b) => a - b);
  rows.push(`| 200th page by cursor, no filter | 25 | ${deep[Math.floor(RUNS / 2)].toFixed(1)} ms | ${deep[RUNS - 1].toFixed(1)} ms |`);
  console.log(`\nCredentials table, ${ROWS.toLocaleString("en")} credentials in one organization (PostgreSQL, ${RUNS} runs each)\n`);
  console.log("| query | rows | median | slowest |\n| --- | ---: | ---: | ---: |");
  console.log(rows.join("\n"));
} finally {
  await closeDb();
  await database.drop();
}
