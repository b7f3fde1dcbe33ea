import { describe, expect, it } from "vitest";
import { GET as summaryRoute } from "@/app/api/v1/analytics/summary/route";
import { createApiKey } from "@/lib/api/keys";
import type { ApiScope } from "@/lib/api/scopes";
import { publicUrls } from "@/lib/issuing/urls";
import { createKnownEngagement, KNOWN_TOTALS } from "@/lib/test/analytics-fixtures";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { analyticsSummaryResponseSchema, type AnalyticsSummaryResponse } from "./api";
import { CHANNELS } from "./channels";
import { addDays, isoDate, monthBefore } from "./range";

const today = isoDate(new Date());
const from = addDays(today, -2);

async function getSummary(key: string | null, query: string) {
  const request = new Request(`http://localhost/api/v1/analytics/summary${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const response = await summaryRoute(request, { params: Promise.resolve({}) });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

async function keyFor(organizationId: string, scopes: ApiScope[]) {
  return (await createApiKey(organizationId, { name: "Reporting", scopes })).plaintext;
}

const ZERO_TOTALS = {
  issued: 0, emailed: 0, opened: 0, claimed: 0, declined: 0, sharedCredentials: 0, shares: 0, addedToProfile: 0, shareClicks: 0,
  earnClicks: 0, earnCredentials: 0, visitors: 0, views: 0, previews: 0, downloads: 0, verified: 0, revoked: 0, expired: 0,
};
const noVisitors = Object.fromEntries(CHANNELS.map((channel) => [channel, 0]));

describe("GET /api/v1/analytics/summary", () => {
  it("answers every known number in its documented shape", async () => {
    const known = await createKnownEngagement();
    const key = await keyFor(known.org.id, ["analytics:read"]);
    const response = await getSummary(key, `?from=${from}&to=${today}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body: AnalyticsSummaryResponse = analyticsSummaryResponseSchema.parse(response.json);
    // The schema is the documented one: nothing the OpenAPI document does not name.
    expect(Object.keys(response.json).sort()).toEqual(Object.keys(analyticsSummaryResponseSchema.shape).sort());

    expect(body).toMatchObject({ from, to: today, days: 3, granularity: "day", achievementId: null, hasData: true });
    expect(body.totals).toEqual({
      ...ZERO_TOTALS,
      issued: 10, claimed: 6, sharedCredentials: 3, shares: 3, shareClicks: 5, earnClicks: 2, earnCredentials: 2,
      // Crawlers' link previews are previews, never views.
      views: 6, visitors: 5, previews: 4,
    });
    expect(body.totals.shareClicks).toBe(KNOWN_TOTALS.shareClicks);
    expect(body.previous).toEqual({
      from: addDays(from, -3),
      to: addDays(from, -1),
      totals: ZERO_TOTALS,
      rates: { shareRate: null, returnRate: null },
    });

    expect(body.funnel.map((step) => [step.step, step.count])).toEqual(KNOWN_TOTALS.funnel.map((step) => [step.key, step.count]));
    body.funnel.forEach((step, index) => {
      const expected = KNOWN_TOTALS.funnel[index]!.rate;
      if (expected === null) expect(step.rate).toBeNull();
      else expect(step.rate).toBeCloseTo(expected, 10);
    });
    expect(body.rates.shareRate).toBeCloseTo(0.3, 10);
    expect(body.rates.returnRate).toBeCloseTo(0.2, 10);
    expect(body.benchmarks).toEqual({ shareRate: { low: 0.05, high: 0.33 }, returnRate: { low: 0, high: 0.1 } });

    expect(body.channels.map((row) => row.channel)).toEqual([...CHANNELS]);
    for (const row of body.channels) {
      const expected = KNOWN_TOTALS.channels[row.channel as keyof typeof KNOWN_TOTALS.channels] ?? { visitors: 0, shareClicks: 0, shares: 0 };
      expect(row, row.channel).toEqual({ channel: row.channel, ...expected });
    }
    expect(body.referrers).toEqual(KNOWN_TOTALS.referrers);

    const { A, B } = known.achievements;
    expect(body.achievements).toEqual([
      {
        id: A.id, name: "Achievement A", url: publicUrls.achievement(A.id),
        ...KNOWN_TOTALS.achievements.A, shareRate: expect.closeTo(2 / 6, 10),
        byChannel: { ...noVisitors, linkedin: 3 },
      },
      {
        id: B.id, name: "Achievement B", url: publicUrls.achievement(B.id),
        ...KNOWN_TOTALS.achievements.B, shareRate: 0.25,
        byChannel: { ...noVisitors, x: 1, direct: 1 },
      },
    ]);
    expect(body.achievements[0]!.url.endsWith(`/b/${A.id}`)).toBe(true);
    expect(body.bestSource).toEqual({ achievementId: A.id, name: "Achievement A", url: publicUrls.achievement(A.id), channel: "linkedin", visitors: 3 });

    expect(body.series.map((point) => point.date)).toEqual([from, addDays(from, 1), today]);
    expect(body.series[2]).toEqual({ date: today, issued: 10, claimed: 6, shared: 3, visitors: 5, shareClicks: 5 });
    expect(body.series.slice(0, 2).every((point) => point.issued + point.claimed + point.shared + point.visitors + point.shareClicks === 0)).toBe(true);
  });

  it("narrows to one achievement", async () => {
    const known = await createKnownEngagement();
    const key = await keyFor(known.org.id, ["analytics:read"]);
    const { status, json } = await getSummary(key, `?from=${from}&to=${today}&achievementId=${known.achievements.B.id}`);
    expect(status).toBe(200);
    const body = analyticsSummaryResponseSchema.parse(json);
    expect(body.achievementId).toBe(known.achievements.B.id);
    expect(body.funnel.map((step) => step.count)).toEqual([4, 2, 1, 2, 1]);
    expect(body.totals).toMatchObject({ issued: 4, claimed: 2, sharedCredentials: 1, shareClicks: 2, earnClicks: 1, views: 2, visitors: 2, previews: 1 });
    expect(body.rates).toEqual({ shareRate: 0.25, returnRate: 0.25 });
    expect(body.achievements.map((row) => row.name)).toEqual(["Achievement B"]);
    expect(body.referrers).toEqual([{ host: "t.co", visitors: 1 }]);
    expect(body.bestSource).toMatchObject({ achievementId: known.achievements.B.id, channel: "x", visitors: 1 });
  });

  it("defaults to the last 30 days", async () => {
    const known = await createKnownEngagement();
    const { status, json } = await getSummary(await keyFor(known.org.id, ["analytics:read"]), "");
    expect(status).toBe(200);
    expect(json).toMatchObject({ from: addDays(today, -29), to: today, days: 30 });
    expect((json.totals as { issued: number }).issued).toBe(10);
  });

  it("ends a range reaching past today at today, even one in year 9999", async () => {
    const known = await createKnownEngagement();
    const key = await keyFor(known.org.id, ["analytics:read"]);
    const future = await getSummary(key, "?from=9999-12-31");
    expect(future.status).toBe(200);
    expect(future.json).toMatchObject({ from: today, to: today, days: 1 });
    const reaching = await getSummary(key, `?from=${addDays(today, -29)}&to=${addDays(today, 10)}`);
    expect(reaching.status).toBe(200);
    expect(reaching.json).toMatchObject({ from: addDays(today, -29), to: today, days: 30 });
    expect((reaching.json.totals as { issued: number }).issued).toBe(10);
  });

  it("compares a month so far with the same days of the month before when asked", async () => {
    const lastMonth = monthBefore(today);
    const known = await createKnownEngagement({ at: new Date(`${lastMonth}T00:30:00Z`) });
    const key = await keyFor(known.org.id, ["analytics:read"]);
    const thisMonth = `${today.slice(0, 7)}-01`;
    const { status, json } = await getSummary(key, `?from=${thisMonth}&to=${today}&compare=month`);
    expect(status).toBe(200);
    const body = analyticsSummaryResponseSchema.parse(json);
    expect(body.previous).toMatchObject({ from: monthBefore(thisMonth), to: lastMonth });
    expect(body.totals.issued).toBe(0);
    expect(body.previous.totals.issued).toBe(10);
    // The same days just before: last month's engagement falls outside them unless this month is long enough.
    const byPeriod = analyticsSummaryResponseSchema.parse((await getSummary(key, `?from=${thisMonth}&to=${today}`)).json);
    expect(byPeriod.previous).toMatchObject({ from: addDays(thisMonth, -body.days), to: addDays(thisMonth, -1) });
  });

  it("needs a key with the analytics:read scope", async () => {
    const known = await createKnownEngagement();
    const withoutScope = await getSummary(await keyFor(known.org.id, ["credentials:write", "achievements:write"]), "");
    expect(withoutScope.status).toBe(403);
    expect(withoutScope.json).toMatchObject({ error: { code: "forbidden", details: { requiredScope: "analytics:read" } } });
    expect(JSON.stringify(withoutScope.json)).not.toContain("Achievement A");
    expect((await getSummary(null, "")).status).toBe(401);
  });

  it("shows another organization its own zeros, and refuses it the first one's achievement", async () => {
    const known = await createKnownEngagement();
    const owner = await createUser();
    const other = await createOrgWith([{ userId: owner.id, role: "owner" }], "Quiet Academy");
    const otherKey = await keyFor(other.id, ["analytics:read"]);
    const { status, json } = await getSummary(otherKey, `?from=${from}&to=${today}`);
    expect(status).toBe(200);
    const body = analyticsSummaryResponseSchema.parse(json);
    expect(body.totals).toEqual(ZERO_TOTALS);
    expect(body.funnel.map((step) => [step.count, step.rate])).toEqual([[0, null], [0, null], [0, null], [0, null], [0, null]]);
    expect(body.rates).toEqual({ shareRate: null, returnRate: null });
    expect(body.achievements).toEqual([]);
    expect(body.referrers).toEqual([]);
    expect(body.bestSource).toBeNull();
    expect(body.hasData).toBe(false);
    expect(body.channels.every((row) => row.visitors + row.shareClicks + row.shares === 0)).toBe(true);

    const foreign = await getSummary(otherKey, `?from=${from}&to=${today}&achievementId=${known.achievements.A.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ error: { code: "not_found" } });
    expect(JSON.stringify(foreign.json)).not.toContain("Achievement A");
    expect((await getSummary(otherKey, "?achievementId=does-not-exist")).status).toBe(404);
  });

  it("refuses bad dates, reversed or too long ranges and unknown parameters with 422 naming the field", async () => {
    const known = await createKnownEngagement();
    const key = await keyFor(known.org.id, ["analytics:read"]);
    const cases: [string, Record<string, { code: string }>][] = [
      ["?from=2026-02-30", { from: { code: "invalid_date" } }],
      ["?from=yesterday", { from: { code: "invalid_date" } }],
      ["?to=2026-13-01", { to: { code: "invalid_date" } }],
      ["?from=2026-03-01&to=2026-02-01", { from: { code: "range_reversed" } }],
      ["?from=2020-01-01&to=2026-01-01", { from: { code: "range_too_long" } }],
      ["?achievement=abc", { achievement: { code: "unknown_parameter" } }],
      ["?compare=year", { compare: { code: "invalid_choice" } }],
    ];
    for (const [query, details] of cases) {
      const { status, json } = await getSummary(key, query);
      expect(status, query).toBe(422);
      expect(json, query).toEqual({ error: { code: "validation_failed", message: expect.any(String), details } });
    }
  });
});
