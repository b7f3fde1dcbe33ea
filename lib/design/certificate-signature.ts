import { PDFDocument } from "pdf-lib";
import { fieldError } from "@/lib/errors";
import { overBudget, rasterDimensions } from "@/lib/images/headers";
import { checkUpload, toDataUrl } from "@/lib/images/intake";
import { signatureRules } from "./certificate-template";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function signatureImageType(bytes: Uint8Array): "png" | "jpeg" | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return null;
}

/**
 * The bytes behind a PNG or JPEG data URL (a signature, a logo), or null when it is neither or
 * is over the pixel budget (an image stored before the budget existed is left out, not drawn).
 */
export function signatureBytes(dataUrl: string | null | undefined): { type: "png" | "jpeg"; bytes: Uint8Array } | null {
  const match = dataUrl?.match(/^data:image\/(png|jpeg);base64,(.+)$/);
  if (!match) return null;
  const bytes = new Uint8Array(Buffer.from(match[2], "base64"));
  const type = signatureImageType(bytes);
  if (!type) return null;
  try {
    return overBudget(rasterDimensions(bytes, type)) ? null : { type, bytes };
  } catch {
    return null;
  }
}

/**
 * Checks an uploaded signature image by its bytes (never its name or type): a PNG or JPEG of
 * at most 200 KB within the pixel budget that decodes. Answers it as a data URL for the
 * certificate settings; errors name the `field` so the form shows them beside the file input.
 */
export async function signatureFromUpload(file: File, field: string): Promise<string> {
  const image = await checkUpload(file, signatureRules(field));
  try {
    // The PDF embeds it the same way, so a file that gets through here also prints.
    const doc = await PDFDocument.create();
    await (image.kind === "png" ? doc.embedPng(image.bytes) : doc.embedJpg(image.bytes));
  } catch {
    throw fieldError(field, "signature_image_invalid");
  }
  return toDataUrl(image);
}
