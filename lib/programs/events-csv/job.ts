import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { safeText } from "@/lib/text";

export const eventsCsvJob = defineJob({
  name: "program.events-csv",
  description: "Feed the events of an uploaded CSV file to a program, a thousand at a time",
  schema: z.object({ jobId: safeText().min(1).max(100) }),
  // Loaded when a job runs: the runner reaches lib/jobs, which lists this definition.
  handler: async ({ jobId }, context) => (await import("./run-job")).handleEventsCsv(jobId, context),
  // A run whose process died is queued again; it resumes after the rows already done.
  recover: async (requeue) => void (await import("./run-job")).recoverEventsCsvJobs(requeue),
  options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 },
  concurrency: 1,
  pollingIntervalSeconds: 1,
});
