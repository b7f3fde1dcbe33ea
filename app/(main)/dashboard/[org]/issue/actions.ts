"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { AppError, parseInput } from "@/lib/errors";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { issueCredentialSchema } from "@/lib/issuing/schemas";
import { cancelScheduledIssue, scheduleIssue } from "@/lib/issuing/scheduled/schedule-issue";
import { scheduleFieldsSchema, scheduleFrom } from "@/lib/issuing/scheduled/schemas";

const optional = z.preprocess((value) => (value === "" ? undefined : value), safeText().optional());

const issueFormSchema = z.object({
  achievementId: safeText(),
  email: safeText(),
  name: optional,
  validFrom: optional,
  validUntil: optional,
  evidenceUrl: optional,
  evidenceNarrative: optional,
  result: optional,
  message: z.preprocess((value) => (value === "" ? undefined : value), safeText().trim().max(2000).optional()),
  ...scheduleFieldsSchema.shape,
});

// Where the API's field names appear in this form.
const FORM_FIELD: Record<string, string> = {
  "recipient.email": "email",
  "recipient.name": "name",
  "evidence.0.id": "evidenceUrl",
  "evidence.0.narrative": "evidenceNarrative",
};

export const issueCredentialAction = orgAction(
  { role: REQUIRED_ROLE["credentials:issue"], schema: issueFormSchema },
  async (form, ctx) => {
    let input;
    try {
      // The same schema the REST API parses with, so both accept and refuse the same things.
      input = parseInput(issueCredentialSchema, {
        achievementId: form.achievementId,
        recipient: { email: form.email, name: form.name },
        validFrom: form.validFrom,
        validUntil: form.validUntil,
        evidence: form.evidenceUrl || form.evidenceNarrative ? [{ id: form.evidenceUrl, narrative: form.evidenceNarrative }] : [],
        result: form.result,
      });
    } catch (error) {
      if (!(error instanceof AppError) || !error.fields) throw error;
      const fields = Object.fromEntries(Object.entries(error.fields).map(([path, issue]) => [FORM_FIELD[path] ?? path, issue]));
      throw new AppError(error.code, error.message, fields);
    }
    const actor = { userId: ctx.user.id, ip: ctx.ip };
    const schedule = scheduleFrom(form, new Date());
    if (schedule) {
      const scheduled = await scheduleIssue(ctx.org.id, input, schedule, { message: form.message, actor });
      revalidatePath(`/dashboard/${ctx.org.slug}/issue`);
      return { scheduled: true as const, id: scheduled.id, sendAt: scheduled.sendAt.toISOString(), timeZone: scheduled.timeZone, email: input.recipient.email };
    }
    const issued = await issueCredential(ctx.org.id, input, { message: form.message, actor });
    revalidatePath(`/dashboard/${ctx.org.slug}/credentials`);
    return { scheduled: false as const, id: issued.id, url: issued.url, email: input.recipient.email };
  },
);

export const cancelScheduledIssueAction = orgAction(
  { role: REQUIRED_ROLE["credentials:issue"], schema: z.object({ scheduledIssueId: safeText().trim().min(1).max(100) }) },
  async ({ scheduledIssueId }, ctx) => {
    await cancelScheduledIssue(ctx.org.id, scheduledIssueId, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(`/dashboard/${ctx.org.slug}/issue`);
  },
);
