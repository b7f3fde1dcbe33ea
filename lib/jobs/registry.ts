// Every background job Laurel runs. A feature adds its job here: write it with `defineJob`
// (see purge-expired.ts), export it, and list it below; `enqueue` is then typed by its name and
// data, and every process that runs workers serves it.
import type { JobDefinition } from "./define";
import { bulkIssueJob } from "@/lib/issuing/bulk/job";
import { scheduledDispatchJob } from "@/lib/issuing/scheduled/job";
import { emailSenderRecheckJob } from "@/lib/email/sender/job";
import { claimEmailJob, revokedEmailJob } from "@/lib/issuing/claim-email";
import { purgeExpiredJob } from "./purge-expired";
import { analyticsRollupJob } from "@/lib/analytics/rollup";
import { eventsCsvJob } from "@/lib/programs/events-csv/job";
import { engagementEmailsJob } from "@/lib/email/engagement/job";
import { webhooksDeliverJob, webhooksFeedJob } from "@/lib/webhooks/jobs";
import { renderCardsJob } from "@/lib/cards/prerender-job";
import { applyRuleJob, issueAwardsJob, laurelFeedJob, loyaltyJob, retryAwardsJob } from "@/lib/programs/jobs";
import { ltiPurgeJob, ltiSyncJob } from "@/lib/lti/jobs";

export const registeredJobs = [purgeExpiredJob, claimEmailJob, revokedEmailJob, bulkIssueJob, analyticsRollupJob,
  eventsCsvJob, issueAwardsJob, retryAwardsJob, laurelFeedJob, loyaltyJob, applyRuleJob, engagementEmailsJob, webhooksDeliverJob, webhooksFeedJob, renderCardsJob, scheduledDispatchJob,
  emailSenderRecheckJob, ltiSyncJob, ltiPurgeJob] as const;

type Registered = (typeof registeredJobs)[number];

export type JobName = Registered["name"];

export type JobData<N extends JobName> =
  Extract<Registered, { name: N }> extends JobDefinition<infer D, N> ? D : never;
