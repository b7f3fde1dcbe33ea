// Fast RDFC-1.0 canonicalisation for documents that share a shape.
//
// eddsa-rdfc-2022 spends ~95% of its time in jsonld.toRDF (JSON-LD expansion), not in the
// canonicalisation itself. Credentials issued by Laurel differ only in their string values
// (ids, names, dates, hashes), so the expansion is done once per *shape*: string leaves are
// replaced by unique placeholder IRIs, the placeholder document goes through jsonld.toRDF,
// and the resulting quads become a template. Each document then fills the template with its
// own values and only runs rdf-canonize. The output is byte-identical to jsonld.toRDF +
// rdf-canonize (tests compare the two on varied documents); anything the template cannot
// prove equivalent falls back to the full algorithm:
//   - the shape key holds everything that changes how JSON-LD reads a value: keys, @context,
//     `type`, numbers, booleans, nulls, and any string that lands in an IRI position without
//     being a plain absolute http(s)/urn/did IRI (e.g. "@vocab" values) — those are "pinned";
//   - placeholders must come out as whole RDF terms (not inside a JSON literal, say);
//   - only bundled context URLs (resolved through Laurel's own loader) are templated.
import jsonld from "jsonld";
import * as rdfCanonize from "rdf-canonize";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { CONTEXTS } from "./contexts";
import { createDocumentLoader } from "./document-loader";

type Term = { termType: string; value: string; datatype?: Term; language?: string };
type Quad = { subject: Term; predicate: Term; object: Term; graph: Term };
type Slot = { leaf: number; term: Term };
type TemplateQuad = { quad: Quad; subject?: Slot; object?: Slot; graph?: Slot };
type Template = { quads: TemplateQuad[]; iriLeaves: number[] };
type Shape = { pinned: Set<number>; templates: Map<string, Template | null> };

const PLACEHOLDER = "urn:x-laurel-c14n:";
const PLACEHOLDER_EXACT = /^urn:x-laurel-c14n:(\d+)$/;
// Absolute IRIs jsonld keeps verbatim in @id / @vocab positions: the scheme is not a term of
// any bundled context (a test checks), and nothing needs escaping in N-Quads.
const SAFE_IRI = /^(?:https?|urn|did):[^\s<>"{}|\\^`\u0000-\u001f\u007f]*$/;
const MAX_SHAPES = 256;
const MAX_TEMPLATES_PER_SHAPE = 64;

const TO_RDF_OPTIONS = { rdfDirection: "i18n-datatype", safe: true, base: null, produceGeneralizedRdf: false };
const CANONIZE_OPTIONS = { algorithm: "RDFC-1.0", format: "application/n-quads", base: null, safe: true };

const bundledLoader = createDocumentLoader();
const shapes = new Map<string, Shape>();

export type CanonizeStats = { templated: number; fallback: number; templatesBuilt: number };
const stats: CanonizeStats = { templated: 0, fallback: 0, templatesBuilt: 0 };
export function canonizeStats(): CanonizeStats {
  return { ...stats };
}

// Walks the document in a fixed order. `leaves` collects every templatable string; the
// returned key describes everything else. Returns undefined when the document can't be templated.
function describe(document: Record<string, unknown>, leaves: string[]): string | undefined {
  const context = document["@context"];
  const contexts = Array.isArray(context) ? context : [context];
  if (!contexts.every((c) => typeof c === "string" && c in CONTEXTS)) return undefined;
  const parts: string[] = [];
  let ok = true;
  const visit = (value: unknown, raw: boolean): void => {
    if (!ok) return;
    if (typeof value === "string") {
      if (value.includes(PLACEHOLDER)) ok = false;
      else if (raw) parts.push(JSON.stringify(value));
      else {
        parts.push("$");
        leaves.push(value);
      }
    } else if (Array.isArray(value)) {
      parts.push("[");
      for (const item of value) visit(item, raw);
      parts.push("]");
    } else if (value !== null && typeof value === "object") {
      parts.push("{");
      for (const [key, child] of Object.entries(value)) {
        // jsonld and JSON.stringify may disagree on undefined: leave such documents to jsonld
        if (child === undefined) ok = false;
        parts.push(JSON.stringify(key), ":");
        // keyword and type values decide how everything else is read: part of the shape
        visit(child, raw || key.startsWith("@") || key === "type");
      }
      parts.push("}");
    } else if (typeof value === "number" || typeof value === "boolean" || value === null) {
      parts.push(JSON.stringify(value));
    } else {
      ok = false;
    }
  };
  visit(document, false);
  return ok ? parts.join("") : undefined;
}

function withPlaceholders(value: unknown, raw: boolean, leaves: string[], pinned: Set<number>, counter: { i: number }): unknown {
  if (typeof value === "string") {
    if (raw) return value;
    const leaf = counter.i++;
    return pinned.has(leaf) ? leaves[leaf] : PLACEHOLDER + leaf;
  }
  if (Array.isArray(value)) return value.map((item) => withPlaceholders(item, raw, leaves, pinned, counter));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = withPlaceholders(child, raw || key.startsWith("@") || key === "type", leaves, pinned, counter);
    }
    return out;
  }
  return value;
}

