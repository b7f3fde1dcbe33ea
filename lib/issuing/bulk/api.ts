import { createHash } from "node:crypto";
import { BULK_FIELDS, type ColumnMapping } from "./columns";
import { createBulkJobFromRows, type BulkJobActor } from "./create-job";
import type { BulkIssueBody, BulkJobResponse } from "./api-schemas";
import type { ParsedCsv } from "./parse";
import { bulkJobUrl, getBulkJob, type BulkJobView } from "./queries";

// The recipients as rows of a file whose columns are the fields, in order: one validation path for both.
const API_MAPPING: ColumnMapping = Object.fromEntries(BULK_FIELDS.map((field, index) => [field, index]));

function asRows(recipients: BulkIssueBody["recipients"]): ParsedCsv {
  return {
    headers: ["email", "name", "evidence", "narrative", "validFrom", "validUntil", "result"],
    delimiter: ",",
    // Row numbers are 1-based positions in `recipients`.
    rows: recipients.map((r, i) => ({ rowNumber: i + 1, cells: [r.email, r.name ?? "", r.evidence ?? "", r.narrative ?? "", r.validFrom ?? "", r.validUntil ?? "", r.result ?? ""] })),
  };
}

export function bulkJobResponse(job: BulkJobView, orgSlug: string): BulkJobResponse {
  return {
    job: {
      id: job.id,
      status: job.status,
      achievementId: job.achievement.id,
      total: job.total,
      done: job.done,
      failed: job.failed,
      issued: job.issued,
      skipped: job.skipped,
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      url: bulkJobUrl(orgSlug, job.id),
    },
  };
}

/** POST /api/v1/credentials/bulk: records the recipients as a bulk job and queues it. */
export async function createApiBulkJob(org: { id: string; slug: string }, body: BulkIssueBody, actor: BulkJobActor = {}): Promise<BulkJobResponse> {
  const created = await createBulkJobFromRows(
    org.id,
    {
      achievementId: body.achievementId,
      fileName: "api",
      fileHash: createHash("sha256").update(JSON.stringify(body.recipients)).digest("hex"),
      parsed: asRows(body.recipients),
      mapping: API_MAPPING,
      message: body.message,
    },
    { ...actor, source: "api" },
  );
  return bulkJobResponse(await getBulkJob(org.id, created.id), org.slug);
}

/** GET /api/v1/jobs/{id}. */
export async function getApiBulkJob(org: { id: string; slug: string }, jobId: string): Promise<BulkJobResponse> {
  return bulkJobResponse(await getBulkJob(org.id, jobId), org.slug);
}
