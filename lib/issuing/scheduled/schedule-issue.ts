import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, fieldError, notFound } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { findIssuableAchievement } from "../issuable-achievements";
import type { IssueCredentialInput } from "../schemas";
import type { Schedule } from "./schemas";

type Actor = { userId?: string; ip?: string };

export type ScheduledIssueCreated = { id: string; sendAt: Date; timeZone: string; recipient: string };

/**
 * Schedules one credential: checked now exactly as issuing checks it (the achievement must be
 * issuable), stored with its time, and issued by the dispatcher then. Nothing is signed or sent
 * before that.
 */
export async function scheduleIssue(
  organizationId: string,
  input: IssueCredentialInput,
  schedule: Schedule,
  options: { message?: string; actor?: Actor } = {},
): Promise<ScheduledIssueCreated> {
  const achievement = await findIssuableAchievement(organizationId, input.achievementId);
  if (achievement.evidenceRequired && input.evidence.length === 0) {
    throw new AppError("validation_failed", "This achievement requires evidence", { evidence: { code: "evidence_required" } });
  }
  const created = await db.$transaction(async (tx) => {
    const row = await tx.scheduledIssue.create({
      data: {
        organizationId,
        achievementId: achievement.id,
        kind: "single",
        sendAt: schedule.sendAt,
        timeZone: schedule.timeZone,
        input: input as unknown as Prisma.InputJsonValue,
        message: options.message ?? null,
        recipientCount: 1,
        recipientLabel: input.recipient.email,
        createdById: options.actor?.userId,
      },
    });
    await recordAudit(tx, {
      organizationId,
      actorId: options.actor?.userId,
      action: "scheduled_issue.created",
      targetType: "scheduled_issue",
      targetId: row.id,
      data: { achievementId: achievement.id, sendAt: schedule.sendAt.toISOString(), recipients: 1 },
      ip: options.actor?.ip,
    });
    return row;
  });
  await wakeAt(schedule.sendAt);
  return { id: created.id, sendAt: created.sendAt, timeZone: created.timeZone, recipient: input.recipient.email };
}

/**
 * Asks the queue for a dispatch at the scheduled moment. The minute's sweep would find the issue
 * anyway (this only makes it punctual), so a failure here is logged, not thrown.
 */
export async function wakeAt(sendAt: Date): Promise<void> {
  await enqueue("issuing.scheduled-dispatch", {}, { startAfter: sendAt }).catch((error: unknown) =>
    log.warn({ err: error, sendAt }, "could not queue the scheduled dispatch; the minute's sweep sends it"),
  );
}

export type PendingScheduledIssue = {
  id: string;
  kind: string;
  sendAt: Date;
  timeZone: string;
  recipientCount: number;
  recipientLabel: string;
  achievement: { id: string; name: string };
};

/** The organization's issues still waiting for their time, soonest first. */
export async function listPendingScheduledIssues(organizationId: string, take = 100): Promise<PendingScheduledIssue[]> {
  return db.scheduledIssue.findMany({
    where: { organizationId, status: "scheduled" },
    orderBy: { sendAt: "asc" },
    take,
    select: { id: true, kind: true, sendAt: true, timeZone: true, recipientCount: true, recipientLabel: true, achievement: { select: { id: true, name: true } } },
  });
}

export type ScheduledIssueOutcome = {
  id: string;
  kind: string;
  sendAt: Date;
  timeZone: string;
  status: "sent" | "failed";
  recipientCount: number;
  recipientLabel: string;
  credentialId: string | null;
  bulkJobId: string | null;
  error: string | null;
  /** The refusal's words in the reader's language: a key under `errors`, and its values. */
  errorCode: string | null;
  errorParams: Record<string, string | number> | null;
  achievement: { id: string; name: string };
};

/** How long a sent or failed scheduled issue stays on the Issue page, so a refusal is seen. */
export const RECENT_OUTCOME_DAYS = 7;

/** The organization's scheduled issues that went out (or were refused) lately, newest first. */
export async function listRecentScheduledOutcomes(organizationId: string, now = new Date(), take = 20): Promise<ScheduledIssueOutcome[]> {
  const since = new Date(now.getTime() - RECENT_OUTCOME_DAYS * 24 * 60 * 60 * 1000);
  const rows = await db.scheduledIssue.findMany({
    where: { organizationId, status: { in: ["sent", "failed"] }, sendAt: { gte: since } },
    orderBy: { sendAt: "desc" },
    take,
    select: {
      id: true, kind: true, sendAt: true, timeZone: true, status: true, recipientCount: true, recipientLabel: true,
      credentialId: true, bulkJobId: true, error: true, errorCode: true, errorParams: true, achievement: { select: { id: true, name: true } },
    },
  });
  return rows.map((row) => ({ ...row, status: row.status === "sent" ? "sent" : "failed", errorParams: (row.errorParams as Record<string, string | number> | null) ?? null }));
}

/**
 * Cancels an issue that has not started: nothing is signed or sent for it. A bulk job's rows
 * stay as the record of what was uploaded; the job reads as cancelled.
 */
export async function cancelScheduledIssue(organizationId: string, scheduledIssueId: string, actor: Actor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.scheduledIssue.findFirst({ where: { id: scheduledIssueId, organizationId }, select: { id: true, bulkJobId: true } });
    if (!row) throw notFound("No such scheduled issue");
    const { count } = await tx.scheduledIssue.updateMany({
      where: { id: row.id, organizationId, status: "scheduled" },
      data: { status: "cancelled", processedAt: new Date() },
    });
    if (count === 0) throw fieldError("scheduledIssueId", "schedule_not_pending");
    if (row.bulkJobId) await tx.bulkJob.updateMany({ where: { id: row.bulkJobId, organizationId, status: "scheduled" }, data: { status: "cancelled", finishedAt: new Date() } });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "scheduled_issue.cancelled",
      targetType: "scheduled_issue",
      targetId: row.id,
      ip: actor.ip,
    });
  });
}
