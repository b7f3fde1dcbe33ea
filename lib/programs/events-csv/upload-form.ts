import { AppError } from "@/lib/errors";
import { BULK_LIMITS } from "@/lib/issuing/bulk/parse";
import { BodyTooLargeError, readFormWithLimit } from "@/lib/http/read-body";
import type { EventsUpload } from "./create-job";

const fileError = (code: string, message: string, params?: Record<string, string | number>) => new AppError("validation_failed", message, { file: { code, params } });
const tooLarge = () => fileError("file_too_large", "The file is larger than 10 MB", { maxMb: BULK_LIMITS.maxBytes / 1024 / 1024 });

/** The multipart framing beside the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Reads the upload form (one CSV file named `file`), never more than the file limit allows: a chunked body is cut off there. */
export async function readEventsUploadRequest(request: Request): Promise<EventsUpload> {
  let formData: FormData;
  try {
    formData = await readFormWithLimit(request, BULK_LIMITS.maxBytes + FORM_OVERHEAD_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge();
    throw fileError("file_empty", "The upload is not a valid form");
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) throw fileError("file_empty", "Choose a CSV file");
  if (file.size > BULK_LIMITS.maxBytes) throw tooLarge();
  if (!/\.(csv|txt|tsv)$/i.test(file.name) && !/^text\/|csv|excel/.test(file.type)) throw fileError("not_csv", "Upload a CSV file");
  return { fileName: file.name, text: await file.text() };
}
