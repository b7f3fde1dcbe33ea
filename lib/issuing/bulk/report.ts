import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeCsv } from "@/lib/csv/write";
import { translatorFor } from "@/lib/i18n/translator";
import { publicUrls } from "../urls";
import { describeIssue } from "./messages";
import type { BulkIssue } from "./validate";

export const REPORT_COLUMNS = ["row", "email", "name", "status", "credential_url", "error"] as const;

/**
 * Every row's outcome as CSV: row number (as in the uploaded file), email, name, status
 * (pending, issued, skipped, failed), the credential's URL and why a row was not issued, in the
 * reader's language. Cells are neutralised against formula injection by lib/csv/write.
 */
export async function bulkReportCsv(organizationId: string, jobId: string, locale?: string | null): Promise<{ fileName: string; csv: string }> {
  const job = await db.bulkJob.findFirst({ where: { id: jobId, organizationId }, select: { id: true, fileName: true } });
  if (!job) throw new AppError("not_found", "Bulk job not found");
  const rows = await db.bulkRow.findMany({
    where: { jobId },
    orderBy: { rowNumber: "asc" },
    select: { rowNumber: true, data: true, status: true, error: true, credentialId: true },
  });
  const { t } = translatorFor(locale);
  const status = (value: string) => (t.has(`bulk.report.status.${value}` as never) ? t(`bulk.report.status.${value}` as never) : value);
  const csv = writeCsv(
    REPORT_COLUMNS.map((column) => t(`bulk.report.columns.${column}` as never)),
    rows.map((row) => {
      const data = row.data as { email?: string; name?: string; issue?: BulkIssue };
      const error = data.issue ? describeIssue(data.issue, locale) : row.status === "skipped" ? describeIssue({ code: "already_issued" }, locale) : row.error;
      return [row.rowNumber, data.email, data.name, status(row.status), row.credentialId ? publicUrls.credential(row.credentialId) : "", error];
    }),
  );
  const base = job.fileName.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "-").slice(0, 80) || "bulk";
  return { fileName: `${base}-report.csv`, csv };
}
