import { z } from "zod";
import { isDateInRange, MAX_YEAR, MIN_YEAR } from "@/lib/dates";
import type { CredentialRequest } from "../draft-credential";
import { expiryFor } from "../expiry";
import { BULK_FIELDS, DATE_FORMAT, REQUIRED_FIELDS, type BulkField, type ColumnMapping } from "./columns";
import type { ParsedCsv } from "./parse";

/** One row's values after mapping; dates as written in the file (checked ISO). */
export type BulkRowData = {
  email: string;
  name?: string;
  evidenceUrl?: string;
  narrative?: string;
  issueDate?: string;
  expiryDate?: string;
  result?: string;
};

/** Why a row (or the mapping) cannot be issued: a stable code, translated where shown. */
export type BulkIssue = { code: string; params?: Record<string, string | number> };

export type ValidatedRow = { rowNumber: number; data: BulkRowData; issue?: BulkIssue };

export type ValidationResult = {
  /** Problems with the mapping itself; nothing can be issued until they are fixed. */
  mappingIssues: BulkIssue[];
  rows: ValidatedRow[];
  valid: number;
  invalid: number;
};

const LIMITS: Partial<Record<BulkField, number>> = { name: 200, narrative: 10_000, result: 200, evidenceUrl: 2000 };
const emailSchema = z.email();
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The years a credential's dates may fall in (lib/dates.ts): what every door accepts and PostgreSQL can store. */
const DATE_YEARS = { min: MIN_YEAR, max: MAX_YEAR } as const;
const inRange = isDateInRange;

