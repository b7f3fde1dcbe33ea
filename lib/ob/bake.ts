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
 */
import * as zlib from "node:zlib";
import { ObInputError } from "./errors";

export type BakedPayload = { version: "3.0" | "2.0"; payload: string };

export const OB3_PNG_KEYWORD = "openbadgecredential";
export const OB2_PNG_KEYWORD = "openbadges";
export const OB3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";
export const OB2_SVG_NAMESPACE = "http://openbadges.org";

/** A credential is a few KB; anything past this inside an image is not one we will read. */
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

function checkPayload(payload: string): string {
  if (typeof payload !== "string" || payload.trim() === "") {
    throw new ObInputError("payload_empty", "There is no credential to bake.");
  }
  if (Buffer.byteLength(payload, "utf8") > MAX_PAYLOAD_BYTES) {
    throw new ObInputError("payload_too_large", "The credential is too large to bake into an image.");
  }
  return payload;
}

export function detectImageType(bytes: Uint8Array): "png" | "svg" | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "png";
  // The root element sits after the prolog, which is short in practice.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024)).toString("utf8");
  try {
    return rootElementName(head) === "svg" ? "svg" : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

// zlib.crc32 only exists from Node 20.15/22.2; the table keeps older runtimes working.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

function crc32(data: Uint8Array): number {
  if (typeof nativeCrc32 === "function") return nativeCrc32(data) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

type PngChunk = {
  type: string;
  /** Offset of the length field; the whole chunk is bytes[start, end). */
  start: number;
  end: number;
  data: Uint8Array;
};

function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/** Walks and validates every chunk: signature, lengths, types, CRCs, IHDR first, IEND last. */
function readPngChunks(png: Uint8Array): { chunks: PngChunk[]; trailer: Uint8Array } {
  if (!(png instanceof Uint8Array) || png.length < 8 || !PNG_SIGNATURE.every((b, i) => png[i] === b)) {
    throw new ObInputError("png_invalid", "This file is not a PNG image.");
  }
  const chunks: PngChunk[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 12 > png.length) {
      throw new ObInputError("png_truncated", "The PNG image is cut short (it ends before its last chunk).");
    }
    const length = readUint32(png, offset);
    if (length > 0x7fffffff) {
      throw new ObInputError("png_invalid", "The PNG image has a chunk with an impossible length.");
    }
    const typeBytes = png.subarray(offset + 4, offset + 8);
    if (!typeBytes.every((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) {
      throw new ObInputError("png_invalid", "The PNG image has a chunk with an invalid type.");
    }
    const end = offset + 12 + length;
    if (end > png.length) {
      throw new ObInputError("png_truncated", "The PNG image is cut short (a chunk runs past the end of the file).");
    }
    const type = String.fromCharCode(...typeBytes);
    const expected = readUint32(png, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== expected) {
      throw new ObInputError("png_bad_crc", `The PNG image is corrupt (checksum mismatch in a ${type} chunk).`);
    }
    if (chunks.length === 0 && type !== "IHDR") {
      throw new ObInputError("png_invalid", "The PNG image does not start with an IHDR chunk.");
    }
    chunks.push({ type, start: offset, end, data: png.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === "IEND") break;
  }
  // Bytes after IEND are not part of the image; they are kept as they were.
  return { chunks, trailer: png.subarray(offset) };
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");

function inflateText(compressed: Uint8Array): Uint8Array {
  try {
    return zlib.inflateSync(compressed, { maxOutputLength: MAX_PAYLOAD_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ObInputError("png_credential_too_large", "The credential inside the PNG image is too large.");
    }
    throw new ObInputError("png_chunk_invalid", "The credential inside the PNG image is corrupt (bad compression).");
  }
}

/** The Open Badges keyword of a text chunk, or null for any other chunk. Cheap: no inflating. */
function obKeyword(chunk: PngChunk): typeof OB3_PNG_KEYWORD | typeof OB2_PNG_KEYWORD | null {
  if (chunk.type !== "iTXt" && chunk.type !== "tEXt" && chunk.type !== "zTXt") return null;
  const nul = chunk.data.indexOf(0);
  const keyword = latin1(nul === -1 ? chunk.data : chunk.data.subarray(0, nul));
  return keyword === OB3_PNG_KEYWORD || keyword === OB2_PNG_KEYWORD ? keyword : null;
}

function chunkText(chunk: PngChunk): string {
  const data = chunk.data;
  const keywordEnd = data.indexOf(0);
  if (keywordEnd === -1) throw new ObInputError("png_chunk_invalid", `The PNG ${chunk.type} chunk has no keyword separator.`);
  if (chunk.type === "tEXt") return latin1(data.subarray(keywordEnd + 1));
  if (chunk.type === "zTXt") {
    if (data[keywordEnd + 1] !== 0) throw new ObInputError("png_chunk_invalid", "Unknown compression in the PNG zTXt chunk.");
    return latin1(inflateText(data.subarray(keywordEnd + 2)));
  }
  // iTXt: keyword \0 flag method language \0 translated keyword \0 text
  const flag = data[keywordEnd + 1];
  const method = data[keywordEnd + 2];
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd === -1 ? -1 : data.indexOf(0, languageEnd + 1);
  if (flag === undefined || method === undefined || translatedEnd === -1 || (flag !== 0 && flag !== 1)) {
    throw new ObInputError("png_chunk_invalid", "The PNG iTXt chunk holding the credential is malformed.");
  }
  const text = data.subarray(translatedEnd + 1);
  if (flag === 0) return utf8(text);
  if (method !== 0) throw new ObInputError("png_chunk_invalid", "Unknown compression in the PNG iTXt chunk.");
  return utf8(inflateText(text));
}

function itxtChunk(keyword: string, text: string): Uint8Array {
  const body = Buffer.concat([
    Buffer.from(keyword, "latin1"),
    // separator, compression flag 0, method 0, empty language tag + \0, empty translated keyword + \0
    Uint8Array.of(0, 0, 0, 0, 0),
    Buffer.from(text, "utf8"),
  ]);
  const chunk = Buffer.alloc(body.length + 12);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write("iTXt", 4, "latin1");
  body.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  return chunk;
}

/**
 * Bakes `payload` into a PNG: one uncompressed iTXt chunk right after IHDR, replacing any
 * Open Badges chunk already there (either keyword). Every other chunk is copied unchanged.
 */
export function bakePng(png: Uint8Array, payload: string, version: "3.0" | "2.0" = "3.0"): Uint8Array {
  checkPayload(payload);
  const { chunks, trailer } = readPngChunks(png);
  const keyword = version === "2.0" ? OB2_PNG_KEYWORD : OB3_PNG_KEYWORD;
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const chunk of chunks) {
    if (obKeyword(chunk)) continue;
    parts.push(png.subarray(chunk.start, chunk.end));
    if (chunk.type === "IHDR") parts.push(itxtChunk(keyword, payload));
  }
  parts.push(trailer);
  return new Uint8Array(Buffer.concat(parts));
}

/** The baked credential, or null when the PNG carries none. Two credentials is an error. */
export function unbakePng(png: Uint8Array): BakedPayload | null {
  const { chunks } = readPngChunks(png);
  const found = chunks.filter((chunk) => obKeyword(chunk) !== null);
  if (found.length === 0) return null;
  if (found.length > 1) {
    throw new ObInputError("png_multiple_credentials", "The PNG image carries more than one credential.");
  }
  const payload = chunkText(found[0]).trim();
  if (payload === "") throw new ObInputError("png_credential_empty", "The PNG image's credential chunk is empty.");
  return { version: obKeyword(found[0]) === OB3_PNG_KEYWORD ? "3.0" : "2.0", payload };
}

// ---------------------------------------------------------------------------------------------
// SVG
//
// A small, strict scanner rather than a DOM: it only needs tag boundaries, attributes and
// namespaces, must never evaluate anything, and must let the untouched text be copied as is.

type Attribute = { name: string; value: string };
type SvgElement = {
  name: string;
  localName: string;
  namespace: string | undefined;
  attributes: Attribute[];
  /** [start, end) of the start tag (or of the whole empty-element tag). */
  start: number;
  startTagEnd: number;
  selfClosing: boolean;
  /** [contentStart, contentEnd) between the tags and the end of the end tag; set when closed. */
  contentEnd: number;
  end: number;
  depth: number;
};
type TextSegment = { start: number; end: number; cdata: boolean; parent: SvgElement | undefined };
type ScannedSvg = {
  elements: SvgElement[];
  text: TextSegment[];
  doctype: string | undefined;
  processingInstructions: string[];
};

const invalid = (why: string) => new ObInputError("svg_invalid", `This SVG image is not well-formed XML (${why}).`);

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref] ?? whole;
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

const TAG_NAME = /[^\s/>=<"']+/y;
const ATTRIBUTE = /\s*([^\s/>=<"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

function scanSvg(svg: string): ScannedSvg {
  const elements: SvgElement[] = [];
  const text: TextSegment[] = [];
  const processingInstructions: string[] = [];
  let doctype: string | undefined;
  const stack: Array<{ element: SvgElement; namespaces: Map<string, string> }> = [];
  const rootNamespaces = new Map<string, string>([["xml", "http://www.w3.org/XML/1998/namespace"]]);
  let i = 0;
  const n = svg.length;
  const parent = () => stack[stack.length - 1]?.element;

  while (i < n) {
    const lt = svg.indexOf("<", i);
    if (lt === -1) {
      if (stack.length) text.push({ start: i, end: n, cdata: false, parent: parent() });
      break;
    }
    if (lt > i && stack.length) text.push({ start: i, end: lt, cdata: false, parent: parent() });

    if (svg.startsWith("<!--", lt)) {
      const close = svg.indexOf("-->", lt + 4);
      if (close === -1) throw invalid("unterminated comment");
      i = close + 3;
    } else if (svg.startsWith("<![CDATA[", lt)) {
      const close = svg.indexOf("]]>", lt + 9);
      if (close === -1) throw invalid("unterminated CDATA section");
      if (!stack.length) throw invalid("CDATA outside the root element");
      text.push({ start: lt + 9, end: close, cdata: true, parent: parent() });
      i = close + 3;
    } else if (svg.startsWith("<?", lt)) {
      const close = svg.indexOf("?>", lt + 2);
      if (close === -1) throw invalid("unterminated processing instruction");
      processingInstructions.push(svg.slice(lt, close + 2));
      i = close + 2;
    } else if (isDoctype(svg, lt)) {
      if (elements.length || doctype !== undefined) throw invalid("misplaced DOCTYPE");
      const end = doctypeEnd(svg, lt);
      if (end === -1) throw invalid("unterminated DOCTYPE");
      doctype = svg.slice(lt, end);
      i = end;
    } else if (svg[lt + 1] === "!") {
      throw invalid("unexpected markup declaration");
    } else if (svg[lt + 1] === "/") {
      TAG_NAME.lastIndex = lt + 2;
      const match = TAG_NAME.exec(svg);
      if (!match) throw invalid("end tag without a name");
      const close = svg.indexOf(">", TAG_NAME.lastIndex);
      if (close === -1 || svg.slice(TAG_NAME.lastIndex, close).trim() !== "") throw invalid("malformed end tag");
      const open = stack.pop();
      if (!open || open.element.name !== match[0]) throw invalid(`unexpected </${match[0]}>`);
      open.element.contentEnd = lt;
      open.element.end = close + 1;
      i = close + 1;
      if (!stack.length) {
        // Only whitespace, comments and processing instructions may follow the root.
        if (skipMisc(svg, i) !== n) throw invalid("content after the root element");
        break;
      }
    } else {
      if (!stack.length && elements.length) throw invalid("more than one root element");
      TAG_NAME.lastIndex = lt + 1;
      const match = TAG_NAME.exec(svg);
      if (!match) throw invalid("a '<' that starts no tag");
      const name = match[0];
      const attributes: Attribute[] = [];
      let pos = TAG_NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = pos;
        const attr = ATTRIBUTE.exec(svg);
        if (!attr) break;
        attributes.push({ name: attr[1], value: decodeEntities(attr[2] ?? attr[3]) });
        pos = ATTRIBUTE.lastIndex;
      }
      const tail = /\s*(\/?)>/y;
      tail.lastIndex = pos;
      const closing = tail.exec(svg);
      if (!closing) throw invalid(`malformed <${name}> tag`);
      const namespaces = new Map(stack.length ? stack[stack.length - 1].namespaces : rootNamespaces);
      for (const { name: attrName, value } of attributes) {
        if (attrName === "xmlns") namespaces.set("", value);
        else if (attrName.startsWith("xmlns:")) namespaces.set(attrName.slice(6), value);
      }
      const colon = name.indexOf(":");
      const prefix = colon === -1 ? "" : name.slice(0, colon);
      const element: SvgElement = {
        name,
        localName: colon === -1 ? name : name.slice(colon + 1),
        namespace: namespaces.get(prefix),
        attributes,
        start: lt,
        startTagEnd: tail.lastIndex,
        selfClosing: closing[1] === "/",
        contentEnd: tail.lastIndex,
        end: tail.lastIndex,
        depth: stack.length,
      };
      elements.push(element);
      i = tail.lastIndex;
      if (!element.selfClosing) stack.push({ element, namespaces });
      else if (!stack.length) {
        if (skipMisc(svg, i) !== n) throw invalid("content after the root element");
        break;
      }
    }
  }
  if (stack.length) throw invalid(`<${stack[stack.length - 1].element.name}> is never closed`);
  if (!elements.length) throw invalid("no root element");
  return { elements, text, doctype, processingInstructions };
}

/**
 * Index just past any whitespace, comments and processing instructions from `i` (the only
 * things allowed around the root element). A loop, not a regex: no backtracking on hostile text.
 */
function skipMisc(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith("<!--", i)) {
      const close = text.indexOf("-->", i + 4);
      if (close === -1) return i;
      i = close + 3;
    } else if (text.startsWith("<?", i)) {
      const close = text.indexOf("?>", i + 2);
      if (close === -1) return i;
      i = close + 2;
    } else {
      return i;
    }
  }
}

/** End of a DOCTYPE starting at `lt` (past its '>'), skipping an internal subset in brackets. */
function doctypeEnd(text: string, lt: number): number {
  const firstClose = text.indexOf(">", lt);
  const bracket = text.indexOf("[", lt);
  if (bracket !== -1 && firstClose !== -1 && bracket < firstClose) {
    const subsetEnd = text.indexOf("]", bracket);
    const close = subsetEnd === -1 ? -1 : text.indexOf(">", subsetEnd);
    return close === -1 ? -1 : close + 1;
  }
  return firstClose === -1 ? -1 : firstClose + 1;
}

const isDoctype = (text: string, i: number) => text.slice(i, i + 9).toUpperCase() === "<!DOCTYPE";

/** Local name of the first element, reading only the prolog (for sniffing a file type). */
function rootElementName(head: string): string | null {
  let i = skipMisc(head, head.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (isDoctype(head, i)) {
    const end = doctypeEnd(head, i);
    if (end === -1) return null;
    i = skipMisc(head, end);
  }
  if (head[i] !== "<") return null;
  TAG_NAME.lastIndex = i + 1;
  const match = TAG_NAME.exec(head);
  if (!match || /^[!?]/.test(match[0])) return null;
  const colon = match[0].indexOf(":");
  return colon === -1 ? match[0] : match[0].slice(colon + 1);
}

// Elements that run script or host HTML that can.
const SCRIPT_ELEMENTS = new Set(["script", "foreignobject", "handler", "iframe", "embed", "object", "listener"]);
const SCRIPT_URL = /(?:javascript|vbscript|livescript):|data:(?:text\/html|application\/(?:xhtml\+xml|ecmascript|javascript)|text\/javascript)/;
const REFERENCE_ATTRIBUTES = new Set(["href", "xlink:href", "src"]);
const EXTERNAL_CSS = /@import|url\(\s*['"]?\s*(?!#|data:)[^)\s'"]/i;

/** Lowercased with whitespace and control characters removed, as browsers read URLs. */
const normalizeUrl = (value: string) => value.replace(/[\s\u0000-\u001f]+/g, "").toLowerCase();

function svgHazards(scanned: ScannedSvg, svg: string): { script: string[]; external: string[] } {
  const script: string[] = [];
  const external: string[] = [];
  if (scanned.doctype && /<!ENTITY/i.test(scanned.doctype)) script.push("DOCTYPE entity declarations");
  for (const pi of scanned.processingInstructions) {
    if (/^<\?xml-stylesheet/i.test(pi)) script.push("an xml-stylesheet instruction");
  }
  for (const element of scanned.elements) {
    const local = element.localName.toLowerCase();
    if (SCRIPT_ELEMENTS.has(local)) script.push(`a <${element.name}> element`);
    for (const { name, value } of element.attributes) {
      const lower = name.toLowerCase();
      const attrLocal = lower.slice(lower.indexOf(":") + 1);
      if (attrLocal.startsWith("on")) script.push(`an event handler attribute (${name})`);
      else if (lower === "attributename" && /^\s*on/i.test(value)) script.push("an animated event handler");
      else if (SCRIPT_URL.test(normalizeUrl(value))) script.push(`a script URL in ${name}`);
      // A link (<a href>) loads nothing until followed; other references load with the image.
      else if ((REFERENCE_ATTRIBUTES.has(lower) || attrLocal === "href") && local !== "a") {
        const url = value.trim();
        if (url !== "" && !url.startsWith("#") && !/^data:/i.test(url)) external.push(`${name}="${url}"`);
      } else if (EXTERNAL_CSS.test(value)) external.push(`a CSS reference in ${name}`);
    }
  }
  for (const segment of scanned.text) {
    if (segment.parent?.localName.toLowerCase() !== "style") continue;
    const css = svg.slice(segment.start, segment.end);
    if (SCRIPT_URL.test(normalizeUrl(css))) script.push("a script URL in a stylesheet");
    else if (EXTERNAL_CSS.test(css)) external.push("a CSS reference in a stylesheet");
  }
  return { script, external };
}

/**
 * Refuses SVGs that could run script when opened: <script>, on* handlers, javascript: URLs,
 * foreignObject/iframe/embed/object, entity declarations, XSLT. With
 * `allowExternalReferences: false` (use it when accepting an upload) it also refuses images
 * that fetch other resources, which would leak the viewer's visit.
 */
export function assertSafeSvg(svg: string, options: { allowExternalReferences?: boolean } = {}): void {
  const scanned = scanSvg(requireSvgText(svg));
  requireSvgRoot(scanned);
  const { script, external } = svgHazards(scanned, svg);
  if (script.length) throw new ObInputError("svg_unsafe", `This SVG image contains ${script[0]}, which is not allowed.`);
  if (!options.allowExternalReferences && external.length) {
    throw new ObInputError("svg_external_reference", `This SVG image loads an outside resource (${external[0]}).`);
  }
}

function requireSvgText(svg: unknown): string {
  if (typeof svg === "string") return svg;
  if (svg instanceof Uint8Array) return Buffer.from(svg.buffer, svg.byteOffset, svg.length).toString("utf8");
  throw new ObInputError("svg_invalid", "Expected the text of an SVG image.");
}

function requireSvgRoot(scanned: ScannedSvg): SvgElement {
  const root = scanned.elements[0];
  if (root.localName !== "svg") throw new ObInputError("svg_invalid", "This file is not an SVG image.");
  return root;
}

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
