import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";

// LTI's background work. Handlers load their module when they run: the runner reaches lib/jobs,
// which lists these definitions.

/** Award rules of courses: grades and rosters read again, new scores sent to their programs. */
export const ltiSyncJob = defineJob({
  name: "lti.sync-award-rules",
  description: "Read LMS grades and rosters for award rules not synced within the hour, and award badges through their programs.",
  schema: z.object({}),
  handler: async () => (await import("./awards")).syncDueAwardRules(),
  schedule: { cron: "*/15 * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 1, retryDelay: 60, expireInSeconds: 30 * 60 },
  pollingIntervalSeconds: 30,
});

/** Login states, nonces and launches past their lifetime. */
export const ltiPurgeJob = defineJob({
  name: "lti.purge",
  description: "Delete expired LTI login states, nonces and launches.",
  schema: z.object({}),
  handler: async () => (await import("./purge")).purgeExpiredLti(),
  schedule: { cron: "40 * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 1, retryDelay: 300, expireInSeconds: 15 * 60 },
  pollingIntervalSeconds: 60,
});
