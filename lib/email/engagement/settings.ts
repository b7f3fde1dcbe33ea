import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";

/**
 * The organization's email settings as the form sends them: the claim reminder days as a list
 * ("3, 10"; empty for none) and re-engagement on or off with its days.
 */
export const emailSettingsSchema = z
  .object({
    claimReminderDays: z
      .string()
      .trim()
      .max(40)
      .transform((value, ctx) => {
        const parts = value === "" ? [] : value.split(/[\s,;]+/).filter(Boolean);
        const days = parts.map(Number);
        if (days.some((day) => !Number.isInteger(day) || day < 1 || day > 365) || days.length > 5) {
          ctx.addIssue({ code: "custom", message: "invalid_format" });
          return z.NEVER;
        }
        return [...new Set(days)].sort((a, b) => a - b);
      }),
    reEngagementOn: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
    reEngagementDays: z.coerce.number().int().min(7).max(365).optional(),
  })
  .refine((input) => !input.reEngagementOn || input.reEngagementDays !== undefined, { path: ["reEngagementDays"], message: "required" });

export type EmailSettingsInput = z.infer<typeof emailSettingsSchema>;
export type EmailSettings = { claimReminderDays: number[]; reEngagementDays: number | null };

export async function emailSettings(organizationId: string): Promise<EmailSettings> {
  return db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { claimReminderDays: true, reEngagementDays: true } });
}

export async function updateEmailSettings(organizationId: string, input: EmailSettingsInput, actor: { userId: string; ip?: string }): Promise<EmailSettings> {
  return db.$transaction(async (tx) => {
    const saved = await tx.organization.update({
      where: { id: organizationId },
      data: { claimReminderDays: input.claimReminderDays, reEngagementDays: input.reEngagementOn ? input.reEngagementDays! : null },
      select: { claimReminderDays: true, reEngagementDays: true },
    });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "organization.email_settings_updated", data: saved, ip: actor.ip });
    return saved;
  });
}
