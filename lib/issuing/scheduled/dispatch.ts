import { db } from "@/lib/db";
import { AppError, parseInput, refusalMessageKey } from "@/lib/errors";
import { enqueueInTransaction, startQueue } from "@/lib/jobs";
import { log } from "@/lib/log";
import { issueCredential } from "../issue-credential";
import { issueCredentialSchema } from "../schemas";
import { systemClock, type Clock } from "./clock";

/** A dispatch that died mid-way leaves its row "sending"; after this long another one takes it over. */
const LEASE_MS = 10 * 60 * 1000;
const BATCH = 50;

export type DispatchResult = { sent: number; failed: number };

/**
 * Issues what is due at `clock.now()`: each scheduled issue is claimed by one dispatcher (a row
 * update), then issued with an idempotency key of its own, so a dispatcher that dies after
 * issuing and before marking the row issues nothing twice when the next one takes over. A
 * refusal the issuer must see (archived achievement, quota) marks it failed with the reason.
 */
export async function dispatchDueScheduledIssues(clock: Clock = systemClock): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0 };
  for (;;) {
    const now = clock.now();
    const due = await db.scheduledIssue.findMany({
      where: {
        sendAt: { lte: now },
        OR: [{ status: "scheduled" }, { status: "sending", processedAt: { lt: new Date(now.getTime() - LEASE_MS) } }],
      },
      orderBy: { sendAt: "asc" },
      take: BATCH,
      select: { id: true, status: true, processedAt: true },
    });
    if (due.length === 0) return result;
    for (const row of due) {
      const { count } = await db.scheduledIssue.updateMany({
        where: { id: row.id, status: row.status, processedAt: row.processedAt },
        data: { status: "sending", processedAt: now },
      });
      if (count === 0) continue;
      (await dispatchOne(row.id)) ? result.sent++ : result.failed++;
    }
    if (due.length < BATCH) return result;
  }
}

async function dispatchOne(id: string): Promise<boolean> {
  const row = await db.scheduledIssue.findUniqueOrThrow({ where: { id } });
  try {
    if (row.kind === "bulk" && row.bulkJobId) {
      const bulkJobId = row.bulkJobId;
      await startQueue({ workers: false });
      await db.$transaction(async (tx) => {
        await tx.bulkJob.updateMany({ where: { id: bulkJobId, organizationId: row.organizationId, status: "scheduled" }, data: { status: "queued" } });
        await tx.scheduledIssue.update({ where: { id }, data: { status: "sent" } });
        await enqueueInTransaction(tx, "credential.bulk-issue", [{ jobId: bulkJobId }]);
      });
    } else {
      const input = parseInput(issueCredentialSchema, row.input);
      const issued = await issueCredential(row.organizationId, input, {
        idempotencyKey: `scheduled:${row.id}`,
        message: row.message ?? undefined,
        actor: { userId: row.createdById ?? undefined },
      });
      await db.scheduledIssue.update({ where: { id }, data: { status: "sent", credentialId: issued.id } });
    }
    return true;
  } catch (error) {
    if (error instanceof AppError) {
      log.warn({ err: error, scheduledIssueId: id }, "a scheduled issue was refused");
      const { key, params } = refusalMessageKey(error);
      await db.scheduledIssue.update({ where: { id }, data: { status: "failed", error: error.message.slice(0, 500), errorCode: key, errorParams: params } });
      return false;
    }
    // Anything else (a lost connection) is tried again by the next sweep.
    await db.scheduledIssue.update({ where: { id }, data: { status: "scheduled" } });
    throw error;
  }
}