// NUL and unpaired surrogates: PostgreSQL refuses them in text and JSON.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** A date written as ISO 8601 (YYYY-MM-DD, optionally with a time), or null. */
export function parseIsoDate(value: string): Date | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [, year, month, day, time] = match;
  const date = new Date(time ? value : `${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  // new Date() rolls 2026-02-30 over to March; a calendar date must exist as written.
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() + 1 !== Number(month) || (!time && date.getUTCDate() !== Number(day))) return null;
  // The years are checked by the caller, which names the reason (date_out_of_range).
  return date;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** What makes two rows the same award; also what the idempotency key is made of. */
export function rowIdentity(data: BulkRowData): string {
  // The instant, not its spelling: 2026-01-15 and 2026-01-15T00:00:00Z are one issue date.
  const issued = data.issueDate ? (parseIsoDate(data.issueDate)?.toISOString() ?? data.issueDate) : "";
  return JSON.stringify([data.email, issued, data.evidenceUrl ?? "", data.narrative ?? ""]);
}

/**
 * Maps and checks every row with checkBulkRow, the check the job applies again before issuing
 * each row, and marks rows that repeat an earlier row. Cell text is kept as written (a leading
 * "=" is data here; every CSV Laurel writes neutralises it), except characters no database
 * column can hold, which are replaced (the row is refused for them).
 */
export function validateRows(parsed: ParsedCsv, mapping: ColumnMapping, options: BulkRowPolicy = {}): ValidationResult {
  const mappingIssues: BulkIssue[] = [];
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === undefined) mappingIssues.push({ code: "missing_column", params: { field } });
  }
  for (const field of BULK_FIELDS) {
    const index = mapping[field];
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index >= parsed.headers.length)) {
      mappingIssues.push({ code: "unknown_column", params: { field, column: String(index) } });
    }
  }
  const columnName = (field: BulkField) => parsed.headers[mapping[field] ?? -1] || field;

  const seen = new Map<string, number>();
  let invalid = 0;
  const rows = parsed.rows.map(({ rowNumber, cells }): ValidatedRow => {
    const cell = (field: BulkField) => {
      const index = mapping[field];
      const value = index === undefined ? undefined : cells[index]?.trim();
      return value ? value : undefined;
    };
    const data: BulkRowData = { email: (cell("email") ?? "").toLowerCase() };
    for (const field of ["name", "evidenceUrl", "narrative", "issueDate", "expiryDate", "result"] as const) {
      const value = cell(field);
      if (value !== undefined) data[field] = value;
    }
    const checked = mappingIssues.length > 0 ? undefined : checkBulkRow(data, options, columnName);
    const issue = checked && "issue" in checked ? checked.issue : undefined;
    const stored = storableRow(data);
    const identity = rowIdentity(stored);
    const first = seen.get(identity);
    const finalIssue = issue ?? (first !== undefined ? { code: "duplicate_row", params: { row: first } } : undefined);
    if (!issue && first === undefined) seen.set(identity, rowNumber);
    if (finalIssue) invalid++;
    return finalIssue ? { rowNumber, data: stored, issue: finalIssue } : { rowNumber, data: stored };
  });
  if (mappingIssues.length > 0) invalid = rows.length;
  return { mappingIssues, rows, valid: rows.length - invalid, invalid };
}

/** The row with characters no database column can hold replaced, so even a refused row can be recorded. */
function storableRow(data: BulkRowData): BulkRowData {
  if (!Object.values(data).some((value) => typeof value === "string" && UNSTORABLE.test(value))) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === "string" ? value.replace(UNSTORABLE_ALL, "\uFFFD") : value])) as BulkRowData;
}

/** What a row's check needs to know of the achievement. */
export type BulkRowPolicy = { evidenceRequired?: boolean; expiresAfterValue?: number | null; expiresAfterUnit?: string | null };

/**
 * The one check of a bulk row, run by the preview, when the job is recorded and again by the
 * job before it issues the row: email, lengths, characters, evidence URL, dates in ISO format,
 * in order and within the years 1900–9999 (the expiry the achievement's policy gives included),
 * evidence when the achievement requires it. Returns what to issue, or why not.
 */
export function checkBulkRow(
  data: BulkRowData,
  policy: BulkRowPolicy = {},
  columnName: (field: BulkField) => string = (field) => field,
  now: Date = new Date(),
): { request: CredentialRequest } | { issue: BulkIssue } {
  const refuse = (issue: BulkIssue) => ({ issue });
  if (!data.email) return refuse({ code: "email_missing", params: { column: columnName("email") } });
  if (!emailSchema.safeParse(data.email).success) return refuse({ code: "invalid_email", params: { value: data.email } });
  for (const field of BULK_FIELDS) {
    const value = data[field];
    if (value && UNSTORABLE.test(value)) return refuse({ code: "invalid_characters", params: { column: columnName(field) } });
  }
  for (const [field, max] of Object.entries(LIMITS) as Array<[BulkField, number]>) {
    const value = data[field];
    if (value && value.length > max) return refuse({ code: "too_long", params: { column: columnName(field), max } });
  }
  if (data.evidenceUrl && !isHttpUrl(data.evidenceUrl)) return refuse({ code: "invalid_url", params: { column: columnName("evidenceUrl"), value: data.evidenceUrl } });
  const dateIn = (field: "issueDate" | "expiryDate"): Date | undefined | BulkIssue => {
    const value = data[field];
    if (!value) return undefined;
    const date = parseIsoDate(value);
    if (!date) return { code: "invalid_date", params: { column: columnName(field), value, expected: DATE_FORMAT } };
    if (!inRange(date)) return { code: "date_out_of_range", params: { column: columnName(field), value, min: DATE_YEARS.min, max: DATE_YEARS.max } };
    return date;
  };
  const issueDate = dateIn("issueDate");
  if (issueDate && !(issueDate instanceof Date)) return refuse(issueDate);
  const expiryDate = dateIn("expiryDate");
  if (expiryDate && !(expiryDate instanceof Date)) return refuse(expiryDate);
  if (expiryDate && expiryDate <= (issueDate ?? now)) return refuse({ code: "expiry_before_issue", params: { column: columnName("expiryDate") } });
  // The end date the achievement's policy would give must be storable too (9999-12-01 + 3 months is not).
  const policyExpiry = expiryDate ? undefined : expiryFor(issueDate ?? now, { expiresAfterValue: policy.expiresAfterValue ?? null, expiresAfterUnit: policy.expiresAfterUnit ?? null });
  if (policyExpiry && !inRange(policyExpiry)) {
    return refuse({ code: "date_out_of_range", params: { column: columnName("issueDate"), value: data.issueDate ?? "", min: DATE_YEARS.min, max: DATE_YEARS.max } });
  }
  if (policy.evidenceRequired && !data.evidenceUrl) return refuse({ code: "evidence_required" });
  return {
    request: {
      recipient: { email: data.email, name: data.name },
      validFrom: issueDate,
      validUntil: expiryDate,
      evidence: data.evidenceUrl ? [{ id: data.evidenceUrl }] : undefined,
      narrative: data.narrative,
      result: data.result,
    },
  };
}
