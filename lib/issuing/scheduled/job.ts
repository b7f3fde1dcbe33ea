import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";

export const scheduledDispatchJob = defineJob({
  name: "issuing.scheduled-dispatch",
  description: "Issue the scheduled credentials and bulk jobs whose time has come",
  schema: z.object({}).strict(),
  // Loaded when it runs: the dispatcher reaches lib/jobs, which lists this definition.
  handler: async () => (await import("./dispatch")).dispatchDueScheduledIssues(),
  // Every minute, whatever was queued for the exact moment: a schedule lives in its table, so a
  // restart, a lost wake-up job or a stopped worker only delays it to the next sweep.
  schedule: { cron: "* * * * *", data: {} },
  options: { retryLimit: 2, retryDelay: 10, expireInSeconds: 15 * 60 },
  pollingIntervalSeconds: 1,
});
