// What a baked image carries, and the limits every baker and reader shares.
import { ObInputError } from "../errors";

export type BakedPayload = { version: "3.0" | "2.0"; payload: string };

export const OB3_PNG_KEYWORD = "openbadgecredential";
export const OB2_PNG_KEYWORD = "openbadges";
export const OB3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";
export const OB2_SVG_NAMESPACE = "http://openbadges.org";

/** A credential is a few KB; anything past this inside an image is not one we will read. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

export function checkPayload(payload: string): string {
  if (typeof payload !== "string" || payload.trim() === "") {
    throw new ObInputError("payload_empty", "There is no credential to bake.");
  }
  if (Buffer.byteLength(payload, "utf8") > MAX_PAYLOAD_BYTES) {
    throw new ObInputError("payload_too_large", "The credential is too large to bake into an image.");
  }
  return payload;
}
