/**
 * The one door every uploaded image passes: badge images, organization logos, profile photos,
 * certificate signatures (form and API) and baked badges imported into a backpack.
 *
 * In order, each step cheaper than the next and nothing decoded before it is known to be
 * small: the byte limit; the type sniffed from the bytes; the pixel size read from the header
 * (PNG IHDR, JPEG SOF, GIF, WebP, SVG width/height/viewBox) against the pixel budget; then the
 * structure (every PNG chunk and checksum, the JPEG segments) and, for SVG, the one SVG policy
 * (lib/ob/bake/svg-policy.ts) plus the size of every raster image it embeds.
 *
 * Refusals are AppErrors naming the field, with a reason code the form translates and a
 * message that says what was wrong ("The image is 16000×16000 pixels; the largest accepted is
 * 4096×4096").
 */
import { AppError, type FieldIssue } from "@/lib/errors";
import { assertSafeSvg, validatePng } from "@/lib/ob/bake";
import { isObInputError } from "@/lib/ob/errors";
import {
  dataUrlBytes,
  IMAGE_MIME,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  overBudget,
  rasterDimensions,
  sniffImage,
  svgDimensions,
  type Dimensions,
  type ImageKind,
} from "./headers";

export { IMAGE_MIME, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, type Dimensions, type ImageKind } from "./headers";

export type IntakeRules = {
  /** The form field (or API path) errors are reported under. */
  field: string;
  accept: readonly ImageKind[];
  maxBytes: number;
  /** Smallest side accepted, with the reason code to use (badges must stay sharp). */
  minSide?: { pixels: number; code: string };
  /** Reason codes the field's form already translates; generic ones otherwise. */
  codes?: { type?: string; invalid?: string; tooLarge?: FieldIssue };
};

export type CheckedImage = Dimensions & {
  kind: ImageKind;
  bytes: Uint8Array;
  /** The text of an SVG. */
  svg?: string;
};

function refuse(field: string, code: string, message: string, params?: FieldIssue["params"]): AppError {
  return new AppError("validation_failed", `${field}: ${message}`, { [field]: { code, params } });
}

