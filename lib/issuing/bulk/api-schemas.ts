// The REST API's bulk schemas, free of server imports: the OpenAPI document and the reference page read them.
import { z } from "zod";
import { safeText } from "@/lib/text";

const MAX_RECIPIENTS = 50_000;

/** One recipient of POST /api/v1/credentials/bulk. Row-level problems become failed rows of the job. */
export const bulkRecipientSchema = z.object({
  email: safeText().trim().min(1).max(320),
  name: safeText().trim().max(200).optional(),
  /** ISO 8601: YYYY-MM-DD or a date-time. */
  validFrom: safeText().trim().max(40).optional(),
  validUntil: safeText().trim().max(40).optional(),
  /** The evidence URL. */
  evidence: safeText().trim().max(2000).optional(),
  narrative: safeText().trim().max(10_000).optional(),
  /** A grade or score (OB 3.0 Result). */
  result: safeText().trim().max(200).optional(),
});

export const bulkIssueBodySchema = z.object({
  achievementId: safeText().trim().min(1),
  recipients: z.array(bulkRecipientSchema).min(1).max(MAX_RECIPIENTS),
  message: safeText().trim().max(2000).optional(),
});

export const bulkJobResponseSchema = z.object({
  job: z.object({
    id: z.string(),
    // scheduled and cancelled: jobs scheduled from the dashboard, read through the API.
    status: z.enum(["scheduled", "queued", "running", "completed", "failed", "cancelled"]),
    achievementId: z.string(),
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    issued: z.number().int(),
    skipped: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    url: z.string(),
  }),
});

export type BulkIssueBody = z.infer<typeof bulkIssueBodySchema>;
export type BulkJobResponse = z.infer<typeof bulkJobResponseSchema>;

