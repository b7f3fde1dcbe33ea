import { describe, expect, it } from "vitest";
import * as leaderboardRoute from "@/app/api/v1/programs/[id]/leaderboard/route";
import { createApiKey } from "@/lib/api/keys";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";
import { ingestEvents } from "./ingest";
import { joinProgram } from "./join";
import { initialsOf, loadLeaderboard, saveLeaderboardSettings, setLeaderboardOptIn } from "./leaderboard";
import { createProgram } from "./manage";
import { leaderboardSettingsSchema, programInputSchema } from "./schemas";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-06-20T12:00:00Z");
const at = (daysBefore: number) => new Date(NOW.getTime() - daysBefore * DAY_MS).toISOString();

async function setup(visibility: "public" | "members" = "public") {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Board Academy");
  const program = await createProgram(
    org.id,
    parseInput(programInputSchema, {
      name: "Runners",
      visibility,
      metrics: [
        { key: "km", label: { en: "kilometres" } },
        { key: "level", label: { en: "level" }, aggregate: "latest" },
      ],
    }),
  );
  const settings = async (input: Record<string, unknown>) => saveLeaderboardSettings(org.id, parseInput(leaderboardSettingsSchema, { programId: program.id, ...input }));
  let n = 0;
  /** Someone with an account, and events the organization sent about them. */
  const runner = async (name: string, events: Array<{ metric?: string; value: number; daysBefore: number }>, handle?: string) => {
    const email = uniqueEmail("runner");
    const user = await createUser({ email, name });
    if (handle) await db.user.update({ where: { id: user.id }, data: { handle } });
    await ingestEvents(
      org.id,
      events.map((event) => ({ id: `e${++n}-${email}`, learner: { email }, programId: program.id, metric: event.metric ?? "km", value: event.value, occurredAt: at(event.daysBefore) })),
    );
    return user;
  };
  return { owner, org, program, settings, runner };
}

