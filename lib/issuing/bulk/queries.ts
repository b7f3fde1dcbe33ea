import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { BULK_FIELDS, type BulkField } from "./columns";
import type { BulkIssue } from "./validate";

export type BulkJobStatus = "scheduled" | "queued" | "running" | "completed" | "failed" | "cancelled";

/** A bulk job as its progress bar, the API and the job list show it. */
export type BulkJobView = {
  id: string;
  status: BulkJobStatus;
  fileName: string;
  achievement: { id: string; name: string };
  total: number;
  /** Rows with an outcome (issued, skipped or failed). */
  done: number;
  failed: number;
  issued: number;
  skipped: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type BulkFailure = {
  rowNumber: number;
  email: string;
  issue: BulkIssue | null;
  error: string | null;
  /** The row's values by field, as they would be issued (what a correction starts from). */
  values: Partial<Record<BulkField, string>>;
};

const jobSelect = {
  id: true,
  status: true,
  fileName: true,
  total: true,
  done: true,
  failed: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  achievement: { select: { id: true, name: true } },
} as const;

async function outcomeCounts(jobIds: string[]): Promise<Map<string, { issued: number; skipped: number }>> {
  const counts = new Map<string, { issued: number; skipped: number }>();
  if (jobIds.length === 0) return counts;
  const groups = await db.bulkRow.groupBy({ by: ["jobId", "status"], where: { jobId: { in: jobIds }, status: { in: ["issued", "skipped"] } }, _count: { _all: true } });
  for (const group of groups) {
    const entry = counts.get(group.jobId) ?? { issued: 0, skipped: 0 };
    entry[group.status as "issued" | "skipped"] = group._count._all;
    counts.set(group.jobId, entry);
  }
  return counts;
}

/** One job of the organization; not_found for another organization's job. */
export async function getBulkJob(organizationId: string, jobId: string): Promise<BulkJobView> {
  const job = await db.bulkJob.findFirst({ where: { id: jobId, organizationId }, select: jobSelect });
  if (!job) throw new AppError("not_found", "Bulk job not found");
  const counts = (await outcomeCounts([job.id])).get(job.id) ?? { issued: 0, skipped: 0 };
  return { ...job, status: job.status as BulkJobStatus, ...counts };
}

/** The organization's latest bulk jobs, newest first. */
export async function listBulkJobs(organizationId: string, take = 10): Promise<BulkJobView[]> {
  const jobs = await db.bulkJob.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, take, select: jobSelect });
  const counts = await outcomeCounts(jobs.map((job) => job.id));
  return jobs.map((job) => ({ ...job, status: job.status as BulkJobStatus, ...(counts.get(job.id) ?? { issued: 0, skipped: 0 }) }));
}

/** The job's failed rows, first ones first (the full list is in the report). */
export async function listBulkFailures(organizationId: string, jobId: string, take = 50): Promise<BulkFailure[]> {
  const rows = await db.bulkRow.findMany({
    where: { jobId, status: "failed", job: { organizationId } },
    orderBy: { rowNumber: "asc" },
    take,
    select: { rowNumber: true, data: true, error: true },
  });
  return rows.map((row) => {
    const data = row.data as Partial<Record<BulkField, string>> & { issue?: BulkIssue };
    const values = Object.fromEntries(BULK_FIELDS.flatMap((field) => (typeof data[field] === "string" ? [[field, data[field]]] : [])));
    return { rowNumber: row.rowNumber, email: data.email ?? "", issue: data.issue ?? null, error: row.error, values };
  });
}

/** The URL of the job's page in the dashboard (the API returns it). */
export function bulkJobUrl(orgSlug: string, jobId: string): string {
  return `${env().BASE_URL}/dashboard/${orgSlug}/issue/bulk/${jobId}`;
}
