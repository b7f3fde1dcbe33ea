/**
 * Baking: carrying a credential inside its badge image.
 *
 * PNG (OB 3.0 §5.3 / OB 2.0 baking): one `iTXt` chunk, keyword `openbadgecredential` (3.0) or
 * `openbadges` (2.0), holding JSON, a compact JWS/JWT, or (2.0) the assertion URL.
 * SVG: `<openbadges:credential>` in namespace https://purl.imsglobal.org/ob/v3p0 (3.0), or
 * `<openbadges:assertion>` in http://openbadges.org (2.0), with the JSON as CDATA or the
 * JWS/URL in a `verify` attribute.
 *
 * Everything outside the credential is left byte-for-byte as it was. Malformed or hostile input
 * ends in an ObInputError with a stable code, never an exception from deep inside a parser.
 *
 * payload.ts: what is baked and its limits · png.ts: PNG chunks, baking, header checks ·
 * svg-scan.ts: the XML scanner · svg-policy.ts: what an SVG may contain · svg.ts: SVG baking.
 */
import { isPngSignature } from "./png";
import { rootElementName } from "./svg-scan";

export { OB2_PNG_KEYWORD, OB2_SVG_NAMESPACE, OB3_PNG_KEYWORD, OB3_SVG_NAMESPACE, type BakedPayload } from "./payload";
export { bakePng, isPngSignature, readPngHeader, unbakePng, validatePng, type PngHeader } from "./png";
export { assertSafeSvg, inspectSvg, MAX_SVG_EXPANDED_ELEMENTS, type SvgInspection } from "./svg-policy";
export { bakeSvg, unbakeSvg } from "./svg";

export function detectImageType(bytes: Uint8Array): "png" | "svg" | null {
  if (isPngSignature(bytes)) return "png";
  // The root element sits after the prolog, which is short in practice.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024)).toString("utf8");
  try {
    return rootElementName(head) === "svg" ? "svg" : null;
  } catch {
    return null;
  }
}