describe("program leaderboards", () => {
  it("is off until the organization turns it on", async () => {
    const { program, runner } = await setup();
    const ada = await runner("Ada Lovelace", [{ value: 5, daysBefore: 1 }]);
    await setLeaderboardOptIn(program.id, ada.id, true);
    expect(await loadLeaderboard(program.id, null, NOW)).toBeNull();
  });

  it("ranks only the learners who opted in, highest first, ties sharing a rank, cut to its size", async () => {
    const { program, settings, runner } = await setup();
    const suffix = Math.random().toString(36).slice(2, 8);
    const ada = await runner("Ada Lovelace", [{ value: 10, daysBefore: 1 }, { value: 32, daysBefore: 2 }], `ada-${suffix}`);
    const bob = await runner("Bob Marley", [{ value: 20, daysBefore: 1 }]);
    const cy = await runner("Cy Twombly", [{ value: 20, daysBefore: 3 }]);
    const dee = await runner("Dee Dee Ramone", [{ value: 5, daysBefore: 1 }]);
    const hidden = await runner("Hidden Runner", [{ value: 1000, daysBefore: 1 }], `hidden-${suffix}`);
    const quiet = await runner("Quiet Person", [{ value: 3, daysBefore: 1 }]);
    await db.user.update({ where: { id: quiet.id }, data: { profilePublic: false, handle: `quiet-${suffix}` } });
    for (const user of [ada, bob, cy, dee, quiet]) await setLeaderboardOptIn(program.id, user.id, true);
    await settings({ enabled: "on", metric: "km", period: "all", size: "5" });

    const board = await loadLeaderboard(program.id, bob.id, NOW);
    expect(board).toMatchObject({ metric: "km", period: "all", size: 5 });
    expect(board!.entries.map((e) => [e.rank, e.handle ?? e.initials, e.value, e.you])).toEqual([
      [1, `ada-${suffix}`, 42, false],
      [2, "B. M.", 20, true],
      [2, "C. T.", 20, false],
      [4, "D. R.", 5, false],
      // A private profile's handle is never shown: initials instead.
      [5, "Q. P.", 3, false],
    ]);
    // Never the one who did not opt in, under any name, nor anyone's address.
    const json = JSON.stringify(board);
    for (const secret of ["Hidden", `hidden-${suffix}`, "H. R.", "1000", "@example.com", `quiet-${suffix}`]) expect(json).not.toContain(secret);

    // Opting out leaves the board at once; the size cuts the rest.
    await setLeaderboardOptIn(program.id, ada.id, false);
    await settings({ enabled: "on", metric: "km", period: "all", size: "5" });
    expect((await loadLeaderboard(program.id, null, NOW))!.entries.map((e) => e.handle ?? e.initials)).toEqual(["B. M.", "C. T.", "D. R.", "Q. P."]);
    expect(hidden.id).not.toBe(ada.id);
  });

  it("counts only the period's events: this month, or the last 30 days", async () => {
    const { program, settings, runner } = await setup();
    // NOW is 20 June: 25 days before is in May, yet within the last 30 days.
    const may = await runner("May Runner", [{ value: 50, daysBefore: 25 }, { value: 1, daysBefore: 2 }]);
    const june = await runner("June Runner", [{ value: 10, daysBefore: 3 }]);
    const old = await runner("Old Runner", [{ value: 500, daysBefore: 60 }]);
    for (const user of [may, june, old]) await setLeaderboardOptIn(program.id, user.id, true);
    const ranking = async (period: string) => {
      await settings({ enabled: "on", metric: "km", period, size: "10" });
      return (await loadLeaderboard(program.id, null, NOW))!.entries.map((e) => [e.initials, e.value]);
    };
    expect(await ranking("all")).toEqual([["O. R.", 500], ["M. R.", 51], ["J. R.", 10]]);
    expect(await ranking("30d")).toEqual([["M. R.", 51], ["J. R.", 10]]);
    expect(await ranking("month")).toEqual([["J. R.", 10], ["M. R.", 1]]);
  });

  it("takes a latest metric's last reading of the period, not their sum", async () => {
    const { program, settings, runner } = await setup();
    const up = await runner("Up Runner", [{ metric: "level", value: 2, daysBefore: 10 }, { metric: "level", value: 7, daysBefore: 1 }]);
    const down = await runner("Down Runner", [{ metric: "level", value: 9, daysBefore: 10 }, { metric: "level", value: 4, daysBefore: 1 }]);
    for (const user of [up, down]) await setLeaderboardOptIn(program.id, user.id, true);
    await settings({ enabled: "on", metric: "level", period: "30d", size: "10" });
    expect((await loadLeaderboard(program.id, null, NOW))!.entries.map((e) => [e.initials, e.value])).toEqual([["U. R.", 7], ["D. R.", 4]]);
  });

  it("follows the program's visibility: a members-only board is not shown to outsiders", async () => {
    const { owner, program, settings, runner } = await setup("members");
    const member = await runner("Member Runner", [{ value: 3, daysBefore: 1 }]);
    await settings({ enabled: "on", metric: "km", period: "all", size: "10" });
    // An outsider cannot even opt in to a program they may not see.
    await expect(setLeaderboardOptIn(program.id, member.id, true)).rejects.toMatchObject({ code: "not_found" });
    await db.leaderboardOptIn.create({ data: { programId: program.id, userId: member.id } });
    expect(await loadLeaderboard(program.id, null, NOW)).toBeNull();
    expect(await loadLeaderboard(program.id, member.id, NOW)).toBeNull();
    expect((await loadLeaderboard(program.id, owner.id, NOW))!.entries.map((e) => e.initials)).toEqual(["M. R."]);
  });

  it("lets only a learner of the program opt in, and only to a metric the program reads", async () => {
    const { program, settings } = await setup();
    const visitor = await createUser({ name: "Just Looking" });
    await expect(setLeaderboardOptIn(program.id, visitor.id, true)).rejects.toMatchObject({ code: "forbidden" });
    await joinProgram(program.id, visitor);
    expect(await setLeaderboardOptIn(program.id, visitor.id, true)).toEqual({ programId: program.id, optedIn: true });
    await expect(settings({ enabled: "on", metric: "steps", period: "all", size: "10" })).rejects.toMatchObject({ code: "validation_failed", fields: { metric: { code: "unknown_metric" } } });
    await expect(settings({ enabled: "on", metric: "km", period: "all", size: "7" })).rejects.toMatchObject({ code: "validation_failed" });
    // Zero progress: on the board only once there is something to rank.
    await settings({ enabled: "on", metric: "km", period: "all", size: "10" });
    expect((await loadLeaderboard(program.id, null, NOW))!.entries).toEqual([]);
    // Turned off again: no board at all.
    await settings({});
    expect(await loadLeaderboard(program.id, null, NOW)).toBeNull();
  });

  it("answers the organization's API with the same board, and only its own programs", async () => {
    const { org, program, settings, runner } = await setup();
    const suffix = Math.random().toString(36).slice(2, 8);
    const shown = await runner("Shown Runner", [{ value: 12, daysBefore: 1 }], `shown-${suffix}`);
    await runner("Shy Runner", [{ value: 99, daysBefore: 1 }], `shy-${suffix}`);
    await setLeaderboardOptIn(program.id, shown.id, true);
    const get = async (organizationId: string, programId: string) => {
      const key = (await createApiKey(organizationId, { name: unique("key"), scopes: ["programs:read"] })).plaintext;
      const request = new Request(`http://localhost/api/v1/programs/${programId}/leaderboard`, { headers: { authorization: `Bearer ${key}` } });
      const response = await leaderboardRoute.GET(request, { params: Promise.resolve({ id: programId }) });
      return { status: response.status, text: await response.text() };
    };

    expect(JSON.parse((await get(org.id, program.id)).text)).toEqual({ enabled: false, entries: [] });
    await settings({ enabled: "on", metric: "km", period: "all", size: "10" });
    const answer = await get(org.id, program.id);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ enabled: true, metric: "km", period: "all", size: 10, entries: [{ rank: 1, handle: `shown-${suffix}`, initials: "S. R.", value: 12 }] });
    // The learner who did not opt in is nowhere in the JSON, under any name, nor any address.
    for (const secret of [`shy-${suffix}`, "Shy", "99", "@example.com"]) expect(answer.text).not.toContain(secret);

    // Another organization's key cannot read it.
    const other = await createOrgWith([{ userId: (await createUser()).id, role: "owner" }], "Other Academy");
    expect((await get(other.id, program.id)).status).toBe(404);
  });

  it("names people by initials, never by more", () => {
    expect(initialsOf("Ada King Lovelace")).toBe("A. L.");
    expect(initialsOf("  élodie  ")).toBe("É.");
    expect(initialsOf(null)).toBe("?");
  });
});
