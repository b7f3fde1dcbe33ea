// What kind of thing was handed to the verifier: JSON, a compact JWS, a baked image, or a URL.
import { isObject, UnreadableInput, type Json } from "./result";

export type DetectedInput =
  | { kind: "json"; value: Json }
  | { kind: "jwt"; token: string }
  | { kind: "png"; bytes: Uint8Array }
  | { kind: "svg"; text: string }
  | { kind: "url"; url: string };

/** Beyond this an input is refused before parsing (baked images are well under it). */
export const MAX_INPUT_LENGTH = 5 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function looksLikeSvg(text: string): boolean {
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text);
}

function otherImage(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "JPEG";
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return "GIF";
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46) return "WebP";
  return null;
}

export function parseJsonObject(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnreadableInput("json_invalid", `The input looks like JSON but does not parse: ${(error as Error).message}.`);
  }
  if (!isObject(value)) throw new UnreadableInput("not_a_credential", "The JSON is not an object, so it cannot be a credential.");
  return value;
}

export function detectText(raw: string): DetectedInput {
  const text = raw.replace(/^\uFEFF/, "").trim();
  if (text.length === 0) throw new UnreadableInput("input_empty", "The input is empty.");
  if (text.length > MAX_INPUT_LENGTH) throw new UnreadableInput("input_too_large", `The input is larger than ${MAX_INPUT_LENGTH} bytes.`);
  if (text.startsWith("{") || text.startsWith("[")) return { kind: "json", value: parseJsonObject(text) };
  if (COMPACT_JWS.test(text)) return { kind: "jwt", token: text };
  if (text.startsWith("<")) {
    if (looksLikeSvg(text)) return { kind: "svg", text };
    throw new UnreadableInput("input_unrecognized", "The input is markup but not an SVG image.");
  }
  if (/^https?:\/\/\S+$/i.test(text)) return { kind: "url", url: text };
  throw new UnreadableInput(
    "input_unrecognized",
    "The input is not a credential: expected JSON, a JWT, a baked PNG or SVG badge, or an https URL.",
  );
}

export function detectBytes(bytes: Uint8Array): DetectedInput {
  if (bytes.length === 0) throw new UnreadableInput("input_empty", "The input is empty.");
  if (bytes.length > MAX_INPUT_LENGTH) throw new UnreadableInput("input_too_large", `The input is larger than ${MAX_INPUT_LENGTH} bytes.`);
  if (isPng(bytes)) return { kind: "png", bytes };
  const image = otherImage(bytes);
  if (image) throw new UnreadableInput("image_unsupported", `${image} images cannot carry a badge; only PNG and SVG can be baked.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableInput("input_unrecognized", "The input is binary data that is neither a PNG badge nor UTF-8 text.");
  }
  return detectText(text);
}

/** Content fetched from a URL: the bytes decide, the Content-Type only breaks ties. */
export function detectFetched(bytes: Uint8Array, contentType: string): DetectedInput {
  const detected = detectBytes(bytes);
  if (detected.kind === "url") {
    throw new UnreadableInput("input_unrecognized", `The URL answered with a link rather than a credential (${contentType || "no content type"}).`);
  }
  return detected;
}

export function decodeJwtPart(part: string, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new UnreadableInput("jwt_invalid", `The JWT ${what} is not base64url-encoded JSON.`);
  }
  if (!isObject(value)) throw new UnreadableInput("jwt_invalid", `The JWT ${what} is not a JSON object.`);
  return value;
}
