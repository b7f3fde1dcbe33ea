"use server";

import { z } from "zod";
import { ltiAction } from "@/lib/auth/guard";
import { saveAwardRule, syncAfterSave, syncNow } from "@/lib/lti/awards";
import { deepLinkingResponse } from "@/lib/lti/deep-linking";
import { awardRuleInputSchema, pickAchievementSchema } from "@/lib/lti/schemas";

// The tool page inside a learning platform: everything these act on comes from the launch the
// form's token names (its organization, platform and place in the course), never from ids in the form.

/** Deep linking: the instructor's choice, answered with the signed response the browser posts back to the platform. */
export const pickAchievementAction = ltiAction({ role: "instructor", message: "deepLinking", schema: pickAchievementSchema }, async (input, ctx) =>
  deepLinkingResponse(ctx, input.achievementId),
);

/** The award rule of this place in the course, then a first sync (the rule stays saved when the platform does not answer). */
export const saveAwardRuleAction = ltiAction({ role: "instructor", message: "resource", schema: awardRuleInputSchema }, async (input, ctx) => {
  await saveAwardRule(ctx, input);
  return syncAfterSave(ctx);
});

export const syncAwardRuleAction = ltiAction({ role: "instructor", message: "resource", schema: z.object({}) }, async (_input, ctx) => syncNow(ctx));
