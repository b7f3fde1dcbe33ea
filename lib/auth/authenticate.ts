import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ssoEnforcedFor } from "@/lib/sso/connections";
import { provenOwnerOf } from "./addresses";
import { hitRateLimit, LIMITS, resetRateLimit, type RateLimitResult } from "./rate-limit";
import { verifyAgainstDecoy, verifyPassword } from "./password";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

function refuseOver(...results: RateLimitResult[]) {
  const refused = results.filter((result) => !result.allowed);
  if (refused.length === 0) return;
  const retryAfterSeconds = Math.max(...refused.map((result) => result.retryAfterSeconds));
  throw new AppError("rate_limited", "Too many sign-in attempts", undefined, { minutes: Math.ceil(retryAfterSeconds / 60) });
}

export type AuthenticatedUser = { id: string; email: string; name: string | null; sessionVersion: number };

/**
 * Checks an email and password. An address whose domain's organization enforces single sign-on
 * is refused before anything else (`forbidden`, field code `sso_required`). Wrong address and wrong password answer the same (null) and
 * take the same time. A right password for an address not proven yet (a sign-up waiting for
 * its link, an older account) throws `forbidden` with the field code `email_unverified`: the
 * address reserves nothing until its inbox is proven.
 *
 * Attempts are limited per IP, per account and IP, and (more loosely) per account: one network
 * guessing at an account runs out long before the account does, so it cannot lock the owner
 * out from elsewhere. Over a limit it throws `rate_limited` whatever the password.
 */
export async function authenticateWithPassword(input: {
  email: unknown;
  password: unknown;
  ip: string;
}): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // An organization that enforces single sign-on for this address's domain: its IdP decides, not a password.
  if (await ssoEnforcedFor(email)) throw new AppError("forbidden", "Sign in with your organization's single sign-on", { email: { code: "sso_required" } });

  const perIp = await hitRateLimit(`sign-in:ip:${input.ip}`, LIMITS.signInPerIp.limit, LIMITS.signInPerIp.windowSeconds);
  const accountIpKey = `sign-in:account-ip:${email}:${input.ip}`;
  const perAccountIp = await hitRateLimit(accountIpKey, LIMITS.signInPerAccountAndIp.limit, LIMITS.signInPerAccountAndIp.windowSeconds);
  refuseOver(perIp, perAccountIp);
  // Counted only for attempts this network may still make, so one network cannot fill it.
  const accountKey = `sign-in:account:${email}`;
  refuseOver(await hitRateLimit(accountKey, LIMITS.signInPerAccount.limit, LIMITS.signInPerAccount.windowSeconds));

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
  });
  let ok: boolean;
  let waitingSignUp = false;
  if (user?.passwordHash) {
    ok = await verifyPassword(password, user.passwordHash);
  } else {
    const pending = user
      ? null
      : await db.pendingSignUp.findFirst({
          where: { email, expiresAt: { gt: new Date() } },
          orderBy: { createdAt: "desc" },
          select: { passwordHash: true },
        });
    ok = pending ? await verifyPassword(password, pending.passwordHash) : await verifyAgainstDecoy(password);
    waitingSignUp = ok;
  }
  if (!ok) return null;
  if (waitingSignUp || !user || (await provenOwnerOf(db, email)) !== user.id) {
    throw new AppError("forbidden", "Confirm your email address first", { email: { code: "email_unverified" } });
  }
  await Promise.all([resetRateLimit(accountIpKey), resetRateLimit(accountKey)]);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
