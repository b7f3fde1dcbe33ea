import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";

export const emailSenderRecheckJob = defineJob({
  name: "email.sender-recheck",
  description: "Look up organizations' email sender DNS records again",
  schema: z.object({}).strict(),
  // Loaded when it runs: the sender module reaches lib/jobs through the mailer's callers.
  handler: async () => ({ checked: await (await import("./sender")).recheckEmailSenders() }),
  schedule: { cron: "23 * * * *", data: {} },
  options: { retryLimit: 1, expireInSeconds: 15 * 60, policy: "singleton" },
});
