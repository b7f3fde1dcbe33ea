import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { CARD_KINDS, type CardKind } from "./version";

/**
 * Share cards rendered in the background when what they show changes (a credential issued,
 * claimed or revoked, an achievement renamed or redesigned, an organization's brand), so the
 * first crawler of a shared link gets a stored card instead of waiting for a render.
 */
export type CardRef = { kind: CardKind; id: string };

export const MAX_CARDS_PER_JOB = 100;

export const renderCardsJob = defineJob({
  name: "cards.render",
  description: "Renders share cards ahead of their first visitor, in every language",
  schema: z.object({ cards: z.array(z.object({ kind: z.enum(CARD_KINDS), id: z.string().min(1).max(200) })).min(1).max(MAX_CARDS_PER_JOB) }),
  handler: async ({ cards }) => (await import("./prerender-run")).renderCards(cards),
  options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 10 * 60 },
  // Rendering is CPU work on the render pool's threads: one job at a time per process.
  concurrency: 1,
  pollingIntervalSeconds: 2,
});

