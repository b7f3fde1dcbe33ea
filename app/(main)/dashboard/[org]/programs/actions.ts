"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { idSchema } from "@/lib/ids";
import { addRuleFromDesigner, countDraftRule, programImageFromUpload, programJobProgress, saveProgramForm, tryEvent } from "@/lib/programs/designer";
import { programFormSchema, ruleFormSchema, testEventFormSchema } from "@/lib/programs/forms";
import { saveLeaderboardSettings } from "@/lib/programs/leaderboard";
import { deleteRule, setProgramArchived, setProgramImage } from "@/lib/programs/manage";
import { leaderboardSettingsSchema } from "@/lib/programs/schemas";
import { revalidatePublicPages } from "@/lib/public/cache";

const programsPath = (slug: string) => `/dashboard/${slug}/programs`;

// Designing and trying need the plan's "programs" feature; archiving and deleting a rule do not,
// so an organization that left the plan can still wind its programs down.

export const saveProgramAction = orgAction({ role: REQUIRED_ROLE["programs:design"], schema: programFormSchema, feature: "programs" }, async (input, ctx) => {
  const saved = await saveProgramForm(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(programsPath(ctx.org.slug), "layout");
  revalidatePublicPages.program(saved.id);
  return saved;
});

export const addRuleAction = orgAction({ role: REQUIRED_ROLE["programs:design"], schema: ruleFormSchema, feature: "programs" }, async (input, ctx) => {
  const outcome = await addRuleFromDesigner(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
  if (outcome.status !== "confirm") {
    revalidatePath(programsPath(ctx.org.slug), "layout");
    revalidatePublicPages.program(input.programId);
  }
  return outcome;
});

/** The live count beside a rule being drafted; read-only, for the admin drafting it. */
export const countDraftRuleAction = orgAction(
  { role: REQUIRED_ROLE["programs:design"], schema: ruleFormSchema, feature: "programs" },
  async (input, ctx) => ({ count: await countDraftRule(ctx.org.id, input.programId, input.draft) }),
);

export const programJobAction = orgAction(
  { role: REQUIRED_ROLE["programs:read"], schema: z.object({ programId: idSchema, jobId: idSchema }) },
  async (input, ctx) => programJobProgress(ctx.org.id, input.programId, input.jobId),
);

export const deleteRuleAction = orgAction(
  { role: REQUIRED_ROLE["programs:design"], schema: z.object({ programId: idSchema, ruleId: idSchema }) },
  async (input, ctx) => {
    await deleteRule(ctx.org.id, input.programId, input.ruleId, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(programsPath(ctx.org.slug), "layout");
    revalidatePublicPages.program(input.programId);
  },
);

export const archiveProgramAction = orgAction(
  { role: REQUIRED_ROLE["programs:design"], schema: z.object({ programId: idSchema, archived: z.enum(["true", "false"]) }) },
  async (input, ctx) => {
    await setProgramArchived(ctx.org.id, input.programId, input.archived === "true", { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(programsPath(ctx.org.slug), "layout");
    revalidatePublicPages.program(input.programId);
  },
);

export const programImageAction = orgAction(
  {
    role: REQUIRED_ROLE["programs:design"],
    feature: "programs",
    schema: z.object({ programId: idSchema, image: z.instanceof(File).optional(), removeImage: z.enum(["on"]).optional() }),
  },
  async (input, ctx) => {
    const upload = input.image && input.image.size > 0 ? input.image : undefined;
    // Checked through the image intake before anything is written.
    const image = upload ? await programImageFromUpload(upload) : input.removeImage ? null : undefined;
    if (image === undefined) return;
    await setProgramImage(ctx.org.id, input.programId, image, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(programsPath(ctx.org.slug), "layout");
    revalidatePublicPages.program(input.programId);
  },
);

/** The program's leaderboard: off, or on with a metric, a period and a size. */
export const leaderboardSettingsAction = orgAction({ role: REQUIRED_ROLE["programs:design"], schema: leaderboardSettingsSchema }, async (input, ctx) => {
  await saveLeaderboardSettings(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(programsPath(ctx.org.slug), "layout");
  revalidatePublicPages.program(input.programId);
});

/** Test mode: a dry run through the engine (nothing is written), so the same role that sends events may try one. */
export const testEventAction = orgAction({ role: REQUIRED_ROLE["programs:events"], schema: testEventFormSchema, feature: "programs" }, async (input, ctx) => tryEvent(ctx.org.id, input));
