import { locales } from "@/lib/i18n/config";
import type { CardRef } from "./prerender-job";
import { cardPng } from "./serve";
import { cardHead } from "./version";

/**
 * Renders each card's current version in every language into the shared table (and this
 * process's memory). A card that no longer exists or is hidden has no head and is skipped.
 */
export async function renderCards(cards: CardRef[], now = new Date()): Promise<{ rendered: number; skipped: number }> {
  let rendered = 0;
  let skipped = 0;
  for (const card of cards) {
    const head = await cardHead(card.kind, card.id, now);
    if (!head) {
      skipped++;
      continue;
    }
    for (const locale of locales) {
      if (await cardPng(head, locale, now)) rendered++;
    }
  }
  return { rendered, skipped };
}
