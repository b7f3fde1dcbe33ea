import "server-only";
import { AppError, fieldError, parseInput } from "@/lib/errors";
import { BodyTooLargeError, readBytesWithLimit, readFormWithLimit } from "@/lib/http/read-body";
import { MAX_VERIFY_BYTES, verifyBodySchema, verifierUrlSchema, type VerifierInput } from "./verify-anything";

const tooLarge = (field: string) => fieldError(field, "too_large", { maxMb: MAX_VERIFY_BYTES / 1024 / 1024 });
/** The multipart framing beside the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** A file a person uploaded (the page's form or the API's multipart body). */
export async function inputFromFile(file: FormDataEntryValue | null, field = "file"): Promise<VerifierInput> {
  if (!(file instanceof File) || file.size === 0) throw fieldError(field, "required");
  if (file.size > MAX_VERIFY_BYTES) throw tooLarge(field);
  return { kind: "file", bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function inputFromUrl(url: unknown, field = "url"): VerifierInput {
  try {
    return { kind: "url", url: parseInput(verifierUrlSchema, url ?? "") };
  } catch (error) {
    if (error instanceof AppError && error.fields?.form) throw new AppError("validation_failed", error.message, { [field]: error.fields.form });
    throw error;
  }
}

/**
 * POST /api/v1/verify's body, in the form the caller chose: JSON (`{url}` or `{credential}`),
 * multipart/form-data with a `file`, or the badge itself (image/png, image/svg+xml,
 * application/jwt, application/ld+json). Never more than the limit is read.
 */
export async function readVerifyRequest(request: Request): Promise<VerifierInput> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  try {
    if (type === "multipart/form-data") return await inputFromFile((await readFormWithLimit(request, MAX_VERIFY_BYTES + FORM_OVERHEAD_BYTES)).get("file"));
    const bytes = await readBytesWithLimit(request, MAX_VERIFY_BYTES);
    if (type === "application/json") {
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw fieldError("body", "json_invalid");
      }
      const parsed = parseInput(verifyBodySchema, body);
      if (parsed.url !== undefined) return { kind: "url", url: parsed.url };
      const credential = parsed.credential!;
      return { kind: "text", text: typeof credential === "string" ? credential : JSON.stringify(credential) };
    }
    if (bytes.length === 0) throw fieldError("body", "required");
    return { kind: "file", bytes };
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge("body");
    throw error;
  }
}
