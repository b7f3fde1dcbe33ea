"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { awardEmailSchema, saveAwardEmail } from "@/lib/issuing/award-email";
import { sendTestToSelf } from "@/lib/issuing/send-test";
import { safeText } from "@/lib/text";

const achievementIdSchema = safeText().trim().min(1).max(100);

export const saveAwardEmailAction = orgAction(
  { role: REQUIRED_ROLE["achievements:design"], schema: awardEmailSchema.extend({ achievementId: achievementIdSchema }) },
  async ({ achievementId, ...input }, ctx) => {
    await saveAwardEmail(ctx.org.id, achievementId, input, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(`/dashboard/${ctx.org.slug}/achievements/${achievementId}`);
  },
);

export const sendTestToSelfAction = orgAction(
  { role: REQUIRED_ROLE["credentials:issue"], schema: z.object({ achievementId: achievementIdSchema }) },
  async ({ achievementId }, ctx) => {
    const issued = await sendTestToSelf(ctx.org.id, achievementId, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(`/dashboard/${ctx.org.slug}/credentials`);
    return { id: issued.id, email: issued.email };
  },
);
