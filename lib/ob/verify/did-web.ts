// did:web (W3C CCG did:web method): the DID document lives at an https URL derived from the DID.
import type { Remote } from "./remote";
import { asArray, CannotCheckError, isObject, type Json } from "./result";

const DID_WEB = /^did:web:([^#?/]+)$/;

/** did:web:example.com → https://example.com/.well-known/did.json; did:web:example.com:u:1 → https://example.com/u/1/did.json */
export function didWebDocumentUrl(did: string): string {
  const match = DID_WEB.exec(did);
  if (!match) throw new Error(`${did} is not a did:web DID`);
  const [host, ...path] = match[1].split(":").map((part) => decodeURIComponent(part));
  if (!host || /[/@]/.test(host) || path.some((segment) => segment === "" || segment === "." || segment === ".." || segment.includes("/"))) {
    throw new Error(`${did} is not a valid did:web DID`);
  }
  return path.length === 0 ? `https://${host}/.well-known/did.json` : `https://${host}/${path.map(encodeURIComponent).join("/")}/did.json`;
}

/** Verification method ids may be relative ("#key-1") inside a DID document. */
function absolute(id: unknown, did: string): unknown {
  return typeof id === "string" && id.startsWith("#") ? did + id : id;
}

/** The DID document with every verification method id made absolute; its id must be the DID. */
export async function resolveDidWeb(did: string, remote: Remote): Promise<Json> {
  const url = didWebDocumentUrl(did);
  let document: unknown;
  try {
    document = await remote.json(url);
  } catch (error) {
    throw new CannotCheckError(`the DID document of ${did} could not be fetched from ${url} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(document) || document.id !== did) throw new Error(`${url} does not hold the DID document of ${did}`);
  const methods = asArray(document.verificationMethod).map((m) => (isObject(m) ? { ...m, id: absolute(m.id, did), controller: absolute(m.controller, did) ?? did } : m));
  const relations = (values: unknown) => asArray(values).map((v) => (isObject(v) ? { ...v, id: absolute(v.id, did) } : absolute(v, did)));
  return { ...document, verificationMethod: methods, assertionMethod: relations(document.assertionMethod) };
}
