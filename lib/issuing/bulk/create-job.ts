import { createHash } from "node:crypto";
import type { Schedule } from "../scheduled/schemas";
import { wakeAt } from "../scheduled/schedule-issue";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { cleanText } from "@/lib/text";
import { AppError } from "@/lib/errors";
import { enqueueInTransaction, startQueue } from "@/lib/jobs";
import { findIssuableAchievement } from "../issuable-achievements";
import { guessMapping, type ColumnMapping } from "./columns";
import { describeIssue } from "./messages";
import { parseCsv, type ParsedCsv } from "./parse";
import { validateRows, type BulkIssue, type ValidatedRow } from "./validate";

export type BulkUpload = {
  achievementId: string;
  fileName: string;
  /** The file's text (UTF-8). */
  text: string;
  /** Guessed from the header when absent. */
  mapping?: ColumnMapping;
  /** The issuer's note in every claim email. */
  message?: string;
};

export type BulkPreview = {
  headers: string[];
  mapping: ColumnMapping;
  mappingIssues: BulkIssue[];
  total: number;
  valid: number;
  invalid: number;
  /** The first rows, as they will be issued or why not. */
  rows: ValidatedRow[];
  /** Rows that will not be issued, the first hundred. */
  problems: ValidatedRow[];
};

export const PREVIEW_ROWS = 20;

