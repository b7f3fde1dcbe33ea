import { z } from "zod";

/**
 * Dates that come in (API bodies, forms, CSV rows, cursors, analytics ranges) are bounded to the
 * years 1900–9999: PostgreSQL stores far more than JavaScript can print, and a year like 20260
 * (one digit too many) used to be stored, then made every reader of the row throw.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
const MIN_TIME = Date.UTC(MIN_YEAR, 0, 1);
const MAX_TIME = Date.UTC(MAX_YEAR, 11, 31, 23, 59, 59, 999);

/** Reason codes (and i18n keys under `errors.fields`). */
export const INVALID_DATE = "invalid_date";
export const DATE_OUT_OF_RANGE = "date_out_of_range";

// RFC 3339: a full date, or a date-time with an offset (seconds optional, fractions up to ns).
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A real, printable Date within the bounds. */
export function isDateInRange(date: Date): boolean {
  const time = date.getTime();
  return Number.isFinite(time) && time >= MIN_TIME && time <= MAX_TIME;
}

export type DateParse = { ok: true; date: Date } | { ok: false; code: typeof INVALID_DATE | typeof DATE_OUT_OF_RANGE };

/**
 * Reads a date as it comes in: an RFC 3339 string (YYYY-MM-DD, or a date-time with Z or an
 * offset) or a Date. Numbers, booleans and null are refused (they used to become 1970-01-01),
 * and so is a calendar date that does not exist (2026-02-30).
 */
export function parseDateInput(value: unknown): DateParse {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, code: INVALID_DATE };
    return isDateInRange(value) ? { ok: true, date: value } : { ok: false, code: DATE_OUT_OF_RANGE };
  }
  if (typeof value !== "string" || value.length > 40) return { ok: false, code: INVALID_DATE };
  const text = value.trim();
  const match = DATE_ONLY.exec(text) ?? DATE_TIME.exec(text);
  if (!match) {
    // Five or more digits of year, or a signed year: a date, but not one Laurel keeps.
    return /^[+-]?\d{5,}-\d{2}-\d{2}/.test(text) ? { ok: false, code: DATE_OUT_OF_RANGE } : { ok: false, code: INVALID_DATE };
  }
  const [, year, month, day, hour, minute, second] = match;
  const y = Number(year), m = Number(month), d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, code: INVALID_DATE };
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || (second !== undefined && Number(second) > 59))) {
    return { ok: false, code: INVALID_DATE };
  }
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, code: DATE_OUT_OF_RANGE };
  const date = hour === undefined ? new Date(Date.UTC(y, m - 1, d)) : new Date(text.toUpperCase());
  if (Number.isNaN(date.getTime())) return { ok: false, code: INVALID_DATE };
  // An offset can still carry 9999-12-31T23:00-05:00 past the end of year 9999.
  return isDateInRange(date) ? { ok: true, date } : { ok: false, code: DATE_OUT_OF_RANGE };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The one schema for a date that comes in: RFC 3339 within the years 1900–9999, parsed to a
 * Date. Refusals name the reason: `invalid_date` or `date_out_of_range`.
 */
export const dateSchema = z
  .unknown()
  .transform((value, context) => {
    const parsed = parseDateInput(value);
    if (parsed.ok) return parsed.date;
    context.addIssue({ code: "custom", message: parsed.code, params: { min: MIN_YEAR, max: MAX_YEAR } });
    return z.NEVER;
  })
  .meta({ type: "string", format: "date-time", description: `RFC 3339: YYYY-MM-DD or a date-time with an offset; years ${MIN_YEAR}–${MAX_YEAR}` });

/** A calendar day as YYYY-MM-DD within the bounds, kept as the string. */
export const daySchema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const parsed = DATE_ONLY.test(value) ? parseDateInput(value) : ({ ok: false, code: INVALID_DATE } as const);
    if (!parsed.ok) context.addIssue({ code: "custom", message: parsed.code, params: { min: MIN_YEAR, max: MAX_YEAR } });
  });

/** A date read from the database that JavaScript can print (a bad row stored earlier may not be). */
export function isReadableDate(value: Date | null | undefined): value is Date {
  return value instanceof Date && Number.isFinite(value.getTime());
}

/** ISO 8601 for a stored date, or null when it cannot be printed; never throws. */
export function isoOrNull(value: Date | null | undefined): string | null {
  return isReadableDate(value) ? value.toISOString() : null;
}

/** Formats a stored date for people, or answers `fallback` when it cannot be printed; never throws. */
export function formatStoredDate(value: Date | null | undefined, format: (date: Date) => string, fallback = "—"): string {
  return isReadableDate(value) ? format(value) : fallback;
}
