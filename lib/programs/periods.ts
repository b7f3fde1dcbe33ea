import type { StreakUnit } from "./schemas";

/**
 * Calendar arithmetic of the engine, always in UTC: ISO weeks start on Monday, months on the
 * first. A period is named by its first day ("2024-05-27").
 */

const DAY_MS = 86_400_000;

/** The first day (UTC midnight) of the period holding `at`. */
export function periodStart(at: Date, unit: StreakUnit): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (unit === "month") return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  // getUTCDay: Sunday 0 … Saturday 6; ISO weeks start on Monday.
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/** The start of the period `n` periods after (or before, n < 0) the one starting at `start`. */
export function shiftPeriod(start: Date, unit: StreakUnit, n: number): Date {
  if (unit === "week") return new Date(start.getTime() + n * 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, 1));
}

/** The period's first day as text ("YYYY-MM-DD"), as the `date` column holds it. */
export const dayText = (date: Date) => date.toISOString().slice(0, 10);

/** How many periods from `a` to `b` (both period starts of `unit`). */
export function periodsBetween(a: Date, b: Date, unit: StreakUnit): number {
  if (unit === "week") return Math.round((b.getTime() - a.getTime()) / (7 * DAY_MS));
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/**
 * `months` calendar months after `at`, at the same time of day; a day the target month lacks
 * becomes its last day (31 January + 1 month = 28 or 29 February).
 */
export function addMonthsUTC(at: Date, months: number): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/** Whole calendar months from `from` to `to` (0 when `to` is earlier). */
export function monthsBetween(from: Date, to: Date): number {
  if (to < from) return 0;
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  while (months > 0 && addMonthsUTC(from, months) > to) months--;
  return months;
}

/**
 * The longest run of consecutive periods in `starts` (period starts of `unit`, any order) that
 * holds `through`, or 0 when `through` is not among them.
 */
export function runThrough(starts: Set<string>, through: Date, unit: StreakUnit): number {
  if (!starts.has(dayText(through))) return 0;
  let length = 1;
  for (let p = shiftPeriod(through, unit, -1); starts.has(dayText(p)); p = shiftPeriod(p, unit, -1)) length++;
  for (let p = shiftPeriod(through, unit, 1); starts.has(dayText(p)); p = shiftPeriod(p, unit, 1)) length++;
  return length;
}
