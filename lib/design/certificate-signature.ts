import { PDFDocument } from "pdf-lib";
import { fieldError } from "@/lib/errors";
import { unbakePng } from "@/lib/ob/bake";
import { MAX_SIGNATURE_BYTES } from "./certificate-template";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function signatureImageType(bytes: Uint8Array): "png" | "jpeg" | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return null;
}

/** The bytes behind a signature data URL, or null when it is not a PNG or JPEG one. */
export function signatureBytes(dataUrl: string | null | undefined): { type: "png" | "jpeg"; bytes: Uint8Array } | null {
  const match = dataUrl?.match(/^data:image\/(png|jpeg);base64,(.+)$/);
  if (!match) return null;
  const bytes = new Uint8Array(Buffer.from(match[2], "base64"));
  const type = signatureImageType(bytes);
  return type ? { type, bytes } : null;
}

/**
 * Checks an uploaded signature image by its bytes (never its name or type): a PNG or JPEG of
 * at most 200 KB that decodes. Answers it as a data URL for the certificate settings; errors
 * name the `field` so the form shows them beside the file input.
 */
export async function signatureFromUpload(file: File, field: string): Promise<string> {
  if (file.size === 0) throw fieldError(field, "required");
  if (file.size > MAX_SIGNATURE_BYTES) throw fieldError(field, "signature_file_too_large", { maxKb: MAX_SIGNATURE_BYTES / 1024 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = signatureImageType(bytes);
  if (!type) throw fieldError(field, "signature_image_type");
  try {
    if (type === "png") unbakePng(bytes); // walks every chunk: a truncated or corrupt file fails here
    // The PDF embeds it the same way, so a file that gets through here also prints.
    const doc = await PDFDocument.create();
    await (type === "png" ? doc.embedPng(bytes) : doc.embedJpg(bytes));
  } catch {
    throw fieldError(field, "signature_image_invalid");
  }
  return `data:image/${type};base64,${Buffer.from(bytes).toString("base64")}`;
}
