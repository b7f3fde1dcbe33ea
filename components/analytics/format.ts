import type { AnalyticsRange } from "@/lib/analytics/range";

/** How a number moved against the previous period of the same length. */
export type Change = { kind: "up" | "down" | "same" | "new"; ratio: number };

export function changeOf(current: number, previous: number): Change {
  if (previous === 0) return { kind: current === 0 ? "same" : "new", ratio: 0 };
  const ratio = (current - previous) / previous;
  return { kind: ratio > 0 ? "up" : ratio < 0 ? "down" : "same", ratio: Math.abs(ratio) };
}

/** Where a rate sits against the range the market quotes. */
export type Verdict = "below" | "inside" | "above";

export function verdictOf(value: number, band: { low: number; high: number }): Verdict {
  if (value < band.low) return "below";
  if (value > band.high) return "above";
  return "inside";
}

/** The query string that shows (or exports) exactly this range and achievement. */
export function rangeQuery(range: Pick<AnalyticsRange, "from" | "to"> & { compare?: AnalyticsRange["compare"] }, achievementId: string | null | undefined): string {
  const query = new URLSearchParams({ from: range.from, to: range.to });
  if (achievementId) query.set("achievementId", achievementId);
  if (range.compare === "month") query.set("compare", "month");
  return query.toString();
}

/** A width for a bar, as a CSS percentage of the largest value shown beside it. */
export function barWidth(value: number, max: number): string {
  if (max <= 0 || value <= 0) return "0%";
  return `${Math.max(2, Math.min(100, (value / max) * 100)).toFixed(1)}%`;
}

/** UTC midnight of a YYYY-MM-DD day, for the date formatter. */
export const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);
