import { fieldError } from "@/lib/errors";
import { checkUpload, type CheckedImage, type IntakeRules } from "@/lib/images/intake";
import { readPngHeader } from "@/lib/ob/bake";
import { render } from "@/lib/render";
import { BADGE_SIZE } from "./badge-design";

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
export const MIN_PNG_SIZE = 300;

export type BadgeImage = { svg: string; png: Uint8Array };

/** Width and height from the IHDR chunk (always the first chunk, right after the signature). */
export function pngDimensions(png: Uint8Array): { width: number; height: number } {
  const { width, height } = readPngHeader(png);
  return { width, height };
}

/** A PNG shown through SVG, so an uploaded PNG badge can still be downloaded baked as SVG. */
function pngInSvg(png: Uint8Array, { width, height }: { width: number; height: number }): string {
  const href = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" xlink:href="${href}" href="${href}"/></svg>`;
}

export const badgeUploadRules = (field: string): IntakeRules => ({
  field,
  accept: ["png", "svg"],
  maxBytes: MAX_UPLOAD_BYTES,
  minSide: { pixels: MIN_PNG_SIZE, code: "badge_too_small" },
  codes: { type: "badge_image_type", invalid: "badge_image_invalid", tooLarge: { code: "badge_file_too_large", params: { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 } } },
});

/**
 * A PNG no larger than the badge is shown (BADGE_SIZE on its longer side): a larger upload is
 * scaled down once, here, by a render worker, so pages, cards and certificates never decode
 * more than they draw.
 */
async function atDisplaySize(image: CheckedImage): Promise<Uint8Array> {
  const longer = Math.max(image.width, image.height);
  if (longer <= BADGE_SIZE) return image.bytes;
  const width = Math.max(1, Math.round((image.width * BADGE_SIZE) / longer));
  return render({ type: "rasterise", svg: pngInSvg(image.bytes, image), width });
}

/**
 * Checks an uploaded badge image by its bytes (never its name or type) through the image
 * intake: a PNG of at least 300×300, or an SVG that passes the SVG policy; both at most 2 MB
 * and within the pixel budget. PNGs are stored at display size. Errors name the `field` so the
 * form shows them beside the file input.
 */
export async function badgeImageFromUpload(file: File, field = "imageFile"): Promise<BadgeImage> {
  if (file.size === 0) throw fieldError(field, "required");
  const image = await checkUpload(file, badgeUploadRules(field));
  if (image.kind === "svg") return { svg: image.svg!, png: await render({ type: "rasterise", svg: image.svg!, width: BADGE_SIZE }) };
  const png = await atDisplaySize(image);
  return { png, svg: pngInSvg(png, pngDimensions(png)) };
}
