import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { idSchema } from "@/lib/ids";

// The engine's background work. Handlers load their module when they run: the runner reaches
// lib/jobs, which lists these definitions.

/** Issues pending awards right after the batch that made them commits (see award-trigger.ts). */
export const issueAwardsJob = defineJob({
  name: "programs.issue-awards",
  description: "Issue the pending awards of engagement programs as credentials.",
  schema: z.object({ organizationId: idSchema.optional() }),
  handler: async ({ organizationId }) => (await import("./awards")).issuePendingAwards({ organizationId }),
  options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 10 * 60 },
  pollingIntervalSeconds: 1,
});

/** The backstop: awards a crashed drain left pending, and those waiting for the plan's quota. */
export const retryAwardsJob = defineJob({
  name: "programs.retry-awards",
  description: "Issue program awards still pending, and those waiting for the month's quota when it allows.",
  schema: z.object({}),
  handler: async () => (await import("./awards")).issuePendingAwards({ includeWaiting: true }),
  schedule: { cron: "* * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60 },
  pollingIntervalSeconds: 15,
});

/** Laurel's own credential events (issued, shared, share-link clicks, revoked) into the programs. */
export const laurelFeedJob = defineJob({
  name: "programs.laurel-feed",
  description: "Count credentials earned, shared and share-link clicks for programs, and re-check pathways.",
  schema: z.object({}),
  handler: async () => (await import("./laurel-feed")).feedLaurelEvents(),
  schedule: { cron: "* * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60 },
  pollingIntervalSeconds: 15,
});

/** Loyalty anniversaries of learners who send no events any more. */
export const loyaltyJob = defineJob({
  name: "programs.loyalty",
  description: "Award loyalty-by-months rules to learners past their anniversary.",
  schema: z.object({}),
  handler: async () => (await import("./loyalty")).awardLoyaltyMonths(),
  schedule: { cron: "20 0 * * *", data: {} },
  options: { policy: "singleton", retryLimit: 2, retryDelay: 300, expireInSeconds: 60 * 60 },
  pollingIntervalSeconds: 60,
});

/** Applying a rule to everyone who already qualifies (ProgramJob kind apply_rule). */
export const applyRuleJob = defineJob({
  name: "programs.apply-rule",
  description: "Award a rule to every learner who already qualifies, with progress.",
  schema: z.object({ jobId: idSchema }),
  handler: async ({ jobId }) => (await import("./apply-rule")).runApplyRule(jobId),
  options: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 * 60 },
  pollingIntervalSeconds: 2,
});
