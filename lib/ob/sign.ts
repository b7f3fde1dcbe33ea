// The two proofs every Laurel credential carries: a VC-JWT (OB 3.0 §8.2) and a Data Integrity
// proof (DataIntegrityProof / eddsa-rdfc-2022, OB 3.0 §8.3). Both use the issuer's Ed25519 key.
import { sign as ed25519Sign, type KeyObject } from "node:crypto";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { isoDateTime } from "./build";
import { canonizeTemplated, fastEddsaRdfc2022 } from "./canonize";
import { createDocumentLoader, type DocumentLoader } from "./document-loader";
import { ed25519PrivateKeyObject, type SigningKey } from "./keys";

const ASSERTION_METHOD = "assertionMethod";

// One KeyObject per key: importing a key costs more than an Ed25519 signature.
const keyObjects = new Map<string, { privateKey: Uint8Array; keyObject: KeyObject }>();

export function signingKeyObject(key: SigningKey): KeyObject {
  const cached = keyObjects.get(key.id);
  // Compared by content: a different key under a reused id must never sign with a stale KeyObject.
  if (cached && Buffer.compare(cached.privateKey, key.privateKey) === 0) return cached.keyObject;
  const keyObject = ed25519PrivateKeyObject(key.privateKey);
  if (keyObjects.size >= 1000) keyObjects.clear();
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

const REGISTERED_CLAIMS = ["iss", "sub", "jti", "nbf", "exp"] as const;

function registeredClaims(credential: Record<string, unknown>): Array<[string, string | number]> {
  const issuer = idOf(credential.issuer);
  if (!issuer) throw new Error("Credential has no issuer id");
  const claims: Array<[string, string | number]> = [["iss", issuer]];
  const subject = Array.isArray(credential.credentialSubject) ? undefined : idOf(credential.credentialSubject);
  if (subject) claims.push(["sub", subject]);
  if (typeof credential.id === "string") claims.push(["jti", credential.id]);
  const nbf = secondsOf(credential.validFrom, "validFrom");
  if (nbf !== undefined) claims.push(["nbf", nbf]);
  const exp = secondsOf(credential.validUntil, "validUntil");
  if (exp !== undefined) claims.push(["exp", exp]);
  return claims;
}

/** The VC-JWT claims for a credential: the credential itself (without proof) plus the registered claims. */
export function jwtClaims(credential: Record<string, unknown>): Record<string, unknown> {
  const { proof: _proof, ...payload } = credential;
  return { ...payload, ...Object.fromEntries(registeredClaims(credential)) };
}

// JSON of jwtClaims(credential), without copying the credential: bulk issuance signs thousands.
function jwtClaimsJson(credential: Record<string, unknown>): string {
  const claims = registeredClaims(credential);
  if ("proof" in credential || REGISTERED_CLAIMS.some((claim) => claim in credential)) return JSON.stringify(jwtClaims(credential));
  const json = JSON.stringify(credential);
  let tail = "";
  for (const [name, value] of claims) tail += `,"${name}":${JSON.stringify(value)}`;
  return json.slice(0, -1) + tail + "}";
}

const jwtHeaders = new Map<string, string>();

function encodedJwtHeader(kid: string): string {
  let header = jwtHeaders.get(kid);
  if (!header) {
    header = Buffer.from(JSON.stringify({ alg: "EdDSA", typ: "JWT", kid })).toString("base64url");
    if (jwtHeaders.size > 1000) jwtHeaders.clear();
    jwtHeaders.set(kid, header);
  }
  return header;
}

/**
 * VC-JWT: header { alg: "EdDSA", typ: "JWT", kid }, payload = credential (no proof) +
 * iss/sub/jti/nbf/exp. A JWS compact serialisation with node:crypto directly: jose's WebCrypto
 * path signs about 4,000 credentials/s here, this one about three times as many (bulk
 * issuance). The algorithm is fixed, so no other `alg` (let alone "none") can come out; jose
 * verifies these tokens in the tests.
 */
export async function signCredentialJwt(credential: Record<string, unknown>, key: SigningKey): Promise<string> {
  const keyObject = signingKeyObject(key);
  const signingInput = `${encodedJwtHeader(key.id)}.${Buffer.from(jwtClaimsJson(credential)).toString("base64url")}`;
  const signature = ed25519Sign(null, Buffer.from(signingInput, "latin1"), keyObject);
  return `${signingInput}.${signature.toString("base64url")}`;
}

type Signer = { id: string; algorithm: "Ed25519"; sign(input: { data: Uint8Array }): Promise<Uint8Array> };

function signer(key: SigningKey): Signer {
  const keyObject = signingKeyObject(key);
  return {
    id: key.verificationMethod ?? key.id,
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
  return canonizeTemplated(document, { documentLoader: contextLoader });
}

/**
 * Adds a DataIntegrityProof (eddsa-rdfc-2022, assertionMethod, verificationMethod key.verificationMethod, else key.id) to any
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
    cryptosuite: fastEddsaRdfc2022,
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
