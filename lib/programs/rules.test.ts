import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, ensureDb, sqlTransaction } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { issueCredentialSchema } from "@/lib/issuing/schemas";
import { stopQueue } from "@/lib/jobs";
import { uniqueEmail } from "@/lib/test/factories";
import { programFixture } from "@/lib/test/program-fixtures";
import { issuePendingAwards } from "./awards";
import { ingestEvents } from "./ingest";
import { feedLaurelEvents } from "./laurel-feed";
import { awardLoyaltyMonths } from "./loyalty";
import { addMonthsUTC, periodStart } from "./periods";
import { trackedPeriods } from "./activity-periods";
import { addRule } from "./manage";
import { ruleDescription } from "./rules";

beforeAll(() => ensureDb());
afterAll(() => stopQueue());

const DAY = 86_400_000;
const awarded = (result: { awards: Array<{ email: string }> }) => result.awards.map((a) => a.email);
const since = () => new Date(Date.now() - 60_000);

describe("calendar", () => {
  it("weeks start on Monday (UTC), months on the 1st, and a month later clamps to the month's end", () => {
    expect(periodStart(new Date("2024-03-10T23:59:59Z"), "week").toISOString()).toBe("2024-03-04T00:00:00.000Z");
    expect(periodStart(new Date("2024-03-11T00:00:00Z"), "week").toISOString()).toBe("2024-03-11T00:00:00.000Z");
    expect(periodStart(new Date("2024-12-31T12:00:00Z"), "month").toISOString()).toBe("2024-12-01T00:00:00.000Z");
    expect(addMonthsUTC(new Date("2024-01-31T10:00:00Z"), 1).toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(addMonthsUTC(new Date("2023-12-31T23:00:00Z"), 2).toISOString()).toBe("2024-02-29T23:00:00.000Z");
  });
});

describe("streaks", () => {
  it("weekly: below, at and above the boundary, with a gap, and an event arriving late that joins two runs", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Three Weeks");
    await f.rule({ kind: "streak", achievementId: badge.id, metric: "courses_completed", periods: 3, unit: "week" });
    const week = (n: number, day = 2) => new Date(Date.UTC(2024, 0, 1 + 7 * n + day, 12)); // 2024-01-01 is a Monday
    const gap = uniqueEmail("gap");
    const late = uniqueEmail("late");
    const steady = uniqueEmail("steady");
    // Two weeks (below), a missing week, two more: no run of three yet.
    let result = await ingestEvents(f.org.id, [
      f.event(gap, "courses_completed", 1, week(0)),
      f.event(gap, "courses_completed", 1, week(1)),
      f.event(gap, "courses_completed", 1, week(3)),
      f.event(gap, "courses_completed", 1, week(4)),
      // Sunday night and Monday morning are two weeks.
      f.event(steady, "courses_completed", 1, new Date("2024-01-07T23:59:00Z")),
      f.event(steady, "courses_completed", 1, new Date("2024-01-08T00:00:00Z")),
    ]);
    expect(awarded(result)).toEqual([]);
    // The third week in a row (at the boundary).
    result = await ingestEvents(f.org.id, [f.event(gap, "courses_completed", 1, week(5)), f.event(steady, "courses_completed", 1, new Date("2024-01-15T08:00:00Z"))]);
    expect(awarded(result).sort()).toEqual([gap, steady].sort());
    // Above: a fourth week awards nothing more.
    expect(awarded(await ingestEvents(f.org.id, [f.event(steady, "courses_completed", 1, new Date("2024-01-22T08:00:00Z"))]))).toEqual([]);

    // Weeks 0, 1 and 3 first; week 2 arrives last and makes four in a row.
    await ingestEvents(f.org.id, [f.event(late, "courses_completed", 1, week(3)), f.event(late, "courses_completed", 1, week(0))]);
    expect(awarded(await ingestEvents(f.org.id, [f.event(late, "courses_completed", 1, week(1))]))).toEqual([]);
    result = await ingestEvents(f.org.id, [f.event(late, "courses_completed", 1, week(2))]);
    expect(awarded(result)).toEqual([late]);
    const [award] = await db.programAward.findMany({ where: { organizationId: f.org.id, email: late } });
    expect((award.reason as { value: number }).value).toBe(4);
  });

  it("monthly across the year's end, in UTC", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Quarter");
    await f.rule({ kind: "streak", achievementId: badge.id, metric: "courses_completed", periods: 3, unit: "month" });
    const email = uniqueEmail("monthly");
    // 23:30 on 31 October in UTC is still October, whatever the server's zone.
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2023-10-31T23:30:00Z"), f.event(email, "courses_completed", 1, "2023-12-01T00:00:00Z")]);
    expect(awarded(await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2024-01-15T00:00:00Z")]))).toEqual([]);
    expect(awarded(await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2023-11-30T23:59:59Z")]))).toEqual([email]);
  });
});

describe("activity periods", () => {
  const week = (n: number) => new Date(Date.UTC(2024, 0, 3 + 7 * n, 12)); // Wednesdays from 2024-01-03
  const periodsOf = (programId: string) =>
    db.learnerActivityPeriod.findMany({ where: { programId }, select: { email: true, unit: true, start: true }, orderBy: [{ email: "asc" }, { start: "asc" }] });

  it("are kept only for what a streak reads; a streak added later is filled from the events and counts the weeks before it", async () => {
    const f = await programFixture();
    const email = uniqueEmail("before-rule");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, week(0)), f.event(email, "courses_completed", 1, week(1))]);
    expect(await periodsOf(f.program.id)).toEqual([]);

    const badge = await f.achievement("Three Weeks Later");
    await addRule(f.org.id, f.program.id, { kind: "streak", achievementId: badge.id, metric: "courses_completed", periods: 3, unit: "week" });
    expect((await periodsOf(f.program.id)).map((p) => [p.unit, p.start.toISOString().slice(0, 10)])).toEqual([
      ["week", "2024-01-01"],
      ["week", "2024-01-08"],
    ]);
    // The third week in a row, after the rule: the two weeks before it count.
    expect(awarded(await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, week(2))]))).toEqual([email]);
    // Months are not kept: no rule reads them.
    expect((await periodsOf(f.program.id)).every((p) => p.unit === "week")).toBe(true);
  });

  it("adding a streak waits for the batch in flight, then records that batch's weeks too", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Busy Weeks");
    const email = uniqueEmail("in-flight");
    let finishBatch = () => {};
    const batchMayFinish = new Promise<void>((resolve) => (finishBatch = resolve));
    let batchHoldsItsLock = () => {};
    const locked = new Promise<void>((resolve) => (batchHoldsItsLock = resolve));
    // A batch as the engine runs one: it reads what to keep (no streak yet), stores its event, and
    // has not committed when the rule is added.
    const batch = sqlTransaction(async (query) => {
      expect((await trackedPeriods(query, [f.program.id])).size).toBe(0);
      await query(
        `INSERT INTO "ProgramEvent" ("id", "organizationId", "externalId", "programId", "email", "metric", "value", "occurredAt", "receivedAt")
        VALUES (gen_random_uuid()::text, $1, 'in-flight-1', $2, $3, 'courses_completed', 1, $4::timestamp(3), now())`,
        [f.org.id, f.program.id, email, week(4).toISOString()],
      );
      batchHoldsItsLock();
      await batchMayFinish;
    });
    await locked;
    let added = false;
    const adding = addRule(f.org.id, f.program.id, { kind: "streak", achievementId: badge.id, metric: "courses_completed", periods: 2, unit: "week" }).then(() => (added = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(added).toBe(false);
    finishBatch();
    await batch;
    await adding;
    expect((await periodsOf(f.program.id)).map((p) => [p.email, p.start.toISOString().slice(0, 10)])).toEqual([[email, "2024-01-29"]]);
  });
});

