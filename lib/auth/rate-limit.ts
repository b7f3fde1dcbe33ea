import { db } from "@/lib/db";

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Counts one hit against `key` in a fixed window, atomically in the database so every app
 * instance shares the count. Returns whether this hit is within `limit`.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    VALUES (${key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds})
                     THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds})
                     THEN now() ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
  const { count, windowStart } = rows[0];
  const resetsAt = new Date(windowStart).getTime() + windowSeconds * 1000;
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - Date.now()) / 1000)),
  };
}

/** Clears a key, e.g. an account's failed sign-in count after a successful sign-in. */
export async function resetRateLimit(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/**
 * Limits for sign-in and other unauthenticated endpoints, in one place. Per-IP limits leave
 * room for a classroom behind one school NAT. Guessing at one account is limited per account
 * and IP; the looser per-account limit (more than one IP can spend in its window: 10 per 15
 * minutes is 40 an hour) stops a guesser spread over many networks without letting one network
 * lock the owner out.
 */
export const LIMITS = {
  signInPerIp: { limit: 100, windowSeconds: 15 * 60 },
  signInPerAccountAndIp: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAccount: { limit: 60, windowSeconds: 60 * 60 },
  emailLinksPerAddress: { limit: 5, windowSeconds: 60 * 60 },
  signUpPerIp: { limit: 50, windowSeconds: 60 * 60 },
} as const;
