import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/errors";
import { enqueueInTransaction, startQueue } from "@/lib/jobs";
import { findIssuableAchievement } from "../issuable-achievements";
import type { BulkField, ColumnMapping } from "./columns";
import { checkBulkRow, type BulkIssue, type BulkRowData } from "./validate";

/** The fields a person may correct on a failed row before it is tried again. */
export const CORRECTABLE_FIELDS = ["email", "name", "result", "issueDate", "expiryDate", "evidenceUrl", "narrative"] as const satisfies readonly BulkField[];
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** A failed row to try again, with its corrected values by field; a field left out keeps its value, an empty one is cleared. */
export type RowCorrection = { rowNumber: number; values: Partial<Record<CorrectableField, string>> };

type StoredRow = BulkRowData & { cells?: string[]; issue?: BulkIssue };

/**
 * Tries the chosen failed rows of a finished job again, in the same job, with the corrections given. The job
 * stays one record of one upload: its progress, report, failed rows and the credentials it issued
 * (`/credentials?job=`) all read on, and it ends "all done" when every row is issued.
 *
 * Only rows that failed are touched: an issued row never goes back to pending, so nobody who got
 * a credential gets a second one. Each corrected row is checked as the upload checks it, and any
 * refusal leaves everything as it was (the field errors name the row). A second retry of the same
 * rows, while the first is queued or running, is refused; once it has finished, rows issued by it
 * are no longer failed, and a row retried with the same values meets its idempotency key and is
 * skipped as already issued.
 */
export async function retryFailedRows(
  organizationId: string,
  jobId: string,
  corrections: RowCorrection[],
  actor: { userId?: string; ip?: string } = {},
): Promise<{ retried: number }> {
  const job = await db.bulkJob.findFirst({ where: { id: jobId, organizationId }, select: { id: true, status: true, achievementId: true, options: true } });
  if (!job) throw new AppError("not_found", "Bulk job not found");
  if (job.status === "queued" || job.status === "running") throw new AppError("conflict", "The job is still running", { rows: { code: "job_running" } });
  const achievement = await findIssuableAchievement(organizationId, job.achievementId);
  if (corrections.length === 0) throw new AppError("validation_failed", "Choose the rows to try again", { rows: { code: "nothing_selected" } });
  const byRow = new Map(corrections.map((correction) => [correction.rowNumber, correction.values]));
  const failed = await db.bulkRow.findMany({
    where: { jobId: job.id, status: "failed", rowNumber: { in: [...byRow.keys()] } },
    orderBy: { rowNumber: "asc" },
    select: { id: true, rowNumber: true, data: true },
  });
  const unknown = corrections.find((correction) => !failed.some((row) => row.rowNumber === correction.rowNumber));
  if (unknown) throw new AppError("validation_failed", `Row ${unknown.rowNumber} did not fail`, { [`row.${unknown.rowNumber}`]: { code: "row_not_failed", params: { row: unknown.rowNumber } } });

  const mapping = ((job.options ?? {}) as { mapping?: ColumnMapping }).mapping ?? {};
  const problems: FieldErrors = {};
  const updates = failed.map((row) => {
    const { issue: _issue, cells, ...data } = row.data as StoredRow;
    const corrected: BulkRowData = { ...data };
    const nextCells = cells ? [...cells] : undefined;
    for (const [field, raw] of Object.entries(byRow.get(row.rowNumber) ?? {}) as [CorrectableField, string][]) {
      const value = field === "email" ? raw.trim().toLowerCase() : raw.trim();
      if (field === "email") corrected.email = value;
      else if (value) corrected[field] = value;
      else delete corrected[field];
      // The file's own cell follows the correction, so a later download shows what was tried.
      const index = mapping[field];
      if (nextCells && index !== undefined && index < nextCells.length) nextCells[index] = value;
    }
    const checked = checkBulkRow(corrected, achievement);
    if ("issue" in checked) problems[`row.${row.rowNumber}`] = { code: checked.issue.code, params: { ...checked.issue.params, row: row.rowNumber } };
    return { id: row.id, data: nextCells ? { ...corrected, cells: nextCells } : corrected };
  });
  if (Object.keys(problems).length > 0) {
    const [first] = Object.entries(problems);
    throw new AppError("validation_failed", `Row ${first[1].params?.row}: ${first[1].code}`, problems);
  }

  await startQueue({ workers: false });
  return db.$transaction(async (tx) => {
    // The job is claimed first: of two retries at once, the second finds it queued and stops.
    // Counted, so the end of each retry is reported (bulk_job.completed) as an event of its own.
    const claimed = await tx.$executeRaw`
      UPDATE "BulkJob" SET "status" = 'queued', "error" = NULL, "finishedAt" = NULL,
        "options" = jsonb_set(coalesce("options", '{}'::jsonb), '{retries}', to_jsonb(coalesce(("options"->>'retries')::int, 0) + 1))
      WHERE "id" = ${job.id} AND "status" IN ('completed', 'failed')`;
    if (claimed === 0) throw new AppError("conflict", "The job is already being retried", { rows: { code: "job_running" } });
    const retried = await tx.$executeRaw`
      UPDATE "BulkRow" AS r SET "status" = 'pending', "error" = NULL, "credentialId" = NULL, "data" = v.data::jsonb
      FROM unnest(${updates.map((row) => row.id)}::text[], ${updates.map((row) => JSON.stringify(row.data))}::text[]) AS v(id, data)
      WHERE r."id" = v.id AND r."status" = 'failed'`;
    await tx.$executeRaw`
      UPDATE "BulkJob" SET
        "done" = (SELECT count(*) FROM "BulkRow" WHERE "jobId" = ${job.id} AND "status" <> 'pending'),
        "failed" = (SELECT count(*) FROM "BulkRow" WHERE "jobId" = ${job.id} AND "status" = 'failed')
      WHERE "id" = ${job.id}`;
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "bulk_job.retried",
      targetType: "bulk_job",
      targetId: job.id,
      data: { rows: retried, corrected: corrections.length } as Prisma.InputJsonValue,
      ip: actor.ip,
    });
    await enqueueInTransaction(tx, "credential.bulk-issue", [{ jobId: job.id }]);
    return { retried };
  });
}
