import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AWARD_BODY_MAX, AWARD_PLACEHOLDERS, AWARD_SUBJECT_MAX, awardTextProblems } from "@/lib/email/award-text";
import { fieldError } from "@/lib/errors";
import { safeText } from "@/lib/text";
import { findAchievement } from "./achievements";

const optionalText = (max: number) => z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), safeText().trim().max(max).optional());

export const awardEmailSchema = z.object({
  awardEmailSubject: optionalText(AWARD_SUBJECT_MAX),
  awardEmailBody: optionalText(AWARD_BODY_MAX),
});

export type AwardEmailInput = z.infer<typeof awardEmailSchema>;

/** Refuses unknown placeholders (naming them) and links to anything but the claim page, per field. */
export function checkAwardEmail(input: AwardEmailInput): void {
  for (const field of ["awardEmailSubject", "awardEmailBody"] as const) {
    const text = input[field];
    if (!text) continue;
    const problems = awardTextProblems(text);
    if (problems.unknownPlaceholders.length > 0) {
      throw fieldError(field, "unknown_placeholders", {
        names: problems.unknownPlaceholders.join(", "),
        allowed: AWARD_PLACEHOLDERS.map((name) => `{{${name}}}`).join(", "),
      });
    }
    if (problems.foreignLinks) throw fieldError(field, "link_not_claim_url", { link: "{{claim_url}}" });
  }
}

/**
 * Saves an achievement's own award email (empty fields: Laurel's text). Not a new version of
 * the achievement: the email is not part of what is signed.
 */
export async function saveAwardEmail(organizationId: string, achievementId: string, input: AwardEmailInput, actor: { userId?: string; ip?: string } = {}) {
  checkAwardEmail(input);
  const achievement = await findAchievement(organizationId, achievementId);
  await db.$transaction(async (tx) => {
    await tx.achievement.update({
      where: { id: achievement.id },
      data: { awardEmailSubject: input.awardEmailSubject ?? null, awardEmailBody: input.awardEmailBody ?? null },
    });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "achievement.award_email_updated",
      targetType: "achievement",
      targetId: achievement.id,
      data: { custom: Boolean(input.awardEmailSubject || input.awardEmailBody) },
      ip: actor.ip,
    });
  });
}
