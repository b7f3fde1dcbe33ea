"use server";

import { getLocale } from "next-intl/server";
import { requestPasswordReset, resetPassword } from "@/lib/auth/account";
import { publicAction } from "@/lib/auth/guard";
import { requestPasswordResetSchema, resetPasswordSchema } from "@/lib/auth/schemas";

export const requestPasswordResetAction = publicAction({ schema: requestPasswordResetSchema }, async ({ email }) => {
  await requestPasswordReset(email, await getLocale());
});

export const resetPasswordAction = publicAction({ schema: resetPasswordSchema }, async ({ token, password }) => {
  await resetPassword(token, password);
});
