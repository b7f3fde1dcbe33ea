import { z } from "zod";
import { isDateInRange } from "@/lib/dates";
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

/** A date written as ISO 8601 (YYYY-MM-DD, optionally with a time), or null. */
export function parseIsoDate(value: string): Date | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [, year, month, day, time] = match;
  const date = new Date(time ? value : `${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  // new Date() rolls 2026-02-30 over to March; a calendar date must exist as written.
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() + 1 !== Number(month) || (!time && date.getUTCDate() !== Number(day))) return null;
  // The bounds every incoming date has (years 1900–9999): 0000-01-01 is refused here, not by the database.
  return isDateInRange(date) ? date : null;
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
 * Maps and checks every row: email present and valid, dates in ISO format and in order,
 * evidence URL http(s), lengths, evidence when the achievement requires it, and rows that repeat
 * an earlier row. Cell text is kept as written (a leading "=" is data here; every CSV Laurel
 * writes neutralises it).
 */
export function validateRows(parsed: ParsedCsv, mapping: ColumnMapping, options: { evidenceRequired?: boolean } = {}): ValidationResult {
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
    const issue = mappingIssues.length > 0 ? undefined : checkRow(data, columnName, options);
    const identity = rowIdentity(data);
    const first = seen.get(identity);
    const finalIssue = issue ?? (first !== undefined ? { code: "duplicate_row", params: { row: first } } : undefined);
    if (!issue && first === undefined) seen.set(identity, rowNumber);
    if (finalIssue) invalid++;
    return finalIssue ? { rowNumber, data, issue: finalIssue } : { rowNumber, data };
  });
  if (mappingIssues.length > 0) invalid = rows.length;
  return { mappingIssues, rows, valid: rows.length - invalid, invalid };
}

function checkRow(data: BulkRowData, columnName: (field: BulkField) => string, options: { evidenceRequired?: boolean }): BulkIssue | undefined {
  if (!data.email) return { code: "email_missing", params: { column: columnName("email") } };
  if (!emailSchema.safeParse(data.email).success) return { code: "invalid_email", params: { value: data.email } };
  for (const [field, max] of Object.entries(LIMITS) as Array<[BulkField, number]>) {
    const value = data[field];
    if (value && value.length > max) return { code: "too_long", params: { column: columnName(field), max } };
  }
  if (data.evidenceUrl && !isHttpUrl(data.evidenceUrl)) return { code: "invalid_url", params: { column: columnName("evidenceUrl"), value: data.evidenceUrl } };
  const issueDate = data.issueDate ? parseIsoDate(data.issueDate) : undefined;
  if (issueDate === null) return { code: "invalid_date", params: { column: columnName("issueDate"), value: data.issueDate!, expected: DATE_FORMAT } };
  const expiryDate = data.expiryDate ? parseIsoDate(data.expiryDate) : undefined;
  if (expiryDate === null) return { code: "invalid_date", params: { column: columnName("expiryDate"), value: data.expiryDate!, expected: DATE_FORMAT } };
  if (expiryDate && expiryDate <= (issueDate ?? new Date())) return { code: "expiry_before_issue", params: { column: columnName("expiryDate") } };
  if (options.evidenceRequired && !data.evidenceUrl) return { code: "evidence_required" };
  return undefined;
}
