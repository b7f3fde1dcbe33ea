// Background jobs: `enqueue` from anywhere on the server; workers run in the app process (Next's
// instrumentation hook) or in `npm run worker`.
export {
  enqueue,
  enqueueInTransaction,
  getJob,
  queueBoss,
  queueInfo,
  startQueue,
  stopQueue,
  type EnqueueOptions,
  type JobInfo,
  type JobState,
  type QueueInfo,
  type StartQueueOptions,
  type TransactionSql,
} from "./queue";
export { defineJob, type JobContext, type JobDefinition, type JobQueueOptions } from "./define";
export { registeredJobs, type JobData, type JobName } from "./registry";
