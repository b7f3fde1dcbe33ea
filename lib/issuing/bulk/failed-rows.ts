import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeCsv } from "@/lib/csv/write";
import { BULK_FIELDS, type BulkField } from "./columns";
import { describeIssue } from "./messages";
import type { BulkIssue } from "./validate";

/** The column added after the file's own, saying why each row was not issued. */
export const ERROR_COLUMN = "error";

type StoredRow = Partial<Record<BulkField, string>> & { cells?: string[]; issue?: BulkIssue };
type JobOptions = { headers?: string[] };

/**
 * The rows of a job that were not issued, as a CSV with the columns of the file they came from
 * (in its order, as written) and an `error` column with the reason in the reader's language. The
 * file, corrected, uploads again as it is: the upload ignores the `error` column, and rows already
 * issued are skipped by their idempotency keys. Jobs recorded without their header (the API's)
 * get one column a field. Cells are neutralised against formula injection by lib/csv/write.
 */
export async function failedRowsCsv(organizationId: string, jobId: string, locale?: string | null): Promise<{ fileName: string; csv: string }> {
  const job = await db.bulkJob.findFirst({ where: { id: jobId, organizationId }, select: { id: true, fileName: true, options: true } });
  if (!job) throw new AppError("not_found", "Bulk job not found");
  const rows = await db.bulkRow.findMany({
    where: { jobId: job.id, status: "failed" },
    orderBy: { rowNumber: "asc" },
    select: { data: true, error: true },
  });
  const headers = ((job.options ?? {}) as JobOptions).headers;
  const stored = rows.map((row) => ({ data: row.data as StoredRow, error: row.error }));
  const asWritten = Array.isArray(headers) && headers.length > 0 && stored.every((row) => Array.isArray(row.data.cells));
  const reason = (row: (typeof stored)[number]) => (row.data.issue ? describeIssue(row.data.issue, locale) : row.error ?? "");
  if (asWritten) {
    const width = headers.length;
    const body = stored.map((row) => [...Array.from({ length: width }, (_, i) => row.data.cells![i] ?? ""), reason(row)]);
    return { fileName: fileNameOf(job.fileName), csv: writeCsv([...headers, ERROR_COLUMN], body) };
  }
  const fields = BULK_FIELDS.filter((field) => field === "email" || stored.some((row) => row.data[field]));
  const body = stored.map((row) => [...fields.map((field) => row.data[field] ?? ""), reason(row)]);
  return { fileName: fileNameOf(job.fileName), csv: writeCsv([...fields, ERROR_COLUMN], body) };
}

function fileNameOf(uploaded: string): string {
  const base = uploaded.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "-").slice(0, 80) || "bulk";
  return `${base}-failed-rows.csv`;
}
