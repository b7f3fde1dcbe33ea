"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { addEmail, listEmails, removePendingEmail, sendVerification, signOutEverywhere, updateProfile } from "@/lib/auth/account";
import { userAction } from "@/lib/auth/guard";
import { addEmailSchema, profileSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { idSchema } from "@/lib/ids";
import { disconnectApp } from "@/lib/ob-api/grants";

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

/** A new link for an address of this account that is not proven yet. */
export const resendVerificationAction = userAction({ schema: addEmailSchema }, async ({ email }, { user }) => {
  const addresses = await listEmails(user.id);
  if (!addresses.some((address) => address.email === email && !address.verified)) throw new AppError("not_found", "Address not found");
  await sendVerification(user.id, email, user.locale);
  revalidatePath("/account");
  return { email };
});

export const removePendingEmailAction = userAction({ schema: addEmailSchema }, async ({ email }, { user }) => {
  await removePendingEmail(user.id, email);
  revalidatePath("/account");
});

/** Ends every session of this account, this browser's too; the form then signs it out. */
export const signOutEverywhereAction = userAction({ schema: z.object({}) }, async (_input, { user }) => {
  await signOutEverywhere(user.id);
});

/** Disconnects a wallet or platform the learner allowed: its tokens stop working at once. */
export const disconnectAppAction = userAction({ schema: z.object({ grantId: idSchema }) }, async ({ grantId }, { user }) => {
  if (!(await disconnectApp(user.id, grantId))) throw new AppError("not_found", "App not found");
  revalidatePath("/account");
});
