"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { addEmail, sendVerification, updateProfile } from "@/lib/auth/account";
import { userAction } from "@/lib/auth/guard";
import { addEmailSchema, profileSchema } from "@/lib/auth/schemas";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

export const updateProfileAction = userAction({ schema: profileSchema }, async (input, { user }) => {
  await updateProfile(user.id, input);
  // The interface follows the saved language at once.
  (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
  revalidatePath("/account");
});

export const addEmailAction = userAction({ schema: addEmailSchema }, async ({ email }, { user }) => {
  await addEmail(user.id, email, user.locale);
  revalidatePath("/account");
  return { email };
});

export const resendVerificationAction = userAction({ schema: z.object({ emailId: safeText().min(1).max(100) }) }, async ({ emailId }, { user }) => {
  const address = await db.userEmail.findFirst({ where: { id: emailId, userId: user.id, verifiedAt: null } });
  if (!address) throw new AppError("not_found", "Address not found");
  await sendVerification(user.id, address.email, user.locale);
  return { email: address.email };
});
