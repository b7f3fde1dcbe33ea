import Papa from "papaparse";
import { describe, expect, it, vi } from "vitest";
import { addDays, isoDate } from "@/lib/analytics/range";
import { db } from "@/lib/db";
import { createUser } from "@/lib/test/factories";
import { daysAgo } from "./test/factories";
import { createKnownProgram, KNOWN_PROGRAM } from "./test/known-program";

// The export route reads the signed-in person; here it is whoever the test says.
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string | null; email: string; handle: null; locale: null; emailVerified: null } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const { GET: exportRoute } = await import("@/app/(main)/dashboard/[org]/programs/[programId]/analytics/export.csv/route");
const { PROGRAM_INSIGHTS_CSV_HEADER } = await import("./insights-export");

const signInAs = (user: { id: string; name: string | null; email: string }) => {
  session.user = { id: user.id, name: user.name, email: user.email, handle: null, locale: null, emailVerified: null };
};

async function download(slug: string, programId: string, query: string) {
  const response = await exportRoute(new Request(`http://localhost/dashboard/${slug}/programs/${programId}/analytics/export.csv${query}`), {
    params: Promise.resolve({ org: slug, programId }),
  });
  return { response, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

function parseCsv(text: string) {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rest] = parsed.data;
  return { header: header!, rows: rest.map((cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ""]))) };
}

describe("the program analytics CSV", async () => {
  const known = await createKnownProgram();
  const today = isoDate(known.now);
  const from = addDays(today, -9);
  const query = `?from=${from}&to=${today}`;

  it("holds the program's figures, levels and awards per day, named by id and range", async () => {
    signInAs(known.owner);
    const { response, text } = await download(known.org.slug, known.program.id, query);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="program-${known.program.id}-${from}-${today}.csv"`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { header, rows } = parseCsv(text);
    expect(header).toEqual([...PROGRAM_INSIGHTS_CSV_HEADER]);
    const section = (name: string) => rows.filter((row) => row.section === name);
    expect(section("range").map((row) => [row.key, row.date])).toEqual([["from", from], ["to", today]]);
    expect(section("program").map((row) => [row.key, row.name])).toEqual([[known.program.id, "Learning Streaks"]]);
    expect(Object.fromEntries(section("learners").map((row) => [row.key, Number(row.count)]))).toEqual({
      learners: 9, active: 7, progressing: 4, completed: 2, inactive: 2, returned: 1, awards: 7,
    });
    expect(section("funnel").map((row) => [row.key, row.count, row.rate])).toEqual([
      ["joined", "0", ""],
      ["active", "7", ""],
      ["progressing", "4", "0.5714"],
      ["completed", "2", "0.2857"],
    ]);
    expect(section("level").map((row) => [row.key, row.name, row.level, row.at_least, row.count, row.reached, row.median_days])).toEqual(
      KNOWN_PROGRAM.levels.map((level) => ["courses", level.name, String(level.level), String(level.atLeast), String(level.learners), String(level.reached), String(level.medianSeconds / 86_400)]),
    );
    expect(section("without_level").map((row) => [row.key, row.count])).toEqual([["courses", "3"]]);
    const awards = section("awards");
    expect(awards).toHaveLength(10);
    expect(awards.filter((row) => row.count !== "0").map((row) => [row.date, Number(row.count)])).toEqual(
      [6, 5, 3, 2, 1].map((days) => [isoDate(daysAgo(days, known.now)), KNOWN_PROGRAM.awardsByDaysAgo[days]]),
    );
    // Learners' addresses are not in an aggregate export.
    expect(text).not.toContain("@example.com");
  });

  it("answers members only, and another organization's program like a missing one", async () => {
    const viewer = await createUser();
    await db.membership.create({ data: { organizationId: known.org.id, userId: viewer.id, role: "viewer" } });
    signInAs(viewer);
    expect((await download(known.org.slug, known.program.id, query)).response.status).toBe(200);

    const ownerB = await db.membership.findFirstOrThrow({ where: { organizationId: known.orgB.id }, include: { user: true } });
    signInAs(ownerB.user);
    const foreign = await download(known.orgB.slug, known.program.id, query);
    const missing = await download(known.orgB.slug, "cmissing000000000000000000", query);
    expect(foreign.response.status).toBe(404);
    expect(foreign.text).toBe(missing.text);
    expect(foreign.text).not.toContain("Learning Streaks");
    expect((await download(known.org.slug, known.program.id, query)).response.status).toBe(404);

    session.user = null;
    expect((await download(known.org.slug, known.program.id, query)).response.status).toBe(401);
  });
});
