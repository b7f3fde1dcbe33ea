import Papa from "papaparse";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { publicUrls } from "@/lib/issuing/urls";
import { createKnownEngagement } from "@/lib/test/analytics-fixtures";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { CHANNELS } from "./channels";
import { addDays, isoDate, resolveRange } from "./range";

// The export routes read the signed-in person; here it is whoever the test says.
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string | null; email: string; handle: null; locale: null; emailVerified: null } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const { GET: funnelRoute } = await import("@/app/(main)/dashboard/[org]/analytics/funnel.csv/route");
const { GET: eventsRoute } = await import("@/app/(main)/dashboard/[org]/analytics/events.csv/route");
const { eventsCsvStream, EVENTS_CSV_HEADER, FUNNEL_CSV_HEADER } = await import("./export");

const today = isoDate(new Date());
const from = addDays(today, -2);
const range = `?from=${from}&to=${today}`;

const signInAs = (user: { id: string; name: string | null; email: string }) => {
  session.user = { id: user.id, name: user.name, email: user.email, handle: null, locale: null, emailVerified: null };
};

type Route = typeof funnelRoute;
async function download(route: Route, slug: string, query: string) {
  const response = await route(new Request(`http://localhost/dashboard/${slug}/analytics/x.csv${query}`), { params: Promise.resolve({ org: slug }) });
  // Read the bytes as sent: Response.text() would drop the byte order mark.
  return { response, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

/** The CSV as a person's spreadsheet reads it: header row, then rows keyed by column. */
function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors.filter((error) => error.code !== "TooFewFields")).toEqual([]);
  const [header, ...rest] = parsed.data;
  return { header: header!, rows: rest.map((cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ""]))) };
}

const countBy = (rows: Record<string, string>[], column: string) =>
  rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row[column]!]: (counts[row[column]!] ?? 0) + 1 }), {});