function slotOf(term: Term): Slot | undefined | false {
  if (!term.value.includes(PLACEHOLDER)) return undefined;
  const match = PLACEHOLDER_EXACT.exec(term.value);
  if (!match || (term.termType !== "NamedNode" && term.termType !== "Literal")) return false;
  return { leaf: Number(match[1]), term };
}

async function buildTemplate(document: Record<string, unknown>, leaves: string[], pinned: Set<number>): Promise<Template | null> {
  const placeholderDoc = withPlaceholders(document, false, leaves, pinned, { i: 0 });
  let dataset: Quad[];
  try {
    dataset = await jsonld.toRDF(placeholderDoc, { ...TO_RDF_OPTIONS, documentLoader: bundledLoader });
  } catch {
    return null;
  }
  stats.templatesBuilt++;
  const quads: TemplateQuad[] = [];
  const iriLeaves = new Set<number>();
  for (const quad of dataset) {
    if (quad.predicate.value.includes(PLACEHOLDER) || quad.object.datatype?.value.includes(PLACEHOLDER)) return null;
    const entry: TemplateQuad = { quad };
    for (const position of ["subject", "object", "graph"] as const) {
      const slot = slotOf(quad[position]);
      if (slot === false) return null;
      if (slot) {
        entry[position] = slot;
        if (slot.term.termType === "NamedNode") iriLeaves.add(slot.leaf);
      }
    }
    quads.push(entry);
  }
  return { quads, iriLeaves: [...iriLeaves] };
}

function fill(template: Template, leaves: string[]): Quad[] {
  const out: Quad[] = [];
  const seen = new Set<string>();
  const term = (slot: Slot | undefined, fixed: Term): Term => (slot ? { ...slot.term, value: leaves[slot.leaf] } : fixed);
  for (const { quad, subject, object, graph } of template.quads) {
    const filled: Quad = {
      subject: term(subject, quad.subject),
      predicate: quad.predicate,
      object: term(object, quad.object),
      graph: term(graph, quad.graph),
    };
    // Two placeholders can stand for the same IRI (e.g. the issuer and the achievement's
    // creator); jsonld merges such nodes, so their identical quads appear once.
    const key = `${filled.subject.value}\u0000${filled.predicate.value}\u0000${filled.object.termType}\u0000${filled.object.value}\u0000${filled.object.datatype?.value ?? ""}\u0000${filled.object.language ?? ""}\u0000${filled.graph.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(filled);
  }
  return out;
}

async function templatedDataset(document: Record<string, unknown>): Promise<Quad[] | undefined> {
  const leaves: string[] = [];
  const shapeKey = describe(document, leaves);
  if (shapeKey === undefined) return undefined;
  let shape = shapes.get(shapeKey);
  if (!shape) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shape = { pinned: new Set(), templates: new Map() };
    shapes.set(shapeKey, shape);
  }
  // Each round either succeeds or pins at least one more leaf, so this ends.
  for (let round = 0; round <= leaves.length; round++) {
    const pinnedKey = [...shape.pinned].sort((a, b) => a - b).map((i) => `${i}=${leaves[i]}`).join("\u0000");
    let template = shape.templates.get(pinnedKey);
    if (template === undefined) {
      if (shape.templates.size >= MAX_TEMPLATES_PER_SHAPE) shape.templates.clear();
      template = await buildTemplate(document, leaves, shape.pinned);
      shape.templates.set(pinnedKey, template);
    }
    if (template === null) return undefined;
    const unsafe = template.iriLeaves.filter((leaf) => !SAFE_IRI.test(leaves[leaf]));
    if (unsafe.length === 0) return fill(template, leaves);
    for (const leaf of unsafe) shape.pinned.add(leaf);
  }
  return undefined;
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document: the same string the eddsa-rdfc-2022
 * cryptosuite produces, computed from a per-shape template when possible.
 */
export async function canonizeTemplated(document: object, options: Record<string, unknown> = {}): Promise<string> {
  const dataset = await templatedDataset(document as Record<string, unknown>);
  if (!dataset) {
    stats.fallback++;
    return eddsaRdfc2022.canonize(document, { documentLoader: bundledLoader, ...options });
  }
  stats.templated++;
  return rdfCanonize.canonize(dataset, { ...CANONIZE_OPTIONS, ...options, algorithm: "RDFC-1.0", format: "application/n-quads" });
}

/** The reference path (jsonld.toRDF + rdf-canonize), for comparison and for anything unusual. */
export async function canonizeWithJsonLd(document: object): Promise<string> {
  return eddsaRdfc2022.canonize(document, { documentLoader: bundledLoader });
}

/**
 * eddsa-rdfc-2022 with the templated canonicaliser: same name, same proofs, usable wherever the
 * Digital Bazaar cryptosuite is (DataIntegrityProof for signing and verifying).
 */
export const fastEddsaRdfc2022 = { ...eddsaRdfc2022, canonize: canonizeTemplated };
