import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKnownEngagement, KNOWN_TOTALS } from "@/lib/test/analytics-fixtures";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { addDays, isoDate, resolveRange } from "./range";
import { rollUpAnalytics } from "./rollup";
import { analyticsSummary, rolledSpan } from "./summary";

const todayRange = (achievementId?: string) => resolveRange({ from: addDays(isoDate(new Date()), -2), to: isoDate(new Date()), achievementId });

function expectKnownTotals(summary: Awaited<ReturnType<typeof analyticsSummary>>) {
  expect(summary.totals).toMatchObject({
    issued: KNOWN_TOTALS.issued,
    claimed: KNOWN_TOTALS.claimed,
    sharedCredentials: KNOWN_TOTALS.sharedCredentials,
    shares: KNOWN_TOTALS.shares,
    shareClicks: KNOWN_TOTALS.shareClicks,
    earnClicks: KNOWN_TOTALS.earnClicks,
    previews: KNOWN_TOTALS.previews,
    views: KNOWN_TOTALS.views,
    visitors: KNOWN_TOTALS.visitors,
  });
  expect(summary.funnel.map((step) => step.key)).toEqual(KNOWN_TOTALS.funnel.map((step) => step.key));
  summary.funnel.forEach((step, index) => {
    expect(step.count).toBe(KNOWN_TOTALS.funnel[index]!.count);
    if (KNOWN_TOTALS.funnel[index]!.rate === null) expect(step.rate).toBeNull();
    else expect(step.rate).toBeCloseTo(KNOWN_TOTALS.funnel[index]!.rate!, 6);
  });
  expect(summary.rates.shareRate).toBeCloseTo(KNOWN_TOTALS.shareRate, 6);
  expect(summary.rates.returnRate).toBeCloseTo(KNOWN_TOTALS.returnRate, 6);
  for (const [channel, expected] of Object.entries(KNOWN_TOTALS.channels)) {
    expect(summary.channels.find((row) => row.channel === channel)).toEqual({ channel, ...expected });
  }
  expect(summary.channels.filter((row) => !(row.channel in KNOWN_TOTALS.channels)).every((row) => row.visitors + row.shareClicks + row.shares === 0)).toBe(true);
  expect(summary.referrers).toEqual(KNOWN_TOTALS.referrers);
}

