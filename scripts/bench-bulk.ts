// `npm run bench:bulk`: 10,000 credentials from a generated CSV through the real job path —
// parse and check the file, record the BulkJob and its rows, queue it, and let the
// credential.bulk-issue worker (in this process, on pg-boss) sign, store and queue claim emails.
// Runs on PostgreSQL in a throwaway database. A benchmark, not a test.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:bulk -- --count 10000
import { availableParallelism, cpus, loadavg } from "node:os";
import { createThrowawayDatabase } from "@/lib/db/test/postgres";

// A benchmark measures speed, not plan limits (lib/billing): issue without a quota.
process.env.SELF_HOSTED ??= "true";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const COUNT = arg("count", 10_000);
const TARGET_SECONDS = 20;

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write("npm run bench:bulk needs DATABASE_URL (a PostgreSQL server; a throwaway database is created on it and dropped).\n");
  process.exit(1);
}

const database = await createThrowawayDatabase(serverUrl, "laurel_bench");
// lib/db reads DATABASE_URL on first use: the modules below are loaded once it points here.
process.env.DATABASE_URL = database.url;
process.env.LOG_LEVEL ??= "warn";

const stderr = (line: string) => process.stderr.write(`${line}\n`);
let exitCode = 0;
try {
  const { closeDb, db, ensureDb } = await import("@/lib/db");
  const { startQueue, stopQueue } = await import("@/lib/jobs");
  const { bulkIssueJob } = await import("@/lib/issuing/bulk/job");
  const { createBulkJob } = await import("@/lib/issuing/bulk/create-job");
  const { createAchievement } = await import("@/lib/issuing/achievements");
  const { getActiveSigningKey } = await import("@/lib/issuing/signing-keys");
  const { achievementInputSchema } = await import("@/lib/issuing/schemas");

  try {
    await ensureDb();
    const org = await db.organization.create({ data: { name: "Bench Academy", slug: `bench-${Date.now()}` } });
    const achievement = await createAchievement(
      org.id,
      achievementInputSchema.parse({ name: "Benchmark Badge", description: "Issued by npm run bench:bulk.", criteria: { narrative: "Be one of ten thousand." } }),
    );
    await getActiveSigningKey(org.id);
    // Every registered queue (claim emails included) exists before the clock starts.
    await startQueue({ workers: false });
    await stopQueue();

    const lines = ["email,name,issue date,evidence,narrative"];
    for (let i = 0; i < COUNT; i++) {
      lines.push(`learner.${i}@bench.example,Learner ${i},2026-0${1 + (i % 9)}-1${i % 10},https://example.org/portfolio/${i},"Completed module ${i % 12}, with distinction"`);
    }
    const text = lines.join("\n");
    stderr(`Laurel bulk issuance benchmark — ${COUNT.toLocaleString("en-US")} rows (${(text.length / 1024 / 1024).toFixed(1)} MB CSV), ${cpus().length} CPUs, Node ${process.version}, PostgreSQL ${database.name}`);

    // Only the bulk job is served here: sending the claim emails is not part of the measurement.
    await startQueue({ workers: true, jobs: [bulkIssueJob], pollingIntervalSeconds: 0.5 });
    // Other processes on the machine move the figure: say how busy it was.
    const loadBefore = loadavg()[0];
    const cpu = process.cpuUsage();
    const started = performance.now();
    const job = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "bench.csv", text });
    const uploaded = performance.now();
    let lastPrinted = 0;
    let state = await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    let firstProgress = 0;
    while (state.status !== "completed" && state.status !== "failed") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
      if (!firstProgress && state.status === "running") firstProgress = performance.now();
      if (performance.now() - lastPrinted > 2000) {
        lastPrinted = performance.now();
        stderr(`  ${state.status}: ${state.done.toLocaleString("en-US")} / ${state.total.toLocaleString("en-US")}`);
      }
    }
    const finished = performance.now();
    const used = process.cpuUsage(cpu);
    await stopQueue();
    if (state.status !== "completed") throw new Error(`The job ended ${state.status}: ${state.error}`);

    const credentials = await db.credential.count({ where: { bulkJobId: job.id } });
    const events = await db.credentialEvent.count({ where: { organizationId: org.id, type: "issued" } });
    const [{ emails }] = await db.$queryRaw<Array<{ emails: bigint }>>`SELECT count(*) AS emails FROM pgboss.job WHERE name = 'credential.claim-email'`;
    const slots = await db.credential.groupBy({ by: ["statusListId", "statusIndex"], where: { bulkJobId: job.id } });
    if (credentials !== COUNT || events !== COUNT || Number(emails) !== COUNT || slots.length !== COUNT) {
      throw new Error(`Expected ${COUNT} of each; got ${credentials} credentials, ${events} events, ${emails} queued emails, ${slots.length} status indexes`);
    }

    const total = (finished - started) / 1000;
    const upload = (uploaded - started) / 1000;
    const pickup = ((firstProgress || uploaded) - uploaded) / 1000;
    const work = (finished - (firstProgress || uploaded)) / 1000;
    const cores = (used.user + used.system) / 1e6 / total;
    const rows: Array<[string, string, string]> = [
      ["parse + check CSV, store BulkJob + rows, enqueue", `${upload.toFixed(2)} s`, `${Math.round(COUNT / upload).toLocaleString("en-US")} rows/s`],
      ["job picked up by the worker", `${pickup.toFixed(2)} s`, ""],
      ["job: status indexes, sign, store credentials + events + rows, queue emails", `${work.toFixed(2)} s`, `${Math.round(COUNT / work).toLocaleString("en-US")} rows/s`],
      ["end to end", `${total.toFixed(2)} s`, `${Math.round(COUNT / total).toLocaleString("en-US")} rows/s`],
    ];
    console.log("");
    console.log(`| ${COUNT.toLocaleString("en-US")} credentials, PostgreSQL, ${availableParallelism()} cores | seconds | rate |`);
    console.log("| --- | ---: | ---: |");
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
    console.log("");
    console.log(`Checked: ${credentials.toLocaleString("en-US")} credentials (both proofs), ${events.toLocaleString("en-US")} issued events, ${Number(emails).toLocaleString("en-US")} claim emails queued, ${slots.length.toLocaleString("en-US")} distinct status indexes. This process kept ${cores.toFixed(2)} cores busy (signing workers included); the machine's 1-minute load average was ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after.`);
    console.log(`Target "${COUNT.toLocaleString("en-US")} credentials end to end in under ${TARGET_SECONDS} s": ${total.toFixed(1)} s — ${total < TARGET_SECONDS ? "met" : "NOT met"}.`);
  } finally {
    await stopQueue().catch(() => undefined);
    await closeDb();
  }
} catch (error) {
  stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
  exitCode = 1;
} finally {
  await database.drop();
}
process.exit(exitCode);
