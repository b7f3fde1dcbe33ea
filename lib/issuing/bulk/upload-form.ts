import { z } from "zod";
import { safeText } from "@/lib/text";
import { AppError, parseInput } from "@/lib/errors";
import { BodyTooLargeError, readFormWithLimit } from "@/lib/http/read-body";
import { scheduleFieldsSchema, type ScheduleFields } from "../scheduled/schemas";
import { BULK_FIELDS, type ColumnMapping } from "./columns";
import type { BulkUpload } from "./create-job";
import { BULK_LIMITS } from "./parse";

const mappingSchema = z
  .partialRecord(z.enum(BULK_FIELDS), z.union([z.number().int().min(0), z.null()]))
  .transform((mapping) => Object.fromEntries(Object.entries(mapping).filter(([, index]) => index !== null)) as ColumnMapping);

const fieldsSchema = z.object({
  achievementId: safeText().trim().min(1),
  mode: z.enum(["preview", "issue"]).default("preview"),
  message: safeText().trim().max(2000).optional().transform((value) => value || undefined),
  mapping: safeText().max(10_000).optional(),
  ...scheduleFieldsSchema.shape,
});

const fileError = (code: string, message: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", message, { file: { code, params } });

/** The form's fields and multipart framing beside the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Reads the upload form from a request, never more than the file limit allows (a chunked body is cut off there). */
export async function readBulkUploadRequest(request: Request): Promise<BulkUpload & { mode: "preview" | "issue"; when: ScheduleFields }> {
  let formData: FormData;
  try {
    formData = await readFormWithLimit(request, BULK_LIMITS.maxBytes + FORM_OVERHEAD_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw fileError("file_too_large", "The file is larger than 10 MB", { maxMb: BULK_LIMITS.maxBytes / 1024 / 1024 });
    throw new AppError("validation_failed", "The upload is not a valid form", { file: { code: "file_empty" } });
  }
  return readBulkUploadForm(formData);
}

/** The upload form (multipart): achievement, CSV file, optional column mapping (JSON) and message. */
export async function readBulkUploadForm(formData: FormData): Promise<BulkUpload & { mode: "preview" | "issue"; when: ScheduleFields }> {
  const fields = parseInput(fieldsSchema, {
    achievementId: formData.get("achievementId") ?? undefined,
    mode: formData.get("mode") ?? undefined,
    message: formData.get("message") ?? undefined,
    mapping: formData.get("mapping") ?? undefined,
    when: formData.get("when") ?? undefined,
    sendAt: formData.get("sendAt") ?? undefined,
    timeZone: formData.get("timeZone") ?? undefined,
  });
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) throw fileError("file_empty", "Choose a CSV file");
  if (file.size > BULK_LIMITS.maxBytes) throw fileError("file_too_large", "The file is larger than 10 MB", { maxMb: BULK_LIMITS.maxBytes / 1024 / 1024 });
  if (!/\.(csv|txt|tsv)$/i.test(file.name) && !/^text\/|csv|excel/.test(file.type)) throw fileError("not_csv", "Upload a CSV file");
  let mapping: ColumnMapping | undefined;
  if (fields.mapping) {
    let raw: unknown;
    try {
      raw = JSON.parse(fields.mapping);
    } catch {
      throw new AppError("validation_failed", "The column mapping is not valid", { mapping: { code: "invalid" } });
    }
    mapping = parseInput(mappingSchema, raw);
  }
  const when = { when: fields.when, sendAt: fields.sendAt, timeZone: fields.timeZone };
  return { achievementId: fields.achievementId, mode: fields.mode, message: fields.message, mapping, fileName: file.name, text: await file.text(), when };
}
