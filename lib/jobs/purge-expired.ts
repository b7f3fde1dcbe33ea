import { z } from "zod";
import { db } from "@/lib/db";
import { defineJob } from "./define";

const DAY_MS = 24 * 60 * 60 * 1000;

export type PurgeResult = {
  verificationTokens: number;
  passwordResetTokens: number;
  rateLimits: number;
  idempotencyRecords: number;
  oauthCodes: number;
  oauthTokens: number;
  oauthClients: number;
  renderedCards: number;
};

/** How long an app registered for the Open Badges API may wait for its first learner. */
export const UNUSED_OAUTH_CLIENT_DAYS = 30;

/**
 * How long a rendered share card is kept without being rendered again: a card still shared is
 * rendered anew when next asked for; one of a deleted or long-changed record goes.
 */
export const RENDERED_CARD_RETENTION_DAYS = 30;

/** How long a POST's Idempotency-Key is honoured: well past any client's retry window. */
export const IDEMPOTENCY_RETENTION_DAYS = 7;

/**
 * Deletes rows the app only needs for a while:
 * - magic-link tokens (`VerificationToken`) past their expiry,
 * - password reset tokens that expired more than a day ago (kept a day so a late click can still
 *   be told "this link expired" rather than "unknown link"),
 * - rate-limit windows that started more than a day ago (every limit's window is shorter),
 * - stored API answers for Idempotency-Keys older than the retention period,
 * - Open Badges API authorization codes past their expiry, token pairs no longer usable (the
 *   refresh token expired, or the access token when there is none), and registered apps no
 *   learner connected within 30 days,
 * - rendered share cards stored more than 30 days ago (each slot keeps only its newest render).
 */
export async function purgeExpired(now: Date = new Date()): Promise<PurgeResult> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const verificationTokens = await db.verificationToken.deleteMany({ where: { expires: { lt: now } } });
  const passwordResetTokens = await db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: dayAgo } } });
  const rateLimits = await db.rateLimit.deleteMany({ where: { windowStart: { lt: dayAgo } } });
  const idempotencyRecords = await db.idempotencyRecord.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * DAY_MS) } },
  });
  const oauthCodes = await db.oAuthAuthorizationCode.deleteMany({ where: { expiresAt: { lt: now } } });
  const oauthTokens = await db.oAuthToken.deleteMany({
    where: { OR: [{ refreshTokenExpiresAt: { lt: now } }, { refreshTokenHash: null, accessTokenExpiresAt: { lt: now } }] },
  });
  const oauthClients = await db.oAuthClient.deleteMany({
    where: { grants: { none: {} }, createdAt: { lt: new Date(now.getTime() - UNUSED_OAUTH_CLIENT_DAYS * DAY_MS) } },
  });
  const renderedCards = await db.renderedCard.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RENDERED_CARD_RETENTION_DAYS * DAY_MS) } } });
  return {
    verificationTokens: verificationTokens.count,
    passwordResetTokens: passwordResetTokens.count,
    rateLimits: rateLimits.count,
    idempotencyRecords: idempotencyRecords.count,
    oauthCodes: oauthCodes.count,
    oauthTokens: oauthTokens.count,
    oauthClients: oauthClients.count,
    renderedCards: renderedCards.count,
  };
}

export const purgeExpiredJob = defineJob({
  name: "maintenance.purge-expired",
  description: "Deletes expired sign-in tokens, password reset tokens, rate-limit windows, old idempotency records, and spent Open Badges API codes, tokens and unused apps, and share cards not rendered for 30 days.",
  schema: z.object({}),
  handler: async () => purgeExpired(),
  // Hourly; the output (counts) is kept on the job row.
  schedule: { cron: "0 * * * *", data: {} },
  // One run at a time; a run that fails is tried again a minute later, then two.
  options: { policy: "singleton", retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
  // Latency does not matter for an hourly job: poll rarely.
  pollingIntervalSeconds: 30,
});
