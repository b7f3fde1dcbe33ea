import { enqueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { MAX_CARDS_PER_JOB, type CardRef } from "./prerender-job";

export type { CardRef } from "./prerender-job";

/**
 * Queues renders of these cards. Never fails the change that asked: a card not rendered now is
 * rendered on its first visit, as before.
 */
export async function queueCardRenders(cards: CardRef[]): Promise<void> {
  for (let start = 0; start < cards.length; start += MAX_CARDS_PER_JOB) {
    const chunk = cards.slice(start, start + MAX_CARDS_PER_JOB);
    await enqueue("cards.render", { cards: chunk }).catch((error: unknown) => log.warn({ err: error, cards: chunk.length }, "could not queue card renders"));
  }
}
