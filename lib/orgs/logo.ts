import { fieldError } from "@/lib/errors";

export const MAX_LOGO_BYTES = 512 * 1024;

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/webp", test: (b) => b.subarray(0, 4).toString() === "RIFF" && b.subarray(8, 12).toString() === "WEBP" },
];

// SVG logos are shown only through <img>, where scripts never run; still, refuse anything
// active or external so the file stays safe wherever it is used later.
const UNSAFE_SVG = /<script|<foreignObject|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*["'](?!#|data:image\/)/i;

/**
 * Checks an uploaded logo by its bytes (not its name) and returns it as a data URL. Other
 * uploaded pictures (a learner's photo) pass the same checks under their own field and limit.
 */
export async function logoToDataUrl(file: File, { field = "logo", maxBytes = MAX_LOGO_BYTES }: { field?: string; maxBytes?: number } = {}): Promise<string> {
  if (file.size > maxBytes) throw fieldError(field, "file_too_large", { maxKb: maxBytes / 1024 });
  const bytes = Buffer.from(await file.arrayBuffer());
  const known = SIGNATURES.find((signature) => signature.test(bytes));
  if (known) return `data:${known.type};base64,${bytes.toString("base64")}`;
  const text = bytes.toString("utf8");
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) {
    if (UNSAFE_SVG.test(text)) throw fieldError(field, "svg_unsafe");
    return `data:image/svg+xml;base64,${bytes.toString("base64")}`;
  }
  throw fieldError(field, "image_type");
}
