import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueInTransaction, startQueue } from "@/lib/jobs";
import { getProgram, type Actor } from "../manage";
import { parseEventsCsv } from "./parse";

export type EventsUpload = { fileName: string; text: string };
export type EventsCsvJobView = { id: string; status: string; total: number; done: number; failed: number; error: string | null };

/** The file's name without control characters or broken surrogate pairs, which no text column holds. */
const storableFileName = (name: string) =>
  name.replace(/[\u0000-\u001f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "").slice(0, 255).replace(/[\uD800-\uDBFF]$/, "") || "events.csv";

/**
 * Records an uploaded file of events as a program job and queues it in the same transaction.
 * The file is read here first, so one that cannot be read or lacks a column is refused at once
 * (naming `file`) and no job is left behind; its rows are checked by the job, one by one.
 */
export async function createEventsCsvJob(organizationId: string, programId: string, upload: EventsUpload, actor: Actor = {}): Promise<EventsCsvJobView> {
  const program = await getProgram(organizationId, programId);
  if (program.archivedAt) throw new AppError("conflict", "This program is archived: it takes no events", { file: { code: "program_archived" } });
  const rows = parseEventsCsv(upload.text, programId);
  const fileName = storableFileName(upload.fileName);
  // Started before the transaction: the job is queued inside it.
  await startQueue({ workers: false });
  return db.$transaction(async (tx) => {
    const job = await tx.programJob.create({
      data: {
        organizationId,
        programId,
        createdById: actor.userId ?? null,
        kind: "events_csv",
        total: rows.length,
        // The text waits here for the job, which drops it once done.
        options: { fileName, fileHash: createHash("sha256").update(upload.text).digest("hex"), text: upload.text },
        report: [],
      },
      select: { id: true, status: true, total: true, done: true, failed: true, error: true },
    });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.events_uploaded", targetType: "program", targetId: programId, ip: actor.ip, data: { jobId: job.id, fileName, rows: rows.length } });
    await enqueueInTransaction(tx, "program.events-csv", [{ jobId: job.id }]);
    return job;
  });
}