/** The file's name without control characters or broken surrogate pairs, which no text column holds. */
const storableFileName = (name: string) =>
  name.replace(/[\u0000-\u001f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "").slice(0, 255).replace(/[\uD800-\uDBFF]$/, "") || "upload.csv";
const PROBLEM_ROWS = 100;

/** Parses and checks an upload without writing anything: what the preview shows. */
export async function previewBulkUpload(organizationId: string, upload: BulkUpload): Promise<BulkPreview> {
  const achievement = await findIssuableAchievement(organizationId, upload.achievementId);
  const parsed = parseCsv(upload.text);
  const mapping = upload.mapping ?? guessMapping(parsed.headers);
  const result = validateRows(parsed, mapping, achievement);
  return {
    headers: parsed.headers,
    mapping,
    mappingIssues: result.mappingIssues,
    total: result.rows.length,
    valid: result.valid,
    invalid: result.invalid,
    rows: result.rows.slice(0, PREVIEW_ROWS),
    problems: result.rows.filter((row) => row.issue).slice(0, PROBLEM_ROWS),
  };
}

export type CreatedBulkJob = { id: string; status: string; total: number; done: number; failed: number };

/**
 * Records an upload as a bulk job, one row per data row (valid ones pending, invalid ones failed
 * with their reason), and queues the job in the same transaction. Nothing is issued here.
 */
export async function createBulkJob(
  organizationId: string,
  upload: BulkUpload,
  actor: BulkJobActor = {},
  schedule?: Schedule,
): Promise<CreatedBulkJob> {
  const parsed = parseCsv(upload.text);
  return createBulkJobFromRows(organizationId, {
    achievementId: upload.achievementId,
    fileName: upload.fileName,
    fileHash: createHash("sha256").update(upload.text).digest("hex"),
    parsed,
    mapping: upload.mapping ?? guessMapping(parsed.headers),
    message: upload.message,
    schedule,
  }, actor);
}

export type BulkJobActor = { userId?: string; ip?: string; source?: "csv" | "api" | "paste" | "group" };

/** The same for rows that come already split into cells (the REST API's recipients). */
export async function createBulkJobFromRows(
  organizationId: string,
  input: {
    achievementId: string;
    fileName: string;
    fileHash: string;
    parsed: ParsedCsv;
    mapping: ColumnMapping;
    message?: string;
    /** More of what the job was started from, kept in its options (e.g. the group it issues to). */
    extra?: Record<string, string>;
    /** Issue at this time instead of now: the rows are checked and stored now, nothing is queued. */
    schedule?: Schedule;
  },
  actor: BulkJobActor = {},
): Promise<CreatedBulkJob> {
  const { parsed, mapping } = input;
  const achievement = await findIssuableAchievement(organizationId, input.achievementId);
  const result = validateRows(parsed, mapping, achievement);
  if (result.mappingIssues.length > 0) {
    const [first] = result.mappingIssues;
    throw new AppError("validation_failed", describeIssue(first, "en"), { mapping: first });
  }
  if (result.valid === 0) throw new AppError("validation_failed", "No row can be issued", { file: { code: "no_valid_rows" } });
  // Started before the transaction: the job is queued inside it (on the embedded database,
  // starting the queue in there would wait for the transaction's own connection).
  await startQueue({ workers: false });

  const job = await db.$transaction(
    async (tx) => {
      const created = await tx.bulkJob.create({
        data: {
          organizationId,
          achievementId: achievement.id,
          createdById: actor.userId,
          fileName: storableFileName(input.fileName),
          fileHash: input.fileHash,
          total: result.rows.length,
          ...(input.schedule ? { status: "scheduled" } : {}),
          done: result.invalid,
          failed: result.invalid,
          // The header is kept so the failed rows can be handed back with the file's own columns.
          options: { mapping, headers: parsed.headers.map(cleanText), message: input.message ?? null, source: actor.source ?? "csv", ...input.extra } as Prisma.InputJsonValue,
        },
        select: { id: true, status: true, total: true, done: true, failed: true },
      });
      // One INSERT … unnest per 5,000 rows: a 50,000-row file is recorded in seconds.
      for (let start = 0; start < result.rows.length; start += 5000) {
        const slice = result.rows.slice(start, start + 5000);
        // Each row keeps its cells as written (made storable), for the failed rows' download.
        const cells = parsed.rows.slice(start, start + 5000).map((row) => row.cells.map(cleanText));
        await tx.$executeRaw`
          INSERT INTO "BulkRow" ("id", "jobId", "rowNumber", "data", "status", "error")
          SELECT gen_random_uuid()::text, ${created.id}, v.row_number, v.data::jsonb, v.status, v.error
          FROM unnest(
            ${slice.map((row) => row.rowNumber)}::int[],
            ${slice.map((row, i) => JSON.stringify(row.issue ? { ...row.data, cells: cells[i], issue: row.issue } : { ...row.data, cells: cells[i] }))}::text[],
            ${slice.map((row) => (row.issue ? "failed" : "pending"))}::text[],
            ${slice.map((row) => (row.issue ? describeIssue(row.issue, "en") : null))}::text[]
          ) AS v(row_number, data, status, error)`;
      }
      await recordAudit(tx, {
        organizationId,
        actorId: actor.userId,
        action: "bulk_job.created",
        targetType: "bulk_job",
        targetId: created.id,
        data: { achievementId: achievement.id, total: result.rows.length, invalid: result.invalid },
        ip: actor.ip,
      });
      if (input.schedule) {
        // Queued by the scheduled-issuing dispatcher at its time; cancellable until then.
        const scheduled = await tx.scheduledIssue.create({
          data: {
            organizationId,
            achievementId: achievement.id,
            kind: "bulk",
            sendAt: input.schedule.sendAt,
            timeZone: input.schedule.timeZone,
            message: input.message ?? null,
            bulkJobId: created.id,
            recipientCount: result.valid,
            recipientLabel: storableFileName(input.fileName),
            createdById: actor.userId,
          },
        });
        await recordAudit(tx, {
          organizationId,
          actorId: actor.userId,
          action: "scheduled_issue.created",
          targetType: "scheduled_issue",
          targetId: scheduled.id,
          data: { achievementId: achievement.id, sendAt: input.schedule.sendAt.toISOString(), recipients: result.valid, bulkJobId: created.id },
          ip: actor.ip,
        });
        return created;
      }
      // In the transaction: a job recorded is a job queued, whatever crashes after the commit.
      await enqueueInTransaction(tx, "credential.bulk-issue", [{ jobId: created.id }]);
      return created;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (input.schedule) await wakeAt(input.schedule.sendAt);
  return job;
}