async function streamText(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

beforeEach(() => {
  session.user = null;
});

describe("the funnel CSV", () => {
  it("holds every known number, clearly labelled", async () => {
    const known = await createKnownEngagement();
    signInAs(known.owner);
    const { response, text } = await download(funnelRoute, known.org.slug, range);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="analytics-${known.org.slug}-${from}-${today}-funnel.csv"`);

    const { header, rows } = parseCsv(text);
    expect(header).toEqual([...FUNNEL_CSV_HEADER]);
    const section = (name: string) => rows.filter((row) => row.section === name);
    const pick = (row: Record<string, string>, ...columns: string[]) => columns.map((column) => row[column]);

    expect(section("range").map((row) => pick(row, "name", "count"))).toEqual([[`${from}/${today}`, "3"]]);
    expect(section("funnel").map((row) => pick(row, "name", "count", "rate_from_previous", "previous_count"))).toEqual([
      ["issued", "10", "", "0"],
      ["claimed", "6", "0.6", "0"],
      ["shared", "3", "0.5", "0"],
      ["clicked", "5", "1.6667", "0"],
      ["cta_clicked", "2", "0.4", "0"],
    ]);
    expect(section("rate").map((row) => pick(row, "name", "rate", "benchmark_low", "benchmark_high"))).toEqual([
      ["share_rate", "0.3", "0.05", "0.33"],
      ["return_rate", "0.2", "0", "0.1"],
    ]);
    const expectedChannels: Record<string, string[]> = { linkedin: ["3", "3", "2"], x: ["1", "2", "1"], direct: ["1", "0", "0"] };
    expect(section("channel").map((row) => pick(row, "name", "visitors", "share_clicks", "shares"))).toEqual(
      CHANNELS.map((channel) => [channel, ...(expectedChannels[channel] ?? ["0", "0", "0"])]),
    );
    const { A, B } = known.achievements;
    expect(section("achievement").map((row) =>
      pick(row, "name", "issued", "claimed", "shared_credentials", "rate", "visitors", "share_clicks", "earn_clicks", "top_channel", "id", "url"),
    )).toEqual([
      ["Achievement A", "6", "4", "2", "0.3333", "3", "3", "1", "linkedin", A.id, publicUrls.achievement(A.id)],
      ["Achievement B", "4", "2", "1", "0.25", "2", "2", "1", "x", B.id, publicUrls.achievement(B.id)],
    ]);
    expect(section("referrer").map((row) => pick(row, "name", "visitors"))).toEqual([
      ["www.linkedin.com", "2"],
      ["lnkd.in", "1"],
      ["t.co", "1"],
    ]);
    expect(section("best_source").map((row) => pick(row, "name", "visitors", "top_channel", "id"))).toEqual([["Achievement A", "3", "linkedin", A.id]]);
    expect(section("filter")).toEqual([]);
  });

  it("narrows to one achievement", async () => {
    const known = await createKnownEngagement();
    signInAs(known.owner);
    const { response, text } = await download(funnelRoute, known.org.slug, `${range}&achievementId=${known.achievements.B.id}`);
    expect(response.status).toBe(200);
    const { rows } = parseCsv(text);
    expect(rows.filter((row) => row.section === "filter").map((row) => [row.name, row.id])).toEqual([["Achievement B", known.achievements.B.id]]);
    expect(rows.filter((row) => row.section === "funnel").map((row) => row.count)).toEqual(["4", "2", "1", "2", "1"]);
    expect(rows.filter((row) => row.section === "achievement").map((row) => row.name)).toEqual(["Achievement B"]);
  });
});

describe("the events CSV", () => {
  it("streams every event of the range with its credential, achievement, referrer, visitor pseudonym and crawler", async () => {
    const known = await createKnownEngagement();
    signInAs(known.owner);
    const { response, text } = await download(eventsRoute, known.org.slug, range);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="analytics-${known.org.slug}-${from}-${today}-events.csv"`);

    const { header, rows } = parseCsv(text);
    expect(header).toEqual([...EVENTS_CSV_HEADER]);
    expect(rows).toHaveLength(36);
    expect(countBy(rows, "type")).toEqual({ issued: 10, claimed: 6, shared: 3, clicked: 5, cta_clicked: 2, previewed: 4, viewed: 6 });

    const credentialIds = new Set(known.credentials.map((credential) => credential.id));
    const achievementOf = new Map(known.credentials.map((credential, index) => [credential.id, index < 6 ? known.achievements.A : known.achievements.B]));
    for (const row of rows) {
      expect(credentialIds.has(row.credential_id!)).toBe(true);
      expect(row.credential_url).toBe(publicUrls.credential(row.credential_id!));
      expect(row.achievement_id).toBe(achievementOf.get(row.credential_id!)!.id);
      expect(row.achievement_name).toBe(achievementOf.get(row.credential_id!)!.name);
      expect(new Date(row.created_at!).toISOString()).toBe(row.created_at);
      expect(row.crawler_agent === "").toBe(row.type !== "previewed");
    }
    expect(countBy(rows, "achievement_name")).toEqual({ "Achievement A": 23, "Achievement B": 13 });
    expect(rows.filter((row) => row.type === "previewed").map((row) => row.crawler_agent).sort()).toEqual(["LinkedInBot", "LinkedInBot", "Twitterbot", "facebookexternalhit"]);
    const viewed = rows.filter((row) => row.type === "viewed");
    expect(viewed.map((row) => row.visitor).sort()).toEqual(["v1", "v1", "v2", "v3", "v4", "v5"]);
    expect(countBy(viewed, "channel")).toEqual({ linkedin: 4, x: 1, direct: 1 });
    expect(countBy(viewed, "referrer")).toEqual({ "www.linkedin.com": 3, "lnkd.in": 1, "t.co": 1, "": 1 });
    expect(countBy(rows.filter((row) => row.type === "shared"), "channel")).toEqual({ linkedin: 2, x: 1 });
    expect(countBy(rows.filter((row) => row.type === "clicked"), "channel")).toEqual({ linkedin: 3, x: 2 });
    // Oldest first.
    expect(rows.map((row) => row.created_at)).toEqual(rows.map((row) => row.created_at).sort());
  });

  it("narrows to one achievement, and leaves out days outside the range", async () => {
    const known = await createKnownEngagement();
    signInAs(known.owner);
    const { text } = await download(eventsRoute, known.org.slug, `${range}&achievementId=${known.achievements.B.id}`);
    const { rows } = parseCsv(text);
    expect(countBy(rows, "type")).toEqual({ issued: 4, claimed: 2, shared: 1, clicked: 2, cta_clicked: 1, previewed: 1, viewed: 2 });
    expect(new Set(rows.map((row) => row.achievement_name))).toEqual(new Set(["Achievement B"]));

    const before = await download(eventsRoute, known.org.slug, `?from=${addDays(today, -9)}&to=${addDays(today, -1)}`);
    expect(before.response.status).toBe(200);
    expect(parseCsv(before.text).rows).toEqual([]);
  });

  it("reads page after page by (createdAt, id), the same rows whatever the page size, and says where a capped export stopped", async () => {
    const known = await createKnownEngagement();
    const todayRange = resolveRange({ from, to: today });
    const whole = await streamText(await eventsCsvStream(known.org.id, todayRange));
    // All 36 events share one timestamp: pages of 4 must break ties by id, missing and repeating none.
    expect(await streamText(await eventsCsvStream(known.org.id, todayRange, { pageSize: 4 }))).toBe(whole);
    expect(await streamText(await eventsCsvStream(known.org.id, todayRange, { pageSize: 36 }))).toBe(whole);

    const capped = await streamText(await eventsCsvStream(known.org.id, todayRange, { pageSize: 4, maxRows: 7 }));
    const lines = capped.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 7 + 1);
    expect(lines.slice(0, 8)).toEqual(whole.trimEnd().split("\r\n").slice(0, 8));
    expect(lines[8]).toBe("# truncated after 7 events: export a shorter range for the rest");
    // Exactly at the cap is not cut.
    const exact = await streamText(await eventsCsvStream(known.org.id, todayRange, { pageSize: 4, maxRows: 36 }));
    expect(exact).toBe(whole);
  });

  it("streams more events than one page holds, each exactly once", async () => {
    const known = await createKnownEngagement();
    const credentialId = known.credentials[3]!.id;
    // 12,000 views over a few distinct instants, so pages of 5,000 end inside runs of equal timestamps.
    await db.$executeRaw`
      INSERT INTO "CredentialEvent" ("id", "organizationId", "credentialId", "type", "channel", "data", "createdAt")
      SELECT 'bulk-' || lpad(i::text, 6, '0'), ${known.org.id}, ${credentialId}, 'viewed', 'direct',
        jsonb_build_object('visitor', 'bulk-' || i), date_trunc('day', now() AT TIME ZONE 'UTC') + ((i % 3) || ' seconds')::interval
      FROM generate_series(1, 12000) AS i`;
    signInAs(known.owner);
    const { response, text } = await download(eventsRoute, known.org.slug, range);
    expect(response.status).toBe(200);
    const { rows } = parseCsv(text);
    expect(rows).toHaveLength(12_036);
    const bulk = rows.filter((row) => row.visitor.startsWith("bulk-"));
    expect(new Set(bulk.map((row) => row.visitor)).size).toBe(12_000);
  });
});

