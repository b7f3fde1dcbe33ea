import { jobPercent } from "@/lib/jobs/percent";
import type { BulkJobView } from "./queries";

export type BulkProgressState = Pick<BulkJobView, "status" | "total" | "done" | "failed">;

/** What the job's bar and line say: the rows the bar counts as done, and the line's message. */
export type BulkProgressView = {
  done: number;
  summary:
    | { key: "progress.cancelled" }
    | { key: "progress.queued"; values: { rows: number; failed: number } }
    | { key: "progress.text"; values: { done: number; total: number; percent: number; failed: number } };
};

/**
 * Rows that failed the checks at upload count as done from the start, so until a worker takes the
 * job the bar stays empty and the line says what is waiting (it read "1 of 5 rows (20%)" before
 * anything ran). A scheduled job waits for its time like a queued one; a cancelled one never starts.
 */
export function bulkProgressView(job: BulkProgressState): BulkProgressView {
  const { status } = job;
  if (status === "cancelled") return { done: 0, summary: { key: "progress.cancelled" } };
  if (status === "queued" || status === "scheduled") return { done: 0, summary: { key: "progress.queued", values: { rows: job.total - job.failed, failed: job.failed } } };
  return { done: job.done, summary: { key: "progress.text", values: { done: job.done, total: job.total, percent: jobPercent(job.done, job.total), failed: job.failed } } };
}
