import { z } from "zod";
import { safeText } from "@/lib/text";
import { defineJob } from "@/lib/jobs/define";

export const bulkIssueJob = defineJob({
  name: "credential.bulk-issue",
  description: "Issue the pending rows of a bulk job (CSV upload or API)",
  schema: z.object({ jobId: safeText().min(1).max(100) }),
  // Loaded when a job runs: the runner reaches lib/jobs, which lists this definition.
  handler: async ({ jobId }, context) => (await import("./run-job")).handleBulkIssue(jobId, context),
  // A retry resumes from the rows. Runs hand over every two minutes, so a run killed with its
  // process expires, and is retried, five minutes after it started at most.
  options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60 },
  concurrency: 1,
  pollingIntervalSeconds: 1,
});
