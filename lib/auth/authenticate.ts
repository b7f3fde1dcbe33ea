import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hitRateLimit, LIMITS, resetRateLimit } from "./rate-limit";
import { verifyAgainstDecoy, verifyPassword } from "./password";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export type AuthenticatedUser = { id: string; email: string; name: string | null };

/**
 * Checks an email and password. Wrong address and wrong password answer the same (null) and
 * take the same time. Attempts are limited per IP and per account; over the limit it throws
 * `rate_limited` whatever the password.
 */
export async function authenticateWithPassword(input: {
  email: unknown;
  password: unknown;
  ip: string;
}): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const perIp = await hitRateLimit(`sign-in:ip:${input.ip}`, LIMITS.signInPerIp.limit, LIMITS.signInPerIp.windowSeconds);
  const accountKey = `sign-in:account:${email}`;
  const perAccount = await hitRateLimit(accountKey, LIMITS.signInPerAccount.limit, LIMITS.signInPerAccount.windowSeconds);
  if (!perIp.allowed || !perAccount.allowed) {
    const retryAfterSeconds = Math.max(perIp.allowed ? 0 : perIp.retryAfterSeconds, perAccount.allowed ? 0 : perAccount.retryAfterSeconds);
    throw new AppError("rate_limited", "Too many sign-in attempts", undefined, { minutes: Math.ceil(retryAfterSeconds / 60) });
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDecoy(password);
  if (!user || !ok) return null;
  await resetRateLimit(accountKey);
  return { id: user.id, email: user.email, name: user.name };
}
