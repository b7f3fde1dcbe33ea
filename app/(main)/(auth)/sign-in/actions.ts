"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { resendSignUpLink } from "@/lib/auth/account";
import { publicAction } from "@/lib/auth/guard";
import { hitRateLimit, LIMITS } from "@/lib/auth/rate-limit";
import { emailSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { ssoForAddress } from "@/lib/sso/connections";

/** "Send the link again", offered after a right password for an address not proven yet. */
export const resendSignUpLinkAction = publicAction(
  { schema: z.object({ email: emailSchema, password: z.string().min(1).max(1024) }) },
  async (input, { ip }) => {
    // The password is checked again here: limited like a sign-in attempt.
    const perIp = await hitRateLimit(`sign-in:ip:${ip}`, LIMITS.signInPerIp.limit, LIMITS.signInPerIp.windowSeconds);
    if (!perIp.allowed) throw new AppError("rate_limited", "Too many attempts", undefined, { minutes: Math.ceil(perIp.retryAfterSeconds / 60) });
    await resendSignUpLink(input, await getLocale());
  },
);

/**
 * Whether an address signs in through its organization's single sign-on, and whether that is
 * the only way (enforced): the sign-in form offers the way there before a password is typed.
 */
export const ssoForEmailAction = publicAction({ schema: z.object({ email: emailSchema }) }, async (input, { ip }) => {
  const perIp = await hitRateLimit(`sso:lookup:${ip}`, 60, 60);
  if (!perIp.allowed) throw new AppError("rate_limited", "Too many attempts", undefined, { minutes: 1 });
  const route = await ssoForAddress(input.email);
  return { sso: route !== null, enforced: Boolean(route?.connection.enforce) };
});
