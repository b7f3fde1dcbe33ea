import { z } from "zod";
import { daySchema } from "@/lib/dates";
import { safeText } from "@/lib/text";

/** The longest range one summary covers: two years of days. */
export const MAX_RANGE_DAYS = 731;
/** With no dates given: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * What a range is compared with: the period of the same length just before it (the default), or
 * the same days one calendar month earlier ("this month so far" against "last month so far").
 */
export const COMPARISONS = ["period", "month"] as const;
export type Comparison = (typeof COMPARISONS)[number];

// YYYY-MM-DD within the years 1900–9999 (invalid_date, date_out_of_range).
const isoDay = daySchema;

/**
 * The analytics query, from a URL's search params or the API: `from` and `to` are UTC days
 * (YYYY-MM-DD, both included), `achievementId` narrows to one achievement.
 */
export const analyticsQuerySchema = z
  .object({
    from: z.preprocess(emptyToUndefined, isoDay.optional()),
    to: z.preprocess(emptyToUndefined, isoDay.optional()),
    achievementId: z.preprocess(emptyToUndefined, safeText().trim().min(1).max(100).optional()),
    compare: z.preprocess(emptyToUndefined, z.enum(COMPARISONS).optional()),
  })
  .superRefine((query, context) => {
    if (!query.from || !query.to) return;
    const days = daysBetween(query.from, query.to) + 1;
    if (days < 1) context.addIssue({ code: "custom", path: ["from"], message: "range_reversed" });
    else if (days > MAX_RANGE_DAYS) context.addIssue({ code: "custom", path: ["from"], message: "range_too_long" });
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

/** A resolved range: days are UTC, both ends included; `previous` is the same length just before. */
export type AnalyticsRange = {
  from: string;
  to: string;
  days: number;
  achievementId: string | null;
  compare: Comparison;
  previous: { from: string; to: string };
  /** Charts bucket by week past 60 days. */
  granularity: "day" | "week";
};

export function resolveRange(query: AnalyticsQuery, now: Date = new Date()): AnalyticsRange {
  const today = isoDate(now);
  // Nothing has happened after today: a range reaching past it ends today (and one wholly in the
  // future is today alone), which also keeps its bounds inside what the database can store.
  const to = minDay(query.to ?? today, today);
  const from = minDay(query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to);
  const days = Math.min(MAX_RANGE_DAYS, daysBetween(from, to) + 1);
  const start = addDays(to, -(days - 1));
  const compare = query.compare ?? "period";
  return {
    from: start,
    to,
    days,
    achievementId: query.achievementId ?? null,
    compare,
    previous: compare === "month" ? { from: monthBefore(start), to: monthBefore(to) } : { from: addDays(start, -days), to: addDays(start, -1) },
    granularity: days > 60 ? "week" : "day",
  };
}

/** This month so far, the first to today, against the same days of last month. */
export function monthToDateQuery(now: Date = new Date()): { from: string; to: string; compare: "month" } {
  const today = isoDate(now);
  return { from: `${today.slice(0, 7)}-01`, to: today, compare: "month" };
}

/**
 * The same day one calendar month earlier; past the end of that month, its last day (March 31 →
 * February 28), and a month's last day gives the last day of the month before (April 30 → March 31).
 */
export function monthBefore(day: string): string {
  const firstOfMonth = `${day.slice(0, 7)}-01`;
  const lastOfPrevious = addDays(firstOfMonth, -1);
  if (addDays(day, 1).endsWith("-01")) return lastOfPrevious;
  const sameDay = `${lastOfPrevious.slice(0, 8)}${day.slice(8)}`;
  return sameDay > lastOfPrevious ? lastOfPrevious : sameDay;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDate(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The UTC midnight that starts a day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

function emptyToUndefined(value: unknown): unknown {
  return value === "" || value === null ? undefined : value;
}
