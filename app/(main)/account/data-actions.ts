"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/lib/auth/guard";
import { deleteAccount, deleteAccountSchema } from "@/lib/backpack/delete-account";

export const deleteAccountAction = userAction({ schema: deleteAccountSchema }, async ({ confirm }, { user }) => {
  await deleteAccount(user.id, confirm);
  // The session reads the account from the database, so it ends with the account.
  redirect("/");
});