describe("the analytics summary", () => {
  it("counts today's known engagement from the events themselves", async () => {
    const known = await createKnownEngagement();
    expectKnownTotals(await analyticsSummary(known.org.id, todayRange()));
  });

  it("counts past days' known engagement from the rollups, and a rerun changes nothing", async () => {
    const yesterday = new Date(Date.parse(`${addDays(isoDate(new Date()), -1)}T12:00:00Z`));
    const known = await createKnownEngagement({ at: yesterday });
    const rolledRows = await db.analyticsDaily.count({ where: { organizationId: known.org.id } });
    expect(rolledRows).toBeGreaterThan(0);
    const rolled = await analyticsSummary(known.org.id, todayRange());
    expectKnownTotals(rolled);
    expect(rolled.achievements.map((row) => row.name)).toEqual(["Achievement A", "Achievement B"]);
    expect(rolled.achievements[0]).toMatchObject({ ...KNOWN_TOTALS.achievements.A, shareRate: 2 / 6 });
    expect(rolled.achievements[1]).toMatchObject({ ...KNOWN_TOTALS.achievements.B, shareRate: 1 / 4 });
    expect(rolled.bestSource).toMatchObject({ achievementId: known.achievements.A.id, channel: "linkedin", visitors: 3 });
    expect(rolled.series.find((point) => point.date === isoDate(yesterday))).toEqual({ date: isoDate(yesterday), issued: 10, claimed: 6, shared: 3, visitors: 5, shareClicks: 5 });
    expect(rolled.series.reduce((sum, point) => sum + point.issued, 0)).toBe(10);
    expect(rolled.hasData).toBe(true);

    await rollUpAnalytics({ fromDay: isoDate(yesterday) });
    expect(await db.analyticsDaily.count({ where: { organizationId: known.org.id } })).toBe(rolledRows);
    expectKnownTotals(await analyticsSummary(known.org.id, todayRange()));

    // Today's events add to yesterday's rolled-up ones; sharing a shared credential again is a
    // share, not a newly shared credential.
    await db.credentialEvent.create({ data: { organizationId: known.org.id, credentialId: known.credentials[2]!.id, type: "shared", channel: "facebook" } });
    await db.credentialEvent.create({ data: { organizationId: known.org.id, credentialId: known.credentials[0]!.id, type: "shared", channel: "x" } });
    const after = await analyticsSummary(known.org.id, todayRange());
    expect(after.totals).toMatchObject({ sharedCredentials: 4, shares: 5 });
    expect(after.channels.find((row) => row.channel === "facebook")?.shares).toBe(1);
  });

  it("narrows to one achievement, and refuses another organization's", async () => {
    const known = await createKnownEngagement();
    const other = await createKnownEngagement();
    const b = await analyticsSummary(known.org.id, todayRange(known.achievements.B.id));
    expect(b.achievement?.name).toBe("Achievement B");
    expect(b.funnel.map((step) => step.count)).toEqual([4, 2, 1, 2, 1]);
    await expect(analyticsSummary(known.org.id, todayRange(other.achievements.A.id))).rejects.toMatchObject({ code: "not_found" });
  });

  it("shows an organization nothing of another's, and an empty one nothing at all", async () => {
    await createKnownEngagement();
    await rollUpAnalytics();
    const owner = await createUser();
    const empty = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const summary = await analyticsSummary(empty.id, todayRange());
    expect(summary.hasData).toBe(false);
    expect(summary.funnel.every((step) => step.count === 0 && (step.rate === null))).toBe(true);
    expect(summary.achievements).toEqual([]);
    expect(summary.referrers).toEqual([]);
    expect(summary.bestSource).toBeNull();
  });

  it("compares with the period before", async () => {
    const lastMonth = new Date(Date.now() - 35 * 86_400_000);
    const known = await createKnownEngagement({ at: lastMonth });
    const range = resolveRange({});
    const summary = await analyticsSummary(known.org.id, range);
    expect(summary.totals.issued).toBe(0);
    expect(summary.previous.issued).toBe(10);
    expect(summary.previous.sharedCredentials).toBe(3);
    expect(summary.hasData).toBe(true);
  });

  it("reads the same numbers whether a range's days come from whole months, single days or both", async () => {
    const day = addDays(isoDate(new Date()), -75);
    const known = await createKnownEngagement({ at: new Date(`${day}T08:00:00Z`) });
    const monthStart = `${day.slice(0, 7)}-01`;
    for (const [from, to] of [[addDays(day, -5), isoDate(new Date())], [day, day], [monthStart, isoDate(new Date())], [addDays(day, -40), addDays(day, 40)]] as const) {
      const summary = await analyticsSummary(known.org.id, resolveRange({ from, to }));
      expectKnownTotals(summary);
      expect(summary.series.reduce((sum, point) => sum + point.issued, 0)).toBe(10);
      expect(summary.series.reduce((sum, point) => sum + point.visitors, 0)).toBe(KNOWN_TOTALS.visitors);
    }
  });
});

describe("which rolled-up rows cover a range", () => {
  const midnight = (day: string) => new Date(`${day}T00:00:00Z`);
  it("reads whole months from the monthly rows and the days around them from the daily ones", () => {
    expect(rolledSpan("2026-01-15", "2026-05-10", midnight("2026-11-30"))).toEqual({ to: "2026-05-10", months: { first: "2026-02-01", last: "2026-04-01", end: "2026-04-30" } });
    expect(rolledSpan("2026-02-01", "2026-02-28", midnight("2026-11-30"))).toEqual({ to: "2026-02-28", months: { first: "2026-02-01", last: "2026-02-01", end: "2026-02-28" } });
    expect(rolledSpan("2026-02-02", "2026-02-28", midnight("2026-11-30"))).toEqual({ to: "2026-02-28", months: null });
  });
  it("stops at the rollup's end, and covers nothing before the first rollup", () => {
    expect(rolledSpan("2026-10-01", "2026-11-30", midnight("2026-11-30"))).toEqual({ to: "2026-11-29", months: { first: "2026-10-01", last: "2026-10-01", end: "2026-10-31" } });
    expect(rolledSpan("2026-11-30", "2026-11-30", midnight("2026-11-30"))).toBeNull();
    expect(rolledSpan("2026-11-01", "2026-11-30", new Date(0))).toBeNull();
    expect(rolledSpan("2026-11-01", "2026-11-30", midnight("2026-12-01"))).toEqual({ to: "2026-11-30", months: { first: "2026-11-01", last: "2026-11-01", end: "2026-11-30" } });
  });
});
