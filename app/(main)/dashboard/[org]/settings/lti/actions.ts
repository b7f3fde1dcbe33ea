"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { idSchema } from "@/lib/ids";
import { registerPlatform, removePlatform } from "@/lib/lti/platforms";
import { platformInputSchema } from "@/lib/lti/schemas";

export const registerPlatformAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: platformInputSchema, feature: "lti" }, async (input, ctx) => {
  await registerPlatform(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings/lti`);
});

// Removing needs no plan: an organization that left its plan can still clean up.
export const removePlatformAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: z.object({ platformId: idSchema }) }, async (input, ctx) => {
  await removePlatform(ctx.org.id, input.platformId, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings/lti`);
});
