import { describe, expect, it } from "vitest";
import { analyticsQuerySchema, monthBefore, monthToDateQuery, resolveRange } from "./range";

describe("comparing with the month before", () => {
  it("takes the same day one month earlier, the month's last day where that day does not exist", () => {
    expect(monthBefore("2026-12-07")).toBe("2026-11-07");
    expect(monthBefore("2026-01-15")).toBe("2025-12-15");
    expect(monthBefore("2026-03-30")).toBe("2026-02-28");
    expect(monthBefore("2024-03-29")).toBe("2024-02-29");
    // A month's last day stands for the whole month.
    expect(monthBefore("2026-03-31")).toBe("2026-02-28");
    expect(monthBefore("2026-04-30")).toBe("2026-03-31");
    expect(monthBefore("2026-02-28")).toBe("2026-01-31");
  });

  it("reads this month so far against the same days of last month", () => {
    const query = monthToDateQuery(new Date("2026-12-07T15:00:00Z"));
    expect(query).toEqual({ from: "2026-12-01", to: "2026-12-07", compare: "month" });
    const range = resolveRange(query, new Date("2026-12-07T15:00:00Z"));
    expect(range).toMatchObject({ from: "2026-12-01", to: "2026-12-07", days: 7, compare: "month", previous: { from: "2026-11-01", to: "2026-11-07" } });
    // On the first of the month: that day alone, against the first of the month before.
    expect(resolveRange(monthToDateQuery(new Date("2026-03-01T00:00:00Z")), new Date("2026-03-01T00:00:00Z")).previous).toEqual({ from: "2026-02-01", to: "2026-02-01" });
    // A whole month against the whole month before, whatever their lengths.
    expect(resolveRange({ from: "2026-03-01", to: "2026-03-31", compare: "month" }, new Date("2026-05-01T00:00:00Z")).previous).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("keeps the same number of days just before by default", () => {
    const range = resolveRange({ from: "2026-12-01", to: "2026-12-07" }, new Date("2026-12-07T15:00:00Z"));
    expect(range.compare).toBe("period");
    expect(range.previous).toEqual({ from: "2026-11-24", to: "2026-11-30" });
  });

  it("refuses an unknown comparison by its field", () => {
    const parsed = analyticsQuerySchema.safeParse({ compare: "year" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["compare"]);
    expect(analyticsQuerySchema.parse({ compare: "" })).toEqual({});
  });
});
