"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { signatureFromUpload } from "@/lib/design/certificate-signature";
import { certificateTemplateSchema } from "@/lib/design/certificate-template";
import { badgeImageFromUpload } from "@/lib/design/uploads";
import { db } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { createAchievement, setAchievementArchived, updateAchievement, type ImageChoice } from "@/lib/issuing/achievements";
import { achievementFormSchema } from "@/lib/issuing/schemas";

export const saveAchievementAction = orgAction(
  { role: REQUIRED_ROLE["achievements:design"], schema: achievementFormSchema },
  async ({ imageSource, imageFile, achievementId, signatureChanges, ...input }, ctx) => {
    // Every check (the upload included) runs before anything is written.
    let choice: ImageChoice = { keep: true };
    if (imageSource === "upload") {
      if (imageFile) choice = { upload: await badgeImageFromUpload(imageFile) };
      else if (!achievementId) throw fieldError("imageFile", "required");
    }
    if (input.certificate) {
      // A signer keeps the signature saved for its form row unless a new one is uploaded or it is removed.
      const current = achievementId
        ? await db.achievement.findFirst({ where: { id: achievementId, organizationId: ctx.org.id }, select: { certificate: true } })
        : null;
      const previous = certificateTemplateSchema.safeParse(current?.certificate ?? null);
      const signers = [];
      for (const [i, { signature: _ignored, ...signer }] of input.certificate.signers.entries()) {
        const change = signatureChanges[i];
        let signature = previous.success && change ? previous.data.signers[change.slot]?.signature : undefined;
        if (change?.file) signature = await signatureFromUpload(change.file, change.field);
        else if (change?.remove) signature = undefined;
        signers.push(signature ? { ...signer, signature } : signer);
      }
      input.certificate = { ...input.certificate, signers };
    }
    const actor = { userId: ctx.user.id, ip: ctx.ip };
    const saved = achievementId
      ? await updateAchievement(ctx.org.id, achievementId, input, actor, choice)
      : await createAchievement(ctx.org.id, input, actor, choice);
    revalidatePath(`/dashboard/${ctx.org.slug}/achievements`, "layout");
    return { id: saved.id, version: saved.version };
  },
);

export const archiveAchievementAction = orgAction(
  { role: REQUIRED_ROLE["achievements:design"], schema: z.object({ achievementId: safeText().min(1).max(100), archived: z.enum(["true", "false"]) }) },
  async (input, ctx) => {
    await setAchievementArchived(ctx.org.id, input.achievementId, input.archived === "true", { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(`/dashboard/${ctx.org.slug}/achievements`, "layout");
  },
);