describe("loyalty", () => {
  it("by months: across month ends, at the anniversary and not a second before", async () => {
    const f = await programFixture();
    const badge = await f.achievement("One Month");
    await f.rule({ kind: "loyalty", achievementId: badge.id, months: 1 });
    const email = uniqueEmail("loyal");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2024-01-31T10:00:00Z")]);
    expect(awarded(await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2024-02-29T09:59:59Z")]))).toEqual([]);
    expect(awarded(await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2024-02-29T10:00:00Z")]))).toEqual([email]);
    // Across the year's end, and above the boundary.
    const december = uniqueEmail("december");
    await ingestEvents(f.org.id, [f.event(december, "courses_completed", 1, "2023-12-31T23:00:00Z")]);
    expect(awarded(await ingestEvents(f.org.id, [f.event(december, "courses_completed", 1, "2024-01-31T22:59:00Z")]))).toEqual([]);
    expect(awarded(await ingestEvents(f.org.id, [f.event(december, "courses_completed", 1, "2024-02-15T00:00:00Z")]))).toEqual([december]);
  });

  it("by months: the daily job awards learners who stopped sending events, once", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Two Months");
    await f.rule({ kind: "loyalty", achievementId: badge.id, months: 2 });
    const quiet = uniqueEmail("quiet");
    const recent = uniqueEmail("recent");
    await ingestEvents(f.org.id, [f.event(quiet, "courses_completed", 1, "2023-12-31T12:00:00Z"), f.event(recent, "courses_completed", 1, "2024-01-15T00:00:00Z")]);
    expect(await awardLoyaltyMonths({ organizationId: f.org.id, now: new Date("2024-02-29T11:59:59Z") })).toBe(0);
    expect(await awardLoyaltyMonths({ organizationId: f.org.id, now: new Date("2024-02-29T12:00:00Z") })).toBe(1);
    expect(await awardLoyaltyMonths({ organizationId: f.org.id, now: new Date("2024-03-01T00:00:00Z") })).toBe(0);
    const awards = await db.programAward.findMany({ where: { organizationId: f.org.id } });
    expect(awards.map((a) => a.email)).toEqual([quiet]);
    expect(await awardLoyaltyMonths({ organizationId: f.org.id, now: new Date("2024-03-15T00:00:00Z") })).toBe(1);
  });

  it("by months: learners past the anniversary before the rule existed wait for it to be applied", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Veteran");
    const known = uniqueEmail("known");
    const yearAgo = new Date(Date.now() - 400 * DAY).toISOString();
    await ingestEvents(f.org.id, [f.event(known, "courses_completed", 1, yearAgo)]);
    await f.rule({ kind: "loyalty", achievementId: badge.id, months: 12 });
    // Neither their next event nor the daily job awards them: that is the admin's call.
    expect(awarded(await ingestEvents(f.org.id, [f.event(known, "courses_completed", 1)]))).toEqual([]);
    expect(await awardLoyaltyMonths({ organizationId: f.org.id })).toBe(0);
    // Someone Laurel first hears of now, with a year of history sent along, is awarded.
    const newcomer = uniqueEmail("newcomer");
    expect(awarded(await ingestEvents(f.org.id, [f.event(newcomer, "courses_completed", 1, yearAgo), f.event(newcomer, "courses_completed", 1)]))).toEqual([newcomer]);
    const { runApplyRule, startApplyRule } = await import("./apply-rule");
    const rule = await db.programRule.findFirstOrThrow({ where: { programId: f.program.id, achievementId: badge.id } });
    const applying = await startApplyRule(f.org.id, f.program.id, rule.id);
    expect(applying.total).toBe(1);
    await runApplyRule(applying.jobId);
    expect((await db.programAward.findMany({ where: { achievementId: badge.id }, orderBy: { email: "asc" } })).map((a) => a.email).sort()).toEqual([known, newcomer].sort());
  });

  it("by activities within a window: below, at (both ends count) and late events", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Busy Week");
    await f.rule({ kind: "loyalty", achievementId: badge.id, metric: "courses_completed", atLeast: 3, withinDays: 7 });
    const t0 = Date.UTC(2024, 4, 1, 9);
    const at = (days: number) => new Date(t0 + days * DAY);
    const email = uniqueEmail("window");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, at(0)), f.event(email, "courses_completed", 1, at(5))]);
    // Day 9: only days 5 and 9 fall in the 7 days before it.
    expect(awarded(await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, at(9))]))).toEqual([]);
    // Day 7 arrives late: days 0, 5 and 7 are within 7 days.
    expect(awarded(await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, at(7))]))).toEqual([email]);

    const late = uniqueEmail("late-window");
    await ingestEvents(f.org.id, [f.event(late, "courses_completed", 1, at(20)), f.event(late, "courses_completed", 1, at(27))]);
    // An event dated before the others, arriving last: the window starting at it holds all three.
    expect(awarded(await ingestEvents(f.org.id, [f.event(late, "courses_completed", 1, at(20.5))]))).toEqual([late]);
  });
});

