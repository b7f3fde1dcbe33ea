import { z } from "zod";
import { safeText } from "@/lib/text";
import { defineJob } from "@/lib/jobs/define";

export const bulkIssueJob = defineJob({
  name: "credential.bulk-issue",
  description: "Issue the pending rows of a bulk job (CSV upload or API)",
  schema: z.object({ jobId: safeText().min(1).max(100) }),
  // Loaded when a job runs: the runner reaches lib/jobs, which lists this definition.
  handler: async ({ jobId }, context) => (await import("./run-job")).handleBulkIssue(jobId, context),
  // A run holds its job's lock, which dies with its process: a worker that starts (and every
  // worker, periodically) queues again the jobs whose run died, and the retry resumes from the
  // rows. Runs hand over every two minutes, so the queue's own expiry is a late safety net.
  recover: async (requeue) => void (await import("./run-job")).recoverBulkJobs(requeue),
  options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60 },
  concurrency: 1,
  pollingIntervalSeconds: 1,
});