function checkBudget(field: string, size: Dimensions, what = "The image"): void {
  const over = overBudget(size);
  if (!over) return;
  const side = over.code === "image_too_many_pixels" ? Math.sqrt(MAX_IMAGE_PIXELS) : MAX_IMAGE_SIDE;
  const [maxWidth, maxHeight] = [side, side];
  throw refuse(field, over.code, over.message.replace("The image", what) + ".", { width: size.width, height: size.height, maxWidth, maxHeight });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function checkSvg(bytes: Uint8Array, field: string, invalidCode: string): CheckedImage {
  let svg: string;
  try {
    svg = utf8.decode(bytes);
  } catch {
    throw refuse(field, invalidCode, "The SVG image is not UTF-8 text.");
  }
  try {
    const inspection = assertSafeSvg(svg);
    const size = svgDimensions(inspection.root);
    checkBudget(field, size, "The SVG image");
    for (const url of inspection.embeddedImages) {
      const embedded = dataUrlBytes(url);
      const kind = embedded && sniffImage(embedded);
      if (!embedded || !kind || kind === "svg") throw refuse(field, "svg_unsafe", "The SVG image embeds a picture that is not PNG, JPEG, GIF or WebP.");
      checkBudget(field, rasterDimensions(embedded, kind), "A picture inside the SVG image");
      if (kind === "png") validatePng(embedded);
    }
    return { kind: "svg", bytes, svg, ...size };
  } catch (error) {
    if (!isObInputError(error)) throw error;
    if (error.code === "svg_unsafe" || error.code === "svg_external_reference") throw refuse(field, "svg_unsafe", error.message);
    if (error.code === "svg_too_complex") throw refuse(field, "svg_too_complex", error.message);
    throw refuse(field, invalidCode, error.message);
  }
}

/**
 * Checks an image's bytes against `rules`; answers its type and size. Throws a field
 * AppError for anything refused. Fast for hostile files: the size is read before any check
 * that walks the whole file, and no pixel is decoded.
 */
export function checkImage(bytes: Uint8Array, rules: IntakeRules): CheckedImage {
  const { field, codes = {} } = rules;
  const invalidCode = codes.invalid ?? "image_invalid";
  if (bytes.length === 0) throw refuse(field, "required", "No file was given.");
  if (bytes.length > rules.maxBytes) {
    const issue = codes.tooLarge ?? { code: "file_too_large", params: { maxKb: Math.floor(rules.maxBytes / 1024) } };
    throw refuse(field, issue.code, `The file is ${bytes.length} bytes; the limit is ${rules.maxBytes}.`, issue.params);
  }
  const kind = sniffImage(bytes);
  if (!kind || !rules.accept.includes(kind)) {
    const accepted = rules.accept.map((k) => k.toUpperCase()).join(", ");
    throw refuse(field, codes.type ?? "image_type", `${kind ? `A ${kind.toUpperCase()} image` : "This file"} is not accepted here (accepted: ${accepted}).`);
  }
  if (kind === "svg") return checkSvg(bytes, field, invalidCode);
  let size: Dimensions;
  try {
    size = rasterDimensions(bytes, kind);
  } catch (error) {
    if (isObInputError(error)) throw refuse(field, invalidCode, error.message);
    throw error;
  }
  checkBudget(field, size);
  try {
    if (kind === "png") validatePng(bytes);
  } catch (error) {
    if (isObInputError(error)) throw refuse(field, invalidCode, error.message);
    throw error;
  }
  if (rules.minSide && (size.width < rules.minSide.pixels || size.height < rules.minSide.pixels)) {
    throw refuse(field, rules.minSide.code, `The image is ${size.width}×${size.height} pixels; the smallest accepted is ${rules.minSide.pixels}×${rules.minSide.pixels}.`, {
      min: rules.minSide.pixels,
    });
  }
  return { kind, bytes, ...size };
}

/** Like checkImage, for an uploaded file: its size is checked before it is read. */
export async function checkUpload(file: Blob, rules: IntakeRules): Promise<CheckedImage> {
  if (file.size > rules.maxBytes) {
    const issue = rules.codes?.tooLarge ?? { code: "file_too_large", params: { maxKb: Math.floor(rules.maxBytes / 1024) } };
    throw refuse(rules.field, issue.code, `The file is ${file.size} bytes; the limit is ${rules.maxBytes}.`, issue.params);
  }
  return checkImage(new Uint8Array(await file.arrayBuffer()), rules);
}

/** Like checkImage, for a base64 data URL (an API body); its declared type must be the real one. */
export function checkImageDataUrl(dataUrl: string, rules: IntakeRules): CheckedImage {
  const bytes = dataUrlBytes(dataUrl);
  if (!bytes) throw refuse(rules.field, rules.codes?.type ?? "image_type", "The image is not a base64 data URL.");
  const checked = checkImage(bytes, rules);
  const declared = /^data:([^;,]+)/i.exec(dataUrl.trim())?.[1]?.toLowerCase();
  if (declared !== IMAGE_MIME[checked.kind]) {
    throw refuse(rules.field, rules.codes?.type ?? "image_type", `The data URL says ${declared ?? "nothing"} but holds a ${checked.kind.toUpperCase()} image.`);
  }
  return checked;
}

/** The checked image as a data URL, the form logos, photos and signatures are stored in. */
export function toDataUrl(image: CheckedImage): string {
  return `data:${IMAGE_MIME[image.kind]};base64,${Buffer.from(image.bytes).toString("base64")}`;
}

/**
 * Whether a stored image (data URL) may be drawn by a renderer: the checks of an upload, so an
 * image stored before they existed cannot stall a render. Never throws.
 */
export function drawableWithinBudget(dataUrl: string | null | undefined, accept: readonly ImageKind[] = ["png", "jpeg", "gif", "webp", "svg"]): boolean {
  if (!dataUrl) return false;
  const bytes = dataUrlBytes(dataUrl);
  if (!bytes) return false;
  try {
    checkImage(bytes, { field: "image", accept, maxBytes: 8 * 1024 * 1024 });
    return true;
  } catch {
    return false;
  }
}
