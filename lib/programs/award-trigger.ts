import { enqueue, queueInfo } from "@/lib/jobs";
import { log } from "@/lib/log";

let draining: Promise<void> | null = null;
/** Organizations whose awards are waiting for this process's drain. */
const requested = new Set<string>();

/**
 * Issues an organization's pending awards in this process now. A drain already running takes the
 * organization on its next pass, so a burst of batches costs one drain, not one each; each
 * organization is drained on its own, so one with a large backlog does not hold up the others'
 * fresh awards (the periodic job works through backlogs).
 */
export function drainAwardsInProcess(organizationId: string): Promise<void> {
  requested.add(organizationId);
  draining ??= (async () => {
    const { issuePendingAwards } = await import("./awards");
    for (let next = first(); next; next = first()) {
      requested.delete(next);
      await issuePendingAwards({ organizationId: next }).catch((error: unknown) =>
        log.error({ err: error, organizationId: next }, "could not issue program awards; the periodic job will retry"),
      );
    }
  })().finally(() => {
    draining = null;
  });
  return draining;
}

const first = () => requested.values().next().value;

/**
 * Called once a batch that awarded something has committed, so the credentials follow within a
 * second or two: in this process when it runs the workers, else through the queue. Without a
 * queue (scripts, tests) nothing happens here; the periodic job is the backstop either way.
 */
export function triggerAwardIssuing(organizationId: string): void {
  const queue = queueInfo();
  if (!queue) return;
  if (queue.workers) {
    void drainAwardsInProcess(organizationId);
    return;
  }
  enqueue("programs.issue-awards", { organizationId }, { singletonKey: organizationId }).catch((error: unknown) =>
    log.warn({ err: error, organizationId }, "could not queue program awards; the periodic job will issue them"),
  );
}