describe("the analytics exports", () => {
  it("neutralise spreadsheet formulas in achievement names and referrers", async () => {
    const known = await createKnownEngagement();
    await db.achievement.update({ where: { id: known.achievements.A.id }, data: { name: '=HYPERLINK("http://evil")' } });
    const hostile = ["=cmd|' /C calc'!A0", "+evil.example", "-2+3", "@SUM(A1)"];
    await db.credentialEvent.createMany({
      data: hostile.map((referrer, index) => ({
        organizationId: known.org.id, credentialId: known.credentials[2]!.id, type: "viewed", channel: "web", data: { visitor: `h${index}`, referrer },
      })),
    });
    signInAs(known.owner);

    const funnel = await download(funnelRoute, known.org.slug, range);
    const events = await download(eventsRoute, known.org.slug, range);
    for (const { text } of [funnel, events]) {
      const { rows } = parseCsv(text);
      const cells = rows.flatMap((row) => Object.values(row));
      expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
      expect(cells).toContain(`'=HYPERLINK("http://evil")`);
    }
    const funnelRows = parseCsv(funnel.text).rows;
    expect(funnelRows.filter((row) => row.section === "referrer" && row.name.startsWith("'")).map((row) => row.name).sort()).toEqual(hostile.map((host) => `'${host}`).sort());
    const eventRows = parseCsv(events.text).rows;
    expect(eventRows.filter((row) => row.referrer.startsWith("'")).map((row) => row.referrer).sort()).toEqual(hostile.map((host) => `'${host}`).sort());
  });

  it("refuse bad dates with 422 naming the field, and another organization's achievement with 404", async () => {
    const known = await createKnownEngagement();
    const other = await createKnownEngagement();
    signInAs(known.owner);
    for (const route of [funnelRoute, eventsRoute]) {
      for (const [query, field, code] of [
        ["?from=2026-02-30", "from", "invalid_date"],
        ["?to=not-a-day", "to", "invalid_date"],
        ["?from=2026-03-01&to=2026-02-01", "from", "range_reversed"],
        ["?from=2020-01-01&to=2026-01-01", "from", "range_too_long"],
      ] as const) {
        const { response, text } = await download(route, known.org.slug, query);
        expect(response.status, query).toBe(422);
        expect(response.headers.get("content-type"), query).toContain("application/json");
        expect(JSON.parse(text), query).toMatchObject({ error: { code: "validation_failed", details: { [field]: { code } } } });
      }
      const foreign = await download(route, known.org.slug, `${range}&achievementId=${other.achievements.A.id}`);
      expect(foreign.response.status).toBe(404);
      expect(foreign.text).not.toContain("Achievement A");
    }
  });

  it("are for members only: a viewer may read them, another organization's member and a signed-out person may not", async () => {
    const known = await createKnownEngagement();
    const viewer = await createUser();
    await db.membership.create({ data: { organizationId: known.org.id, userId: viewer.id, role: "viewer" } });
    signInAs(viewer);
    expect((await download(funnelRoute, known.org.slug, range)).response.status).toBe(200);
    expect(parseCsv((await download(eventsRoute, known.org.slug, range)).text).rows).toHaveLength(36);

    const outsider = await createUser();
    const own = await createOrgWith([{ userId: outsider.id, role: "owner" }], "Quiet Academy");
    signInAs(outsider);
    for (const route of [funnelRoute, eventsRoute]) {
      const refused = await download(route, known.org.slug, range);
      expect(refused.response.status).toBe(404);
      expect(refused.text).not.toContain("Achievement");
    }
    // Their own organization's exports hold their own zeros.
    const ownFunnel = parseCsv((await download(funnelRoute, own.slug, range)).text).rows;
    expect(ownFunnel.filter((row) => row.section === "funnel").map((row) => row.count)).toEqual(["0", "0", "0", "0", "0"]);
    expect(ownFunnel.filter((row) => row.section === "achievement" || row.section === "referrer" || row.section === "best_source")).toEqual([]);
    expect(parseCsv((await download(eventsRoute, own.slug, range)).text).rows).toEqual([]);

    session.user = null;
    expect((await download(funnelRoute, known.org.slug, range)).response.status).toBe(401);
    expect((await download(eventsRoute, known.org.slug, range)).response.status).toBe(401);
  });
});
