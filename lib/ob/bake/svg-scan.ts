// A small, strict SVG scanner rather than a DOM: it only needs tag boundaries, attributes and
// namespaces, must never evaluate anything, and must let the untouched text be copied as is.
import { ObInputError } from "../errors";

export type Attribute = { name: string; value: string };
export type SvgElement = {
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
  /** The enclosing element (undefined for the root). */
  parent: SvgElement | undefined;
};
export type TextSegment = { start: number; end: number; cdata: boolean; parent: SvgElement | undefined };
export type ScannedSvg = {
  elements: SvgElement[];
  text: TextSegment[];
  doctype: string | undefined;
  processingInstructions: string[];
};

const invalid = (why: string) => new ObInputError("svg_invalid", `This SVG image is not well-formed XML (${why}).`);

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref] ?? whole;
  });
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

const TAG_NAME = /[^\s/>=<"']+/y;
const ATTRIBUTE = /\s*([^\s/>=<"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

export function scanSvg(svg: string): ScannedSvg {
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
        parent: stack[stack.length - 1]?.element,
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
export function skipMisc(text: string, i: number): number {
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
export function doctypeEnd(text: string, lt: number): number {
  const firstClose = text.indexOf(">", lt);
  const bracket = text.indexOf("[", lt);
  if (bracket !== -1 && firstClose !== -1 && bracket < firstClose) {
    const subsetEnd = text.indexOf("]", bracket);
    const close = subsetEnd === -1 ? -1 : text.indexOf(">", subsetEnd);
    return close === -1 ? -1 : close + 1;
  }
  return firstClose === -1 ? -1 : firstClose + 1;
}

export const isDoctype = (text: string, i: number) => text.slice(i, i + 9).toUpperCase() === "<!DOCTYPE";

/** Local name of the first element, reading only the prolog (for sniffing a file type). */
export function rootElementName(head: string): string | null {
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

export function requireSvgText(svg: unknown): string {
  if (typeof svg === "string") return svg;
  if (svg instanceof Uint8Array) return Buffer.from(svg.buffer, svg.byteOffset, svg.length).toString("utf8");
  throw new ObInputError("svg_invalid", "Expected the text of an SVG image.");
}

export function requireSvgRoot(scanned: ScannedSvg): SvgElement {
  const root = scanned.elements[0];
  if (root.localName !== "svg") throw new ObInputError("svg_invalid", "This file is not an SVG image.");
  return root;
}
