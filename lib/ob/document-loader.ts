// JSON-LD document loader for signing and verifying: bundled contexts, did:key and Laurel's own
// keys resolve in memory; nothing else is fetched unless the caller passes `fetchRemote`.
import { CONTEXTS, DID_V1, MULTIKEY_V1 } from "./contexts";
import { multikeyDocument, publicKeyFromMultibase } from "./keys";

/** Returns the parsed JSON of a remote document (the caller decides what may be fetched). */
export type RemoteDocumentFetcher = (url: string) => Promise<unknown>;

export type LoadedDocument = { contextUrl: null; documentUrl: string; document: unknown };
export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

export type LocalKey = { id: string; controller: string; publicKey: Uint8Array };

export class DocumentNotAvailableOfflineError extends Error {
  readonly url: string;
  constructor(url: string) {
    super(`JSON-LD document not available offline: ${url}`);
    this.name = "DocumentNotAvailableOfflineError";
    this.url = url;
  }
}

// Resolved contexts are cached by jsonld across calls only when the loader tags them static.
function contextResult(url: string, document: object): LoadedDocument {
  return { contextUrl: null, documentUrl: url, document, tag: "static" } as LoadedDocument;
}

function result(url: string, document: unknown): LoadedDocument {
  return { contextUrl: null, documentUrl: url, document };
}

/**
 * The DID document of a did:key (Ed25519 only), with its one verification method as a Multikey.
 * Starting the @context with DID v1 lets jsonld-signatures read assertionMethod without framing.
 */
export function didKeyDocument(did: string): {
  "@context": string[];
  id: string;
  verificationMethod: Array<Omit<ReturnType<typeof multikeyDocument>, "@context">>;
  authentication: string[];
  assertionMethod: string[];
  capabilityDelegation: string[];
  capabilityInvocation: string[];
} {
  const multibase = did.slice("did:key:".length);
  const publicKey = publicKeyFromMultibase(multibase);
  const vmId = `${did}#${multibase}`;
  const { "@context": _context, ...vm } = multikeyDocument({ id: vmId, controller: did, publicKey });
  return {
    "@context": [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [vm],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  };
}

function resolveDidKey(url: string): LoadedDocument {
  const [did, fragment] = url.split("#", 2);
  if (!/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/.test(did)) throw new Error(`Unsupported did:key: ${url}`);
  const doc = didKeyDocument(did);
  if (fragment === undefined) return result(url, doc);
  const vm = doc.verificationMethod.find((m) => m.id === url);
  if (!vm) throw new Error(`did:key verification method not found: ${url}`);
  return result(url, { "@context": MULTIKEY_V1, ...vm });
}

const EMBEDDED_METHOD_PROPERTIES = [
  "verificationMethod",
  "assertionMethod",
  "authentication",
  "capabilityInvocation",
  "capabilityDelegation",
  "publicKey",
] as const;

// A remote `…#key` URL usually names a node inside the document at the URL without fragment
// (e.g. a key listed in an issuer profile); pick that node out.
function findEmbeddedNode(document: unknown, url: string): unknown {
  if (!document || typeof document !== "object") return undefined;
  const doc = document as Record<string, unknown>;
  if (doc.id === url) return document;
  for (const property of EMBEDDED_METHOD_PROPERTIES) {
    const values = doc[property];
    for (const value of Array.isArray(values) ? values : [values]) {
      if (value && typeof value === "object" && (value as { id?: unknown }).id === url) {
        const node = value as Record<string, unknown>;
        return "@context" in node || !doc["@context"] ? node : { "@context": doc["@context"], ...node };
      }
    }
  }
  return undefined;
}

export function createDocumentLoader(options: { fetchRemote?: RemoteDocumentFetcher; keys?: LocalKey[] } = {}): DocumentLoader {
  const { fetchRemote } = options;
  const methods = new Map<string, ReturnType<typeof multikeyDocument>>();
  const controllers = new Map<string, Array<ReturnType<typeof multikeyDocument>>>();
  for (const key of options.keys ?? []) {
    const method = multikeyDocument(key);
    methods.set(key.id, method);
    const list = controllers.get(key.controller) ?? [];
    list.push(method);
    controllers.set(key.controller, list);
  }
  // Built once: the same object each time, so verification can skip repeated work.
  const controllerDocs = new Map<string, object>();
  for (const [controller, list] of controllers) {
    controllerDocs.set(controller, {
      "@context": [DID_V1, MULTIKEY_V1],
      id: controller,
      verificationMethod: list.map(({ "@context": _context, ...m }) => m),
      assertionMethod: list.map((m) => m.id),
    });
  }

  return async function documentLoader(url: string): Promise<LoadedDocument> {
    const context = CONTEXTS[url];
    if (context) return contextResult(url, context);
    if (url.startsWith("did:key:")) return resolveDidKey(url);
    const method = methods.get(url);
    if (method) return result(url, method);
    const controllerDoc = controllerDocs.get(url);
    if (controllerDoc) return result(url, controllerDoc);
    if (!fetchRemote) throw new DocumentNotAvailableOfflineError(url);

    const hash = url.indexOf("#");
    if (hash === -1) return result(url, await fetchRemote(url));
    const base = url.slice(0, hash);
    const node = findEmbeddedNode(await fetchRemote(base), url);
    if (node === undefined) throw new Error(`${url} not found in the document at ${base}`);
    return result(url, node);
  };
}
