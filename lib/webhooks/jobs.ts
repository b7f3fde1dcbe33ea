import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { idSchema } from "@/lib/ids";

// Handlers load their module when they run: the runner reaches lib/jobs, which lists these.

/**
 * One attempt at one delivery; a failed attempt queues the next one for when it is due. The
 * delivery's state lives in its row, so a job lost with a process is found again by `recover`.
 */
export const webhooksDeliverJob = defineJob({
  name: "webhooks.deliver",
  description: "Send one webhook event to one endpoint, and schedule its retry when it fails.",
  schema: z.object({ deliveryId: idSchema }),
  handler: async ({ deliveryId }) => {
    const { attemptDelivery } = await import("./deliver");
    const outcome = await attemptDelivery(deliveryId);
    if (outcome.state === "pending") {
      const { enqueue } = await import("@/lib/jobs/queue");
      await enqueue("webhooks.deliver", { deliveryId }, { startAfter: outcome.nextAttemptAt });
    }
    return outcome;
  },
  recover: async (requeue) => {
    const { overdueDeliveries } = await import("./deliver");
    for (const deliveryId of await overdueDeliveries()) await requeue({ deliveryId });
  },
  // The attempt records its own failures and retries; a job retry covers only a crash before that.
  options: { retryLimit: 2, retryDelay: 5, expireInSeconds: 120 },
  // Up to 2 × 25 attempts in flight, fetched every second: at most 50 deliveries a second per
  // process when endpoints answer at once, and a slow endpoint (10 s at worst) holds one batch.
  // An attempt is safe to run twice: it only sends a delivery it claims while due.
  concurrency: 2,
  batchSize: 25,
  pollingIntervalSeconds: 1,
});

/** How often the feed reads the credential timeline while it runs. */
const FEED_EVERY_MS = 1000;
/** A feed run lasts about this long; the minute's cron starts the next one. */
const FEED_RUN_MS = 55_000;

/**
 * Turns credential events into webhook events about once a second: one run per minute (the cron
 * starts it, the singleton policy keeps it single) that reads the timeline every second until
 * the minute ends or the process stops.
 */
export const webhooksFeedJob = defineJob({
  name: "webhooks.feed",
  description: "Turn credential events (issued, claimed, shared, revoked…) into webhook events.",
  schema: z.object({}),
  handler: async (_data, { signal }) => {
    const { feedCredentialEvents, pruneFeedSkips } = await import("./emit");
    await pruneFeedSkips();
    const until = Date.now() + FEED_RUN_MS;
    let fed = 0;
    while (!signal.aborted) {
      fed += await feedCredentialEvents();
      if (Date.now() + FEED_EVERY_MS > until) break;
      await sleep(FEED_EVERY_MS, undefined, { signal }).catch(() => undefined);
    }
    return { fed };
  },
  schedule: { cron: "* * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 1, retryDelay: 5, expireInSeconds: 5 * 60 },
  pollingIntervalSeconds: 5,
});
