import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";

/** Finds and sends the engagement emails due now; every email is once-only, so a rerun is harmless. */
export const engagementEmailsJob = defineJob({
  name: "email.engagement",
  description: "Send the claim and expiry reminders, program nudges and re-engagement emails that are due.",
  schema: z.object({}),
  handler: async () => (await import("./schedule")).sendDueEngagementEmails(new Date()),
  // Every quarter hour: reminders are counted in days, and "you reached" follows the award closely enough.
  schedule: { cron: "*/15 * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 2, retryDelay: 120, expireInSeconds: 30 * 60 },
  // A run queued by hand (or by a test) starts within seconds.
  pollingIntervalSeconds: 5,
});
