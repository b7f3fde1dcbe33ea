import { detectImageType, assertSafeSvg, unbakePng } from "@/lib/ob/bake";
import { isObInputError } from "@/lib/ob/errors";
import { fieldError } from "@/lib/errors";
import { renderBadgePng } from "./render-badge";

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
export const MIN_PNG_SIZE = 300;

export type BadgeImage = { svg: string; png: Uint8Array };

/** Width and height from the IHDR chunk (always the first chunk, right after the signature). */
export function pngDimensions(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A PNG shown through SVG, so an uploaded PNG badge can still be downloaded baked as SVG. */
function pngInSvg(png: Uint8Array, { width, height }: { width: number; height: number }): string {
  const href = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" xlink:href="${href}" href="${href}"/></svg>`;
}

/**
 * Checks an uploaded badge image by its bytes (never its name or type): a PNG of at least
 * 300×300, or an SVG without scripts or outside references; both at most 2 MB. Errors name
 * the `field` so the form shows them beside the file input.
 */
export async function badgeImageFromUpload(file: File, field = "imageFile"): Promise<BadgeImage> {
  if (file.size === 0) throw fieldError(field, "required");
  if (file.size > MAX_UPLOAD_BYTES) throw fieldError(field, "badge_file_too_large", { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectImageType(bytes);
  try {
    if (type === "png") {
      unbakePng(bytes); // walks every chunk: a truncated or corrupt file fails here
      const size = pngDimensions(bytes);
      if (size.width < MIN_PNG_SIZE || size.height < MIN_PNG_SIZE) throw fieldError(field, "badge_too_small", { min: MIN_PNG_SIZE });
      return { png: bytes, svg: pngInSvg(bytes, size) };
    }
    if (type === "svg") {
      const svg = Buffer.from(bytes).toString("utf8");
      assertSafeSvg(svg);
      return { svg, png: renderBadgePng(svg) };
    }
  } catch (error) {
    if (isObInputError(error)) {
      const unsafe = error.code === "svg_unsafe" || error.code === "svg_external_reference";
      throw fieldError(field, unsafe ? "svg_unsafe" : "badge_image_invalid");
    }
    if (error instanceof Error && /svg|parse|xml/i.test(error.message) && type === "svg") throw fieldError(field, "badge_image_invalid");
    throw error;
  }
  throw fieldError(field, "badge_image_type");
}
