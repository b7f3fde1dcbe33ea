// What an image file is and how large it claims to be, read from its first bytes only: nothing
// here decodes pixels, so a file that would inflate to gigabytes costs no more to refuse than a
// small one. Pure code (no server imports): renderers use it too.
import { detectImageType, readPngHeader } from "@/lib/ob/bake";
import { ObInputError } from "@/lib/ob/errors";

export type ImageKind = "png" | "jpeg" | "gif" | "webp" | "svg";
export type Dimensions = { width: number; height: number };

export const IMAGE_MIME: Record<ImageKind, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
};

/** The largest image Laurel decodes: 4096×4096 pixels in all, and no side over 8192. */
export const MAX_IMAGE_PIXELS = 4096 * 4096;
export const MAX_IMAGE_SIDE = 8192;

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** The file's type from its bytes (never its name or declared type), or null. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return "gif";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  return detectImageType(bytes);
}

const invalid = (kind: string, why: string) => new ObInputError(`${kind}_invalid`, `The ${kind.toUpperCase()} image is damaged (${why}).`);

// Start-of-frame markers carry the frame's size: SOF0–3, 5–7, 9–11, 13–15 (not DHT C4, JPG C8, DAC CC).
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the JPEG's marker segments up to the first frame header and reads its size. */
export function jpegDimensions(bytes: Uint8Array): Dimensions {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw invalid("jpeg", "no start-of-image marker");
  let i = 2;
  while (i + 1 < bytes.length) {
    if (bytes[i] !== 0xff) throw invalid("jpeg", "a segment does not start with a marker");
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) throw invalid("jpeg", "image data before its frame header");
    if (i + 4 > bytes.length) break;
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2) throw invalid("jpeg", "a segment with an impossible length");
    if (i + 2 + length > bytes.length) break;
    if (SOF_MARKERS.has(marker)) {
      if (length < 8) throw invalid("jpeg", "a frame header too short");
      const height = (bytes[i + 5] << 8) | bytes[i + 6];
      const width = (bytes[i + 7] << 8) | bytes[i + 8];
      if (width === 0 || height === 0) throw invalid("jpeg", "a frame of zero size");
      return { width, height };
    }
    i += 2 + length;
  }
  throw new ObInputError("jpeg_truncated", "The JPEG image is cut short (it ends before its frame header).");
}

export function gifDimensions(bytes: Uint8Array): Dimensions {
  if (bytes.length < 10) throw new ObInputError("gif_truncated", "The GIF image is cut short.");
  const width = bytes[6] | (bytes[7] << 8);
  const height = bytes[8] | (bytes[9] << 8);
  if (width === 0 || height === 0) throw invalid("gif", "a screen of zero size");
  return { width, height };
}

export function webpDimensions(bytes: Uint8Array): Dimensions {
  if (bytes.length < 30) throw new ObInputError("webp_truncated", "The WebP image is cut short.");
  const chunk = ascii(bytes, 12, 16);
  const u24 = (o: number) => bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16);
  if (chunk === "VP8X") return { width: u24(24) + 1, height: u24(27) + 1 };
  if (chunk === "VP8L") {
    if (bytes[20] !== 0x2f) throw invalid("webp", "a lossless header without its signature");
    const bits = (bytes[21] | (bytes[22] << 8) | (bytes[23] << 16) | (bytes[24] << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 ") {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) throw invalid("webp", "a lossy header without its start code");
    const width = (bytes[26] | (bytes[27] << 8)) & 0x3fff;
    const height = (bytes[28] | (bytes[29] << 8)) & 0x3fff;
    if (width === 0 || height === 0) throw invalid("webp", "a frame of zero size");
    return { width, height };
  }
  throw invalid("webp", `an unknown first chunk (${JSON.stringify(chunk)})`);
}

const CSS_PIXELS: Record<string, number> = { "": 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, em: 16, ex: 8 };

/** An SVG length in CSS pixels; undefined when absent or relative (a percentage). */
function svgLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex)?\s*$/i.exec(value);
  if (!match) {
    if (/%\s*$/.test(value)) return undefined;
    throw new ObInputError("svg_invalid", `This SVG image has an unreadable size (${JSON.stringify(value.slice(0, 40))}).`);
  }
  return Number(match[1]) * CSS_PIXELS[(match[2] ?? "").toLowerCase()];
}

/**
 * The size an SVG is drawn at when nothing scales it: its width and height, or its viewBox's
 * for a missing or relative one, else the 300×150 every browser uses.
 */
export function svgDimensions(root: { width?: string; height?: string; viewBox?: string }): Dimensions {
  let box: [number, number] | undefined;
  if (root.viewBox !== undefined) {
    const parts = root.viewBox.trim().split(/[\s,]+/).map(Number);
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[2] <= 0 || parts[3] <= 0) {
      throw new ObInputError("svg_invalid", "This SVG image has an invalid viewBox.");
    }
    box = [parts[2], parts[3]];
  }
  const width = svgLength(root.width) ?? box?.[0] ?? 300;
  const height = svgLength(root.height) ?? box?.[1] ?? 150;
  if (!Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) {
    throw new ObInputError("svg_invalid", "This SVG image has no drawable size.");
  }
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

/** Width and height of a raster image from its header. */
export function rasterDimensions(bytes: Uint8Array, kind: Exclude<ImageKind, "svg">): Dimensions {
  switch (kind) {
    case "png": {
      const { width, height } = readPngHeader(bytes);
      return { width, height };
    }
    case "jpeg":
      return jpegDimensions(bytes);
    case "gif":
      return gifDimensions(bytes);
    case "webp":
      return webpDimensions(bytes);
  }
}

/** Why an image of this size is refused, or null when it is within the budget. */
export function overBudget({ width, height }: Dimensions): { code: "image_too_many_pixels" | "image_side_too_long"; message: string } | null {
  if (width * height > MAX_IMAGE_PIXELS) {
    const side = Math.sqrt(MAX_IMAGE_PIXELS);
    return { code: "image_too_many_pixels", message: `The image is ${width}×${height} pixels; the largest accepted is ${side}×${side}` };
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return { code: "image_side_too_long", message: `The image is ${width}×${height} pixels; no side may be longer than ${MAX_IMAGE_SIDE}` };
  }
  return null;
}

/** The bytes behind a base64 data URL and their sniffed type, or null. */
export function dataUrlBytes(dataUrl: string): Uint8Array | null {
  const match = /^data:[^,;]*(?:;[^,;]*)*;base64,(.*)$/is.exec(dataUrl.trim());
  if (!match) return null;
  return new Uint8Array(Buffer.from(match[1], "base64"));
}

/**
 * The one Content-Security-Policy every stored or uploaded image is served with: an SVG opened
 * on its own may draw itself (and its embedded data: pictures) and nothing more, sandboxed.
 */
export const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
