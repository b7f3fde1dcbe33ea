import { z } from "zod";
import { db } from "@/lib/db";
import { defineJob } from "./define";

const DAY_MS = 24 * 60 * 60 * 1000;

export type PurgeResult = {
  verificationTokens: number;
  passwordResetTokens: number;
  rateLimits: number;
  idempotencyRecords: number;
};

/** How long a POST's Idempotency-Key is honoured: well past any client's retry window. */
export const IDEMPOTENCY_RETENTION_DAYS = 7;

/**
 * Deletes rows the app only needs for a while:
 * - magic-link tokens (`VerificationToken`) past their expiry,
 * - password reset tokens that expired more than a day ago (kept a day so a late click can still
 *   be told "this link expired" rather than "unknown link"),
 * - rate-limit windows that started more than a day ago (every limit's window is shorter),
 * - stored API answers for Idempotency-Keys older than the retention period.
 */
export async function purgeExpired(now: Date = new Date()): Promise<PurgeResult> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const verificationTokens = await db.verificationToken.deleteMany({ where: { expires: { lt: now } } });
  const passwordResetTokens = await db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: dayAgo } } });
  const rateLimits = await db.rateLimit.deleteMany({ where: { windowStart: { lt: dayAgo } } });
  const idempotencyRecords = await db.idempotencyRecord.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * DAY_MS) } },
  });
  return {
    verificationTokens: verificationTokens.count,
    passwordResetTokens: passwordResetTokens.count,
    rateLimits: rateLimits.count,
    idempotencyRecords: idempotencyRecords.count,
  };
}

export const purgeExpiredJob = defineJob({
  name: "maintenance.purge-expired",
  description: "Deletes expired sign-in tokens, password reset tokens, rate-limit windows and old idempotency records.",
  schema: z.object({}),
  handler: async () => purgeExpired(),
  // Hourly; the output (counts) is kept on the job row.
  schedule: { cron: "0 * * * *", data: {} },
  // One run at a time; a run that fails is tried again a minute later, then two.
  options: { policy: "singleton", retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
  // Latency does not matter for an hourly job: poll rarely.
  pollingIntervalSeconds: 30,
});
