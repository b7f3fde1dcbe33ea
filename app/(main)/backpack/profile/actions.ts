"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/auth/guard";
import { profileSettingsSchema, updateProfileSettings } from "@/lib/backpack/profile";

export const updateProfileSettingsAction = userAction({ schema: profileSettingsSchema }, async (input, { user }) => {
  const saved = await updateProfileSettings(user.id, input);
  revalidatePath("/backpack/profile");
  return { handle: saved.handle, profilePublic: saved.profilePublic };
});
