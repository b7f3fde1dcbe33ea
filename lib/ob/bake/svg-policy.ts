// What an SVG may contain. Two levels: "script" hazards (anything that could run code when the
// image is opened) are refused everywhere, even when only reading a baked credential; "external"
// hazards (anything that loads another resource, which would leak the viewer's visit) and
// drawing bombs are refused for every uploaded image. Names are matched by local name, so a
// prefix (`<svg:script>`, `foo:onload`) hides nothing.
import { ObInputError } from "../errors";
import { requireSvgRoot, requireSvgText, scanSvg, type ScannedSvg, type SvgElement } from "./svg-scan";

const XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

// Elements that run script or host HTML that can.
const SCRIPT_ELEMENTS = new Set(["script", "foreignobject", "handler", "iframe", "embed", "object", "listener"]);
const SCRIPT_URL = /(?:javascript|vbscript|livescript):|data:(?:text\/html|application\/(?:xhtml\+xml|ecmascript|javascript)|text\/javascript)/;
// Only a fragment (#id) may be referenced from CSS.
const EXTERNAL_CSS = /@import|url\(\s*['"]?\s*(?!#)[^)\s'"]/i;
const ACTIVE_CSS = /expression\s*\(|-moz-binding|behavior\s*:/i;
/** Raster images an <image> may embed; their size is checked like an upload's (see lib/images). */
const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp);base64,/i;
/** Where a link (<a href>) may point: it loads nothing until followed. */
const LINK_URL = /^(?:https?:|mailto:)/i;

/**
 * How many elements an SVG may draw once every <use> is expanded: a few levels of <use>
 * referencing groups of <use> multiply into millions of shapes ("billion laughs" for SVG).
 */
export const MAX_SVG_EXPANDED_ELEMENTS = 20_000;

/** Lowercased with whitespace and control characters removed, as browsers read URLs. */
const normalizeUrl = (value: string) => value.replace(/[\s\u0000-\u001f]+/g, "").toLowerCase();

export type SvgHazards = { script: string[]; external: string[] };

export type SvgInspection = {
  /** The root's size attributes as written (units and all). */
  root: { width: string | undefined; height: string | undefined; viewBox: string | undefined };
  /** data: URLs of the raster images <image> elements draw. */
  embeddedImages: string[];
  /** Elements drawn once every <use> is expanded; Infinity for a reference cycle. */
  expandedElements: number;
  hazards: SvgHazards;
};

const localOf = (name: string) => name.slice(name.indexOf(":") + 1).toLowerCase();

export function svgHazards(scanned: ScannedSvg, svg: string, embeddedImages: string[] = []): SvgHazards {
  const script: string[] = [];
  const external: string[] = [];
  // An internal subset can declare entities or default attributes (an ATTLIST can add onload).
  if (scanned.doctype && /<!ENTITY|\[/i.test(scanned.doctype)) script.push("DOCTYPE entity declarations");
  for (const pi of scanned.processingInstructions) {
    if (/^<\?xml-stylesheet/i.test(pi)) script.push("an xml-stylesheet instruction");
  }
  for (const element of scanned.elements) {
    const local = element.localName.toLowerCase();
    if (SCRIPT_ELEMENTS.has(local)) script.push(`a <${element.name}> element`);
    else if (element.namespace === XHTML_NAMESPACE) script.push(`an HTML element (<${element.name}>)`);
    for (const { name, value } of element.attributes) {
      const lower = name.toLowerCase();
      const attrLocal = localOf(lower);
      if (attrLocal.startsWith("on")) script.push(`an event handler attribute (${name})`);
      else if (attrLocal === "attributename" && /^\s*on/i.test(value)) script.push("an animated event handler");
      else if (SCRIPT_URL.test(normalizeUrl(value))) script.push(`a script URL in ${name}`);
      else if (attrLocal === "href" || lower === "src") {
        const url = value.trim();
        if (url === "" || url.startsWith("#")) continue;
        if (local === "a" && LINK_URL.test(url)) continue;
        if (local === "image" && RASTER_DATA_URL.test(url)) embeddedImages.push(url);
        // A document inside a data: URL (<use href="data:…">) is one the checks above never saw.
        else if (/^data:/i.test(url) && local !== "image") script.push(`a data: URL in <${element.name} ${name}>`);
        else external.push(`${name}="${url.length > 60 ? `${url.slice(0, 60)}…` : url}"`);
      } else if (attrLocal === "attributename" && /^\s*(?:[a-z]+:)?href\s*$/i.test(value)) external.push("an animated link");
      else if (ACTIVE_CSS.test(value)) script.push(`active CSS in ${name}`);
      else if (EXTERNAL_CSS.test(value)) external.push(`a CSS reference in ${name}`);
    }
  }
  for (const segment of scanned.text) {
    if (segment.parent?.localName.toLowerCase() !== "style") continue;
    const css = svg.slice(segment.start, segment.end);
    if (SCRIPT_URL.test(normalizeUrl(css)) || ACTIVE_CSS.test(css)) script.push("a script URL in a stylesheet");
    else if (EXTERNAL_CSS.test(css)) external.push("a CSS reference in a stylesheet");
  }
  return { script, external };
}

/**
 * Elements drawn once each <use> is replaced by what it references, counted without building
 * anything (iteratively: hostile nesting must not overflow the stack). Counting stops past
 * `limit`; a reference cycle counts as Infinity.
 */
export function expandedElementCount(scanned: ScannedSvg, limit = MAX_SVG_EXPANDED_ELEMENTS): number {
  const byId = new Map<string, SvgElement>();
  const children = new Map<SvgElement, SvgElement[]>();
  for (const element of scanned.elements) {
    const id = element.attributes.find((a) => a.name === "id" || a.name === "xml:id")?.value;
    if (id !== undefined && !byId.has(id)) byId.set(id, element);
    if (element.parent) {
      const list = children.get(element.parent);
      if (list) list.push(element);
      else children.set(element.parent, [element]);
    }
  }
  const dependencies = (element: SvgElement): SvgElement[] => {
    const own = children.get(element) ?? [];
    if (element.localName.toLowerCase() !== "use") return own;
    const href = element.attributes.find((a) => localOf(a.name) === "href")?.value.trim();
    const target = href?.startsWith("#") ? byId.get(href.slice(1)) : undefined;
    return target ? [...own, target] : own;
  };
  const weight = new Map<SvgElement, number>();
  const open = new Set<SvgElement>();
  const root = scanned.elements[0];
  const frames: Array<{ element: SvgElement; dependencies: SvgElement[]; next: number }> = [{ element: root, dependencies: dependencies(root), next: 0 }];
  open.add(root);
  while (frames.length) {
    const frame = frames[frames.length - 1];
    if (frame.next < frame.dependencies.length) {
      const dependency = frame.dependencies[frame.next++];
      if (open.has(dependency)) return Infinity;
      if (weight.has(dependency)) continue;
      open.add(dependency);
      frames.push({ element: dependency, dependencies: dependencies(dependency), next: 0 });
      continue;
    }
    let total = 1;
    for (const dependency of frame.dependencies) total += weight.get(dependency)!;
    if (total > limit) return total;
    weight.set(frame.element, total);
    open.delete(frame.element);
    frames.pop();
  }
  return weight.get(root) ?? 1;
}

/** Everything an upload check needs to know about an SVG, read in one scan. */
export function inspectSvg(svg: string | Uint8Array): SvgInspection {
  const text = requireSvgText(svg);
  const scanned = scanSvg(text);
  const root = requireSvgRoot(scanned);
  const embeddedImages: string[] = [];
  const hazards = svgHazards(scanned, text, embeddedImages);
  const attribute = (name: string) => root.attributes.find((a) => a.name === name)?.value;
  return {
    root: { width: attribute("width"), height: attribute("height"), viewBox: attribute("viewBox") },
    embeddedImages,
    expandedElements: hazards.script.length ? 0 : expandedElementCount(scanned),
    hazards,
  };
}

/**
 * Refuses SVGs that could run script when opened: <script> (under any prefix), on* handlers,
 * javascript: URLs, foreignObject/iframe/embed/object, HTML elements, data: documents in
 * <use>, DOCTYPE internal subsets, XSLT. With `allowExternalReferences: false` (the default;
 * use it when accepting an upload) it also refuses images that fetch other resources (any
 * reference but a #fragment, a link, or an embedded raster image) and <use> bombs.
 */
export function assertSafeSvg(svg: string | Uint8Array, options: { allowExternalReferences?: boolean } = {}): SvgInspection {
  const inspection = inspectSvg(svg);
  const { script, external } = inspection.hazards;
  if (script.length) throw new ObInputError("svg_unsafe", `This SVG image contains ${script[0]}, which is not allowed.`);
  if (!options.allowExternalReferences && external.length) {
    throw new ObInputError("svg_external_reference", `This SVG image loads an outside resource (${external[0]}).`);
  }
  if (!options.allowExternalReferences && inspection.expandedElements > MAX_SVG_EXPANDED_ELEMENTS) {
    const why = inspection.expandedElements === Infinity ? "a <use> that references itself" : `more than ${MAX_SVG_EXPANDED_ELEMENTS} shapes once its <use> references are expanded`;
    throw new ObInputError("svg_too_complex", `This SVG image has ${why}.`);
  }
  return inspection;
}