describe("pathways", () => {
  async function pathwaySetup(options: { count?: number; revokeWithRequirements?: boolean } = {}) {
    const f = await programFixture();
    const parts = await Promise.all(["Module A", "Module B", "Module C"].map((name) => f.achievement(name)));
    const master = await f.achievement("Master");
    const rule = await f.rule({ kind: "pathway", achievementId: master.id, requires: parts.map((p) => p.id), count: options.count, revokeWithRequirements: options.revokeWithRequirements ?? false });
    const issue = async (achievementId: string, email: string) =>
      (await issueCredential(f.org.id, parseInput(issueCredentialSchema, { achievementId, recipient: { email } }), { notify: false })).id;
    return { f, parts, master, rule, issue };
  }

  it("the feed reads nothing of an organization whose programs have no pathway and no Laurel metric", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Plain");
    await f.rule({ kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 1 });
    await issueCredential(f.org.id, parseInput(issueCredentialSchema, { achievementId: badge.id, recipient: { email: uniqueEmail("plain") } }), { notify: false });
    expect(await feedLaurelEvents({ organizationId: f.org.id, since: since() })).toEqual({ read: 0, fed: 0, awards: 0, revoked: 0 });
    // A pathway rule makes its credential events worth reading.
    await f.rule({ kind: "pathway", achievementId: (await f.achievement("Stack")).id, requires: [badge.id] });
    expect((await feedLaurelEvents({ organizationId: f.org.id, since: since() })).read).toBe(1);
  });

  it("rests when the organization's plan has no programs: no pathway, no Laurel metric, no loyalty", async () => {
    const { f, parts, issue } = await pathwaySetup({ count: 1 });
    const loyal = await f.achievement("Loyal");
    await f.rule({ kind: "loyalty", achievementId: loyal.id, months: 1 });
    const email = uniqueEmail("resting");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1)]);
    // Past the trial, never subscribed: the Free plan, which has no programs.
    await db.organization.update({ where: { id: f.org.id }, data: { createdAt: new Date(Date.now() - 60 * DAY) } });
    await issue(parts[0].id, email);
    expect((await feedLaurelEvents({ organizationId: f.org.id, since: since() })).awards).toBe(0);
    expect(await awardLoyaltyMonths({ organizationId: f.org.id, now: new Date(Date.now() + 40 * DAY) })).toBe(0);
    expect(await db.programAward.count({ where: { organizationId: f.org.id } })).toBe(0);
  });

  it("any 2 of 3: not at one, at two, once", async () => {
    const { f, parts, master, rule, issue } = await pathwaySetup({ count: 2 });
    expect(ruleDescription(rule, "", master.name)).toBe("Award Master when 2 of 3 required badges are held");
    const email = uniqueEmail("pathway");
    await issue(parts[0].id, email);
    expect((await feedLaurelEvents({ organizationId: f.org.id, since: since() })).awards).toBe(0);
    await issue(parts[2].id, email);
    expect((await feedLaurelEvents({ organizationId: f.org.id, since: since() })).awards).toBe(1);
    await issue(parts[1].id, email);
    expect((await feedLaurelEvents({ organizationId: f.org.id, since: since() })).awards).toBe(0);
    const awards = await db.programAward.findMany({ where: { organizationId: f.org.id, email } });
    expect(awards).toHaveLength(1);
    expect(awards[0].achievementId).toBe(master.id);
    expect((awards[0].reason as { credentials: string[] }).credentials).toHaveLength(2);
  });

  it("all of them when no count is given", async () => {
    const { f, parts, issue } = await pathwaySetup();
    const email = uniqueEmail("all");
    await issue(parts[0].id, email);
    await issue(parts[1].id, email);
    expect((await feedLaurelEvents({ organizationId: f.org.id, since: since() })).awards).toBe(0);
    await issue(parts[2].id, email);
    expect((await feedLaurelEvents({ organizationId: f.org.id, since: since() })).awards).toBe(1);
  });

  async function earnedPathway(revokeWithRequirements: boolean) {
    const setup = await pathwaySetup({ count: 2, revokeWithRequirements });
    const email = uniqueEmail("revoker");
    const first = await setup.issue(setup.parts[0].id, email);
    await setup.issue(setup.parts[1].id, email);
    await feedLaurelEvents({ organizationId: setup.f.org.id, since: since() });
    expect((await issuePendingAwards({ organizationId: setup.f.org.id })).issued).toBe(1);
    const award = await db.programAward.findFirstOrThrow({ where: { organizationId: setup.f.org.id, email } });
    expect(award.status).toBe("issued");
    await revokeCredential(setup.f.org.id, first, "issued in error");
    await feedLaurelEvents({ organizationId: setup.f.org.id, since: since() });
    return { ...setup, award: await db.programAward.findUniqueOrThrow({ where: { id: award.id } }) };
  }

  it("revoking a counted credential keeps the pathway badge by default", async () => {
    const { award } = await earnedPathway(false);
    expect(award.status).toBe("issued");
    expect((await db.credential.findUniqueOrThrow({ where: { id: award.credentialId! } })).revokedAt).toBeNull();
  });

  it("with revokeWithRequirements the pathway badge is revoked once requirements are no longer met", async () => {
    const { award, f, parts, issue } = await earnedPathway(true);
    expect(award.status).toBe("revoked");
    const credential = await db.credential.findUniqueOrThrow({ where: { id: award.credentialId! } });
    expect(credential.revokedAt).not.toBeNull();
    expect(await db.credentialEvent.count({ where: { credentialId: credential.id, type: "revoked" } })).toBe(1);
    // Still satisfied after a revocation: nothing happens.
    const email = uniqueEmail("still");
    const a = await issue(parts[0].id, email);
    await issue(parts[1].id, email);
    await issue(parts[2].id, email);
    await feedLaurelEvents({ organizationId: f.org.id, since: since() });
    await issuePendingAwards({ organizationId: f.org.id });
    await revokeCredential(f.org.id, a, "duplicate");
    await feedLaurelEvents({ organizationId: f.org.id, since: since() });
    expect((await db.programAward.findFirstOrThrow({ where: { organizationId: f.org.id, email } })).status).toBe("issued");
  });
});
