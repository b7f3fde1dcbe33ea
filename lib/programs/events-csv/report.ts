import { writeCsv } from "@/lib/csv/write";
import { translatorFor } from "@/lib/i18n/translator";
import { getEventsJob, rejectedRowsOf } from "./queries";
import type { RejectedRow } from "./run-job";

/** Why a row was refused, in the reader's language when Laurel knows the reason, else as the engine said it. */
export function describeRejection(row: Pick<RejectedRow, "code" | "message" | "field">, locale?: string | null): string {
  const { t } = translatorFor(locale);
  const key = `programEvents.reasons.${row.code}`;
  return t.has(key as never) ? t(key as never, { field: row.field } as never) : row.message;
}

/** The refused rows as CSV: line (as in the uploaded file), column, code and reason. Cells are neutralised by lib/csv/write. */
export async function eventsReportCsv(organizationId: string, programId: string, jobId: string, locale?: string | null): Promise<{ fileName: string; csv: string }> {
  const job = await getEventsJob(organizationId, programId, jobId);
  const rows = await rejectedRowsOf(organizationId, programId, jobId);
  const { t } = translatorFor(locale);
  const csv = writeCsv(
    (["line", "field", "code", "message"] as const).map((column) => t(`programEvents.report.columns.${column}` as never)),
    rows.map((row) => [row.line, row.field, row.code, describeRejection(row, locale)]),
  );
  const base = job.fileName.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "-").slice(0, 80) || "events";
  return { fileName: `${base}-rejected.csv`, csv };
}
