// The two proofs every Laurel credential carries: a VC-JWT (OB 3.0 §8.2) and a Data Integrity
// proof (DataIntegrityProof / eddsa-rdfc-2022, OB 3.0 §8.3). Both use the issuer's Ed25519 key.
import { sign as ed25519Sign, type KeyObject } from "node:crypto";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { SignJWT } from "jose";
import { isoDateTime } from "./build";
import { createDocumentLoader, type DocumentLoader } from "./document-loader";
import { ed25519PrivateKeyObject, type SigningKey } from "./keys";

const ASSERTION_METHOD = "assertionMethod";

// One KeyObject per key: importing a key costs more than an Ed25519 signature.
const keyObjects = new Map<string, { privateKey: Uint8Array; keyObject: KeyObject }>();

export function signingKeyObject(key: SigningKey): KeyObject {
  const cached = keyObjects.get(key.id);
  // Compared by content: a rotated key may reuse an id in tests, never silently sign with the old one.
  if (cached && Buffer.compare(Buffer.from(cached.privateKey), Buffer.from(key.privateKey)) === 0) return cached.keyObject;
  const keyObject = ed25519PrivateKeyObject(key.privateKey);
  keyObjects.set(key.id, { privateKey: Uint8Array.from(key.privateKey), keyObject });
  return keyObject;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string") return (value as { id: string }).id;
  return undefined;
}

function secondsOf(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new Error(`Credential ${field} is not a date: ${String(value)}`);
  return Math.floor(time / 1000);
}

/** The VC-JWT claims for a credential: the credential itself plus the registered claims. */
export function jwtClaims(credential: Record<string, unknown>): Record<string, unknown> {
  const { proof: _proof, ...payload } = credential;
  const issuer = idOf(credential.issuer);
  if (!issuer) throw new Error("Credential has no issuer id");
  const subject = Array.isArray(credential.credentialSubject) ? undefined : idOf(credential.credentialSubject);
  const claims: Record<string, unknown> = { ...payload, iss: issuer };
  if (subject) claims.sub = subject;
  if (typeof credential.id === "string") claims.jti = credential.id;
  const nbf = secondsOf(credential.validFrom, "validFrom");
  if (nbf !== undefined) claims.nbf = nbf;
  const exp = secondsOf(credential.validUntil, "validUntil");
  if (exp !== undefined) claims.exp = exp;
  return claims;
}

/** VC-JWT: header { alg: "EdDSA", typ: "JWT", kid }, payload = credential (no proof) + iss/sub/jti/nbf/exp. */
export async function signCredentialJwt(credential: Record<string, unknown>, key: SigningKey): Promise<string> {
  return new SignJWT(jwtClaims(credential))
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: key.id })
    .sign(signingKeyObject(key));
}

type Signer = { id: string; algorithm: "Ed25519"; sign(input: { data: Uint8Array }): Promise<Uint8Array> };

function signer(key: SigningKey): Signer {
  const keyObject = signingKeyObject(key);
  return {
    id: key.id,
    algorithm: "Ed25519",
    async sign({ data }) {
      return ed25519Sign(null, data, keyObject);
    },
  };
}

// Only what DataIntegrityProof.createProof needs from jsonld-signatures' AssertionProofPurpose.
const assertionPurpose = {
  term: ASSERTION_METHOD,
  async update(proof: Record<string, unknown>) {
    proof.proofPurpose = ASSERTION_METHOD;
    return proof;
  },
};

// Signing needs only contexts: sharing one loader keeps jsonld's resolved-context cache warm.
const contextLoader: DocumentLoader = createDocumentLoader();

/** RDFC-1.0 canonical N-Quads of a JSON-LD document, exactly as eddsa-rdfc-2022 hashes it. */
export async function canonizeDocument(document: object): Promise<string> {
  return eddsaRdfc2022.canonize(document, { documentLoader: contextLoader });
}

/**
 * Adds a DataIntegrityProof (eddsa-rdfc-2022, assertionMethod, verificationMethod key.id) to any
 * VC 2.0 document. Existing proofs are kept (a proof set); `proof` is always an array.
 */
export async function addDataIntegrityProof<T extends Record<string, unknown>>(
  document: T,
  key: SigningKey,
  options: { created?: Date } = {},
): Promise<T & { proof: object[] }> {
  const { proof: existing, ...unsigned } = document;
  const suite = new DataIntegrityProof({
    signer: signer(key),
    cryptosuite: eddsaRdfc2022,
    date: isoDateTime(options.created ?? new Date()),
  });
  const proof = (await suite.createProof({
    document: unsigned,
    purpose: assertionPurpose,
    proofSet: [],
    documentLoader: contextLoader,
  })) as object;
  const previous = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return { ...document, proof: [...previous, proof] };
}

/** Both proofs: the Data Integrity–signed credential and the VC-JWT of the same credential. */
export async function signCredential<T extends Record<string, unknown>>(
  credential: T,
  key: SigningKey,
): Promise<{ credential: T & { proof: object[] }; jwt: string }> {
  const [signed, jwt] = await Promise.all([addDataIntegrityProof(credential, key), signCredentialJwt(credential, key)]);
  return { credential: signed, jwt };
}
