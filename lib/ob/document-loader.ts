// JSON-LD document loader for signing and verifying: bundled contexts, did:key, did:jwk and
// Laurel's own keys resolve in memory; nothing else is fetched unless the caller passes `fetchRemote`.
import { CONTEXTS, DID_V1, MULTIKEY_V1 } from "./contexts";
import { multikeyDocument, publicKeyFromJwk, publicKeyFromMultibase } from "./keys";

/** Returns the parsed JSON of a remote document (the caller decides what may be fetched). */
export type RemoteDocumentFetcher = (url: string) => Promise<unknown>;

export type LoadedDocument = { contextUrl: null; documentUrl: string; document: unknown };
export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

/** `id` is the `<controller>#<key>` form (also a JWT kid); `verificationMethod`, the key's own URL when it has one. */
export type LocalKey = { id: string; controller: string; publicKey: Uint8Array; verificationMethod?: string };

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

export type PublicJsonWebKey = { kty: string; [member: string]: unknown };

/** The public JWK a did:jwk is made of (base64url of its JSON); a private key is refused. */
export function didJwkPublicKey(did: string): PublicJsonWebKey {
  const match = /^did:jwk:([A-Za-z0-9_-]+)$/.exec(did);
  if (!match) throw new Error(`${did} is not a did:jwk DID`);
  let jwk: unknown;
  try {
    jwk = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
  } catch {
    throw new Error(`${did} does not hold a JSON Web Key`);
  }
  if (!jwk || typeof jwk !== "object" || Array.isArray(jwk) || typeof (jwk as { kty?: unknown }).kty !== "string") {
    throw new Error(`${did} does not hold a JSON Web Key`);
  }
  if ("d" in jwk) throw new Error(`${did} holds private key material`);
  return jwk as PublicJsonWebKey;
}

/** The DID document of a did:jwk: the DID's own key, "#0", as a JsonWebKey verification method. */
export function didJwkDocument(did: string): {
  "@context": string[];
  id: string;
  verificationMethod: Array<{ id: string; type: "JsonWebKey"; controller: string; publicKeyJwk: PublicJsonWebKey }>;
  assertionMethod: string[];
  authentication: string[];
  capabilityDelegation: string[];
  capabilityInvocation: string[];
} {
  const vmId = `${did}#0`;
  return {
    "@context": [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [{ id: vmId, type: "JsonWebKey", controller: did, publicKeyJwk: didJwkPublicKey(did) }],
    assertionMethod: [vmId],
    authentication: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  };
}

/**
 * The key of a did:jwk as a verification method document. An Ed25519 key is handed out as a
 * Multikey, the form Data Integrity suites read; other keys as they are (no eddsa proof can
 * have been made with them).
 */
export function didJwkMethod(did: string, id: string): Record<string, unknown> {
  const jwk = didJwkPublicKey(did);
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") return multikeyDocument({ id, controller: did, publicKey: publicKeyFromJwk(jwk) });
  return { "@context": [DID_V1, MULTIKEY_V1], id, type: "JsonWebKey", controller: did, publicKeyJwk: jwk };
}

function resolveDidJwk(url: string): LoadedDocument {
  const [did, fragment] = url.split("#", 2);
  if (fragment === undefined) return result(url, didJwkDocument(did));
  if (fragment !== "0") throw new Error(`did:jwk verification method not found: ${url}`);
  return result(url, didJwkMethod(did, url));
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
    const list = controllers.get(key.controller) ?? [];
    for (const id of new Set([key.id, key.verificationMethod ?? key.id])) {
      const method = multikeyDocument({ id, controller: key.controller, publicKey: key.publicKey });
      methods.set(id, method);
      list.push(method);
    }
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
    if (url.startsWith("did:jwk:")) return resolveDidJwk(url);
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
