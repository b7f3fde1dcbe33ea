// SVG baking: `<openbadges:credential>` in namespace https://purl.imsglobal.org/ob/v3p0 (3.0),
// or `<openbadges:assertion>` in http://openbadges.org (2.0), with the JSON as CDATA or the
// JWS/URL in a `verify` attribute. Everything outside the credential is left byte-for-byte.
import { ObInputError } from "../errors";
import { checkPayload, COMPACT_JWS, MAX_PAYLOAD_BYTES, OB2_SVG_NAMESPACE, OB3_SVG_NAMESPACE, type BakedPayload } from "./payload";
import { svgHazards } from "./svg-policy";
import { decodeEntities, escapeAttribute, requireSvgRoot, requireSvgText, scanSvg, type ScannedSvg, type SvgElement } from "./svg-scan";

function credentialVersion(element: SvgElement): "3.0" | "2.0" | null {
  // An undeclared `openbadges:` prefix is read by its local name: some bakers omit xmlns.
  const undeclared = element.namespace === undefined && element.name.startsWith("openbadges:");
  if (element.localName === "credential" && (element.namespace === OB3_SVG_NAMESPACE || undeclared)) return "3.0";
  if (element.localName === "assertion" && (element.namespace === OB2_SVG_NAMESPACE || undeclared)) return "2.0";
  return null;
}

function findCredentialElements(scanned: ScannedSvg): SvgElement[] {
  return scanned.elements.filter((element) => credentialVersion(element) !== null);
}

/**
 * The baked credential, or null when the SVG carries none.
 *
 * Throws ObInputError("svg_unsafe") for SVGs that could run script (see assertSafeSvg), even
 * though reading them executes nothing: Laurel never accepts such an image, so it fails loudly
 * here instead of passing on. External references are not refused when only reading.
 */
export function unbakeSvg(svg: string | Uint8Array): BakedPayload | null {
  const text = requireSvgText(svg);
  const scanned = scanSvg(text);
  requireSvgRoot(scanned);
  const { script } = svgHazards(scanned, text);
  if (script.length) throw new ObInputError("svg_unsafe", `This SVG image contains ${script[0]}, which is not allowed.`);

  const found = findCredentialElements(scanned);
  if (found.length === 0) return null;
  if (found.length > 1) {
    throw new ObInputError("svg_multiple_credentials", "The SVG image carries more than one credential.");
  }
  const element = found[0];
  const version = credentialVersion(element)!;
  const body = scanned.text
    .filter((segment) => segment.parent === element)
    .map((segment) => {
      const raw = text.slice(segment.start, segment.end);
      return segment.cdata ? raw : decodeEntities(raw);
    })
    .join("")
    .trim();
  const verify = element.attributes.find((attribute) => attribute.name === "verify")?.value.trim() ?? "";
  // A JWS in `verify` is the credential; with a JSON body (2.0 hosted) `verify` is only its URL.
  const payload = body !== "" ? body : verify;
  if (payload === "") throw new ObInputError("svg_credential_empty", "The SVG image's credential element is empty.");
  if (Buffer.byteLength(payload, "utf8") > MAX_PAYLOAD_BYTES) {
    throw new ObInputError("svg_credential_too_large", "The credential inside the SVG image is too large.");
  }
  return { version, payload };
}

/** Wraps text in CDATA; a "]]>" inside is split across two sections so it survives intact. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

function credentialMarkup(prefix: string, payload: string, version: "3.0" | "2.0"): string {
  const trimmed = payload.trim();
  const local = version === "2.0" ? "assertion" : "credential";
  const tag = `${prefix}:${local}`;
  if (COMPACT_JWS.test(trimmed) || (version === "2.0" && /^https?:\/\/\S+$/.test(trimmed))) {
    return `<${tag} verify="${escapeAttribute(trimmed)}"></${tag}>`;
  }
  // OB 2.0 puts the hosted assertion's URL in `verify` beside the JSON.
  let verify = "";
  if (version === "2.0") {
    try {
      const id = (JSON.parse(trimmed) as { id?: unknown }).id;
      if (typeof id === "string") verify = ` verify="${escapeAttribute(id)}"`;
    } catch {
      // Not JSON: baked as text all the same; verification will say what is wrong with it.
    }
  }
  return `<${tag}${verify}>${cdata(payload)}</${tag}>`;
}

/** Picks the prefix to write with: an existing one bound to `namespace`, else `openbadges`. */
function prefixFor(root: SvgElement, namespace: string): { prefix: string; declare: boolean; rebind: boolean } {
  const bound = root.attributes.find((a) => a.name.startsWith("xmlns:") && a.value === namespace);
  if (bound) return { prefix: bound.name.slice(6), declare: false, rebind: false };
  const taken = root.attributes.some((a) => a.name === "xmlns:openbadges");
  return { prefix: "openbadges", declare: !taken, rebind: taken };
}

/**
 * Bakes `payload` into an SVG: declares the namespace on the root <svg>, then puts the
 * credential element right after the root's start tag, or where the old one was when
 * re-baking. JSON goes in CDATA; a compact JWS (or a 2.0 assertion URL) in `verify`.
 * Refuses SVGs that could run script (ObInputError "svg_unsafe"): Laurel serves the result.
 */
export function bakeSvg(svg: string, payload: string, version: "3.0" | "2.0" = "3.0"): string {
  checkPayload(payload);
  const text = requireSvgText(svg);
  const scanned = scanSvg(text);
  const root = requireSvgRoot(scanned);
  const { script } = svgHazards(scanned, text);
  if (script.length) throw new ObInputError("svg_unsafe", `This SVG image contains ${script[0]}, which is not allowed.`);

  const existing = findCredentialElements(scanned);
  const namespace = version === "2.0" ? OB2_SVG_NAMESPACE : OB3_SVG_NAMESPACE;
  const { prefix, declare, rebind } = prefixFor(root, namespace);
  const markup = credentialMarkup(prefix, payload, version);

  // Edits as [start, end, replacement], applied back to front so offsets stay valid.
  const edits: Array<[number, number, string]> = [];
  existing.forEach((element, index) => edits.push([element.start, element.end, index === 0 ? markup : ""]));

  // The root's start tag: add or rebind the namespace declaration, open a self-closing root.
  let startTag = text.slice(root.start, root.startTagEnd);
  if (rebind) {
    const otherUses = scanned.elements.some(
      (e) => !existing.includes(e) && (e.name.startsWith("openbadges:") || e.attributes.some((a) => a.name.startsWith("openbadges:"))),
    );
    if (otherUses) throw new ObInputError("svg_namespace_conflict", "The SVG image already uses the openbadges prefix for something else.");
    startTag = startTag.replace(/(\sxmlns:openbadges\s*=\s*)(["'])[^"']*\2/, `$1"${namespace}"`);
  } else if (declare) {
    startTag = startTag.replace(/\s*(\/?)>$/, (_m, slash: string) => ` xmlns:${prefix}="${namespace}"${slash}>`);
  }
  if (root.selfClosing) startTag = startTag.replace(/\s*\/>$/, ">") + markup + `</${root.name}>`;
  else if (existing.length === 0) startTag += markup;
  edits.push([root.start, root.startTagEnd, startTag]);

  edits.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [start, end, replacement] of edits) out = out.slice(0, start) + replacement + out.slice(end);
  return out;
}