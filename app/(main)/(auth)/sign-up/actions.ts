"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { publicAction } from "@/lib/auth/guard";
import { signUp } from "@/lib/auth/account";
import { signUpSchema } from "@/lib/auth/schemas";

const signUpFormSchema = signUpSchema.extend({ callbackUrl: z.string().max(2048).optional() });

/** Answers the same whether the address has an account or not (see signUp). */
export const signUpAction = publicAction({ schema: signUpFormSchema }, async ({ callbackUrl, ...input }, { ip }) =>
  signUp(input, { ip, locale: await getLocale(), callbackUrl }),
);
