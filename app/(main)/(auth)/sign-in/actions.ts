"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { resendSignUpLink } from "@/lib/auth/account";
import { publicAction } from "@/lib/auth/guard";
import { hitRateLimit, LIMITS } from "@/lib/auth/rate-limit";
import { emailSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";

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
