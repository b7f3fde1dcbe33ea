"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { userAction } from "@/lib/auth/guard";
import { getTranslations } from "next-intl/server";
import { AppError, fieldError } from "@/lib/errors";
import { inputErrorKey } from "@/lib/verifier/message-keys";
import { importCredential, MAX_IMPORT_UPLOAD_BYTES, type ImportInput } from "@/lib/backpack/import-credential";

const importSchema = z.object({
  source: z.enum(["upload", "paste", "url"]),
  file: z.unknown().optional(),
  text: safeText().optional(),
  url: safeText().max(2000).optional(),
  keepUnverified: z.literal("true").optional(),
});

async function inputFrom(form: z.infer<typeof importSchema>): Promise<ImportInput> {
  if (form.source === "paste") return { source: "paste", text: form.text ?? "" };
  if (form.source === "url") return { source: "url", url: form.url ?? "" };
  const file = form.file;
  if (!(file instanceof Blob) || file.size === 0) throw fieldError("file", "required");
  // Refused by its size before reading it.
  if (file.size > MAX_IMPORT_UPLOAD_BYTES) throw fieldError("file", "file_too_large", { maxKb: MAX_IMPORT_UPLOAD_BYTES / 1024 });
  return { source: "upload", bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Why an input could not be read, in the reader's language (the verifier's own words are English). */
async function inReadersLanguage(error: unknown): Promise<unknown> {
  if (!(error instanceof AppError) || !error.fields) return error;
  const t = await getTranslations("verifier.errors");
  for (const issue of Object.values(error.fields)) {
    const reasonCode = issue.params?.reasonCode;
    if (issue.code === "import_unreadable" && typeof reasonCode === "string") issue.params = { ...issue.params, reason: t(inputErrorKey(reasonCode, (key) => t.has(key))) };
  }
  return error;
}

export const importCredentialAction = userAction({ schema: importSchema }, async (form, { user }) => {
  try {
    const outcome = await importCredential(user.id, await inputFrom(form), { keepUnverified: form.keepUnverified === "true" });
    if (outcome.status !== "failed") revalidatePath("/backpack");
    return outcome;
  } catch (error) {
    throw await inReadersLanguage(error);
  }
});
