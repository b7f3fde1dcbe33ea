import { enqueue, queueInfo } from "@/lib/jobs";
import { log } from "@/lib/log";

let draining: Promise<void> | null = null;
let again = false;

/**
 * Issues the pending awards in this process now: a drain already running takes the new ones on
 * its next pass, so a burst of batches costs one drain, not one each.
 */
export function drainAwardsInProcess(): Promise<void> {
  if (draining) {
    again = true;
    return draining;
  }
  draining = (async () => {
    const { issuePendingAwards } = await import("./awards");
    do {
      again = false;
      await issuePendingAwards();
    } while (again);
  })()
    .catch((error: unknown) => log.error({ err: error }, "could not issue program awards; the periodic job will retry"))
    .finally(() => {
      draining = null;
    });
  return draining;
}

/**
 * Called once a batch that awarded something has committed, so the credentials follow within a
 * second or two: in this process when it runs the workers, else through the queue. Without a
 * queue (scripts, tests) nothing happens here; the periodic job is the backstop either way.
 */
export function triggerAwardIssuing(organizationId: string): void {
  const queue = queueInfo();
  if (!queue) return;
  if (queue.workers) {
    void drainAwardsInProcess();
    return;
  }
  enqueue("programs.issue-awards", { organizationId }, { singletonKey: organizationId }).catch((error: unknown) =>
    log.warn({ err: error, organizationId }, "could not queue program awards; the periodic job will issue them"),
  );
}
