"use server";

import { getLocale } from "next-intl/server";
import { publicAction } from "@/lib/auth/guard";
import { signUp } from "@/lib/auth/account";
import { signUpSchema } from "@/lib/auth/schemas";

export const signUpAction = publicAction({ schema: signUpSchema }, async (input, { ip }) => {
  await signUp(input, { ip, locale: await getLocale() });
});
