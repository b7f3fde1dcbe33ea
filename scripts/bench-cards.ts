// `npm run bench:cards`: share cards in process — the first render of distinct credential cards
// (lookup, data, satori, resvg, store) and the cached answer of the route handler on a warm
// cache (versioned URL, and If-None-Match). Runs on PostgreSQL in a throwaway database.
// A benchmark, not a test.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:cards -- --cards 30 --requests 5000
import { cpus, loadavg } from "node:os";
import { createThrowawayDatabase } from "@/lib/db/test/postgres";

// A benchmark measures speed, not plan limits (lib/billing): issue without a quota.
process.env.SELF_HOSTED ??= "true";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const CARDS = arg("cards", 30);
const REQUESTS = arg("requests", 5000);

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write("npm run bench:cards needs DATABASE_URL (a PostgreSQL server; a throwaway database is created on it and dropped).\n");
  process.exit(1);
}

const database = await createThrowawayDatabase(serverUrl, "laurel_bench");
process.env.DATABASE_URL = database.url;
process.env.LOG_LEVEL ??= "warn";

const out = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const summary = (values: number[]) => `median ${ms(percentile(values, 50))}, p90 ${ms(percentile(values, 90))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(...values))} (n=${values.length})`;

let exitCode = 0;
try {
  const { closeDb, db, ensureDb } = await import("@/lib/db");
  const { createAchievement } = await import("@/lib/issuing/achievements");
  const { issueCredential } = await import("@/lib/issuing/issue-credential");
  const { achievementInputSchema, issueCredentialSchema } = await import("@/lib/issuing/schemas");
  const { serveCard } = await import("@/lib/cards/serve");
  const { cardHead } = await import("@/lib/cards/version");
  const { loadCardModel } = await import("@/lib/cards/model");
  const { renderCardSvg, rasteriseCard } = await import("@/lib/cards/render");
  const { clearCardMemory } = await import("@/lib/cards/cache");

  try {
    await ensureDb();
    const org = await db.organization.create({ data: { name: "Bench Academy", slug: `bench-${Date.now()}`, primaryColor: "#3b2a8f" } });
    const achievement = await createAchievement(
      org.id,
      achievementInputSchema.parse({ name: "Benchmark Badge", description: "Issued by npm run bench:cards.", criteria: { narrative: "Be measured." } }),
    );
    const ids: string[] = [];
    for (let i = 0; i <= CARDS; i++) {
      const issued = await issueCredential(
        org.id,
        issueCredentialSchema.parse({ achievementId: achievement.id, recipient: { email: `learner.${i}@bench.example`, name: `Learner Number ${i}` } }),
        { notify: false },
      );
      ids.push(issued.id);
    }
    out(`Laurel share card benchmark — ${CARDS} distinct credential cards, ${REQUESTS} cached requests, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load ${loadavg().map((l) => l.toFixed(2)).join(" ")}, Node ${process.version}, PostgreSQL ${database.name}`);

    const request = (id: string, query: string, headers: Record<string, string> = {}) => new Request(`http://localhost/c/${id}/opengraph-image${query}`, { headers });
    const time = async (run: () => Promise<Response>) => {
      const start = performance.now();
      const response = await run();
      await response.arrayBuffer();
      const elapsed = performance.now() - start;
      if (response.status !== 200 && response.status !== 304) throw new Error(`card answered ${response.status}`);
      return elapsed;
    };

    // Warm-up: fonts read, JIT, one card end to end (not counted).
    await time(() => serveCard("credential", ids[0], request(ids[0], "")));

    // First render: every card is new to this process and to the RenderedCard table.
    const first: number[] = [];
    for (const id of ids.slice(1)) first.push(await time(() => serveCard("credential", id, request(id, ""))));

    // Where a first render's time goes, on the same cards (rendered again outside the route).
    const dataTimes: number[] = [];
    const satoriTimes: number[] = [];
    const resvgTimes: number[] = [];
    let bytes = 0;
    for (const id of ids.slice(1)) {
      const head = (await cardHead("credential", id))!;
      let start = performance.now();
      const model = (await loadCardModel(head))!;
      dataTimes.push(performance.now() - start);
      start = performance.now();
      const svg = await renderCardSvg(model, "en");
      satoriTimes.push(performance.now() - start);
      start = performance.now();
      bytes += rasteriseCard(svg).byteLength;
      resvgTimes.push(performance.now() - start);
    }

    // Cached: the same versioned URL again and again (memory hit; one version lookup each).
    const id = ids[1];
    const v = (await cardHead("credential", id))!.version;
    for (let i = 0; i < 200; i++) await time(() => serveCard("credential", id, request(id, `?v=${v}`)));
    const cached: number[] = [];
    for (let i = 0; i < REQUESTS; i++) cached.push(await time(() => serveCard("credential", id, request(id, `?v=${v}`))));
    const notModified: number[] = [];
    for (let i = 0; i < Math.min(REQUESTS, 2000); i++) notModified.push(await time(() => serveCard("credential", id, request(id, `?v=${v}`, { "If-None-Match": `"${v}"` }))));

    // Another instance: nothing in its memory, the card in the shared table.
    const fromTable: number[] = [];
    for (const other of ids.slice(1)) {
      clearCardMemory();
      fromTable.push(await time(() => serveCard("credential", other, request(other, ""))));
    }

    out("");
    out(`first render (route handler, cache miss: lookup + data + satori + resvg + store)  ${summary(first)}`);
    out(`  of which data (queries, badge image)                                         ${summary(dataTimes)}`);
    out(`  of which satori (layout, text to paths)                                      ${summary(satoriTimes)}`);
    out(`  of which resvg (SVG to 1200x630 PNG)                                          ${summary(resvgTimes)}`);
    out(`  PNG size                                                                     ${Math.round(bytes / ids.slice(1).length / 1024)} KB on average`);
    out(`cached response (warm memory, versioned URL, 200 with the PNG)                 ${summary(cached)}`);
    out(`cached response (If-None-Match, 304)                                            ${summary(notModified)}`);
    out(`other instance (memory empty, PNG from the RenderedCard table)                  ${summary(fromTable)}`);
    out("");
    out(`Aim: a cached card under 5 ms — median ${ms(percentile(cached, 50))}, p99 ${ms(percentile(cached, 99))}.`);
  } finally {
    await closeDb();
  }
} catch (error) {
  exitCode = 1;
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await database.drop();
}
process.exit(exitCode);
