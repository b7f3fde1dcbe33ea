/**
 * VC-JWT (OB 3.0 §8.2) and OB 2.0 signed assertions (JWS).
 *
 * Algorithms: EdDSA (what Laurel signs with), ES256 and RS256 (what other issuers and OB 2.0
 * use). Everything else is refused before any key is looked at: "none" has no signature, HS*
 * would let a public key act as a shared secret, and the rest are not used by Open Badges.
 */
import { calculateJwkThumbprint, compactVerify, exportJWK, importJWK, importSPKI, type JWK } from "jose";
import { didJwkPublicKey, didKeyDocument, type LocalKey } from "../document-loader";
import { publicKeyFromMultibase } from "../keys";
import { decodeJwtPart } from "./detect";
import { resolveDidWeb } from "./did-web";
import { describeFetchError, type Remote } from "./remote";
import { asArray, CannotCheckError, cannotCheck, errorMessage, fail, isCannotCheck, isObject, pass, UnreadableInput, type Check, type Json } from "./result";

export const ALLOWED_JWT_ALGORITHMS = ["EdDSA", "ES256", "RS256"] as const;
type Algorithm = (typeof ALLOWED_JWT_ALGORITHMS)[number];

export type ParsedJws = { token: string; header: Json; payload: Json; alg: Algorithm };

/** Splits and decodes a compact JWS; refuses disallowed algorithms as unreadable input. */
export function parseJws(token: string): ParsedJws {
  const parts = token.split(".");
  if (parts.length !== 3) throw new UnreadableInput("jwt_invalid", "A JWT has three dot-separated parts.");
  const header = decodeJwtPart(parts[0], "header");
  const alg = header.alg;
  if (typeof alg !== "string" || !(ALLOWED_JWT_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new UnreadableInput(
      "jwt_alg_unsupported",
      `The JWT is signed with "${String(alg)}", which is not accepted (only ${ALLOWED_JWT_ALGORITHMS.join(", ")}).`,
    );
  }
  if (parts[2] === "") throw new UnreadableInput("jwt_invalid", "The JWT has no signature.");
  if (header.crit !== undefined) throw new UnreadableInput("jwt_invalid", "The JWT has critical header parameters this verifier does not understand.");
  return { token, header, payload: decodeJwtPart(parts[1], "payload"), alg: alg as Algorithm };
}

// Registered JWT claims are the envelope, not part of the credential they carry.
const JWT_CLAIMS = ["iss", "sub", "aud", "jti", "nbf", "exp", "iat", "cnf"];

/** The credential inside a VC-JWT: the `vc` claim (VC 1.1 style) or the payload itself (VC 2.0 / Laurel). */
export function credentialFromJwtPayload(payload: Json): Json {
  if (isObject(payload.vc)) return withRegisteredClaims(payload.vc, payload);
  if (payload["@context"] !== undefined) {
    return Object.fromEntries(Object.entries(payload).filter(([key]) => !JWT_CLAIMS.includes(key)));
  }
  throw new UnreadableInput("not_a_credential", "The JWT payload holds no credential (no vc claim and no @context).", "ob3-jwt");
}

const isoFromSeconds = (value: unknown) => (typeof value === "number" ? new Date(value * 1000).toISOString().replace(".000Z", "Z") : undefined);

/**
 * VC 1.1 JWTs may leave out of `vc` what the registered claims already carry (VC Data Model
 * 1.1 §6.3.1); put those back so every check sees the whole credential.
 */
function withRegisteredClaims(vc: Json, payload: Json): Json {
  const credential: Json = { ...vc };
  if (credential.issuer === undefined && typeof payload.iss === "string") credential.issuer = payload.iss;
  if (credential.id === undefined && typeof payload.jti === "string") credential.id = payload.jti;
  const v1 = asArray(credential["@context"])[0] === "https://www.w3.org/2018/credentials/v1";
  const start = isoFromSeconds(payload.nbf);
  const end = isoFromSeconds(payload.exp);
  if (v1) {
    if (credential.issuanceDate === undefined && start) credential.issuanceDate = start;
    if (credential.expirationDate === undefined && end) credential.expirationDate = end;
  } else {
    if (credential.validFrom === undefined && start) credential.validFrom = start;
    if (credential.validUntil === undefined && end) credential.validUntil = end;
  }
  if (typeof payload.sub === "string" && isObject(credential.credentialSubject) && credential.credentialSubject.id === undefined) {
    credential.credentialSubject = { ...credential.credentialSubject, id: payload.sub };
  }
  return credential;
}

function seconds(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
}

export type JwtClaimProblems = {
  /** Claims OB 3.0 requires of a VC-JWT that it leaves out. */
  missing: string[];
  /** Claims that say something other than the credential. */
  contradicting: string[];
};

/**
 * Every problem with the registered claims at once: OB 3.0 requires iss, jti and nbf, sub when
 * the subject has an id and exp when the credential expires, each saying what the credential says.
 */
export function jwtClaimProblems(payload: Json, credential: Json): JwtClaimProblems {
  const issuer = typeof credential.issuer === "string" ? credential.issuer : isObject(credential.issuer) ? credential.issuer.id : undefined;
  const subjects = asArray(credential.credentialSubject);
  const subjectId = subjects.length === 1 && isObject(subjects[0]) ? subjects[0].id : undefined;
  const start = seconds(credential.validFrom ?? credential.issuanceDate);
  const end = seconds(credential.validUntil ?? credential.expirationDate);
  const missing: string[] = [];
  const contradicting: string[] = [];
  if (payload.iss === undefined) missing.push("iss (the issuer id) is missing");
  else if (payload.iss !== issuer) contradicting.push(`iss (${String(payload.iss)}) is not the issuer (${String(issuer)})`);
  if (payload.jti === undefined) missing.push("jti (the credential id) is missing");
  else if (credential.id !== undefined && payload.jti !== credential.id) contradicting.push(`jti (${String(payload.jti)}) is not the credential id`);
  if (payload.sub === undefined) {
    if (subjectId !== undefined) missing.push(`sub is missing although the subject has an id (${String(subjectId)})`);
  } else if (subjectId !== undefined && payload.sub !== subjectId) contradicting.push(`sub (${String(payload.sub)}) is not the subject id`);
  if (payload.nbf === undefined) missing.push("nbf (validFrom) is missing");
  else if (payload.nbf !== start) contradicting.push(`nbf (${String(payload.nbf)}) does not match validFrom`);
  if (payload.exp === undefined) {
    if (end !== undefined) missing.push("exp is missing although the credential expires");
  } else if (payload.exp !== end) contradicting.push(`exp (${String(payload.exp)}) does not match validUntil`);
  return { missing, contradicting };
}

export type ResolvedKey = {
  jwk: JWK;
  /** Who the key belongs to, when its document says so; null for a key embedded in the JWT header. */
  controller: string | null;
  source: string;
};

function ed25519Jwk(publicKey: Uint8Array): JWK {
  return { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKey).toString("base64url") };
}

/** A verification method (Multikey, JsonWebKey, Ed25519VerificationKey2020) or a bare JWK, as a JWK. */
export function jwkOfMethod(method: Json): JWK | undefined {
  if (isObject(method.publicKeyJwk)) return method.publicKeyJwk as JWK;
  if (typeof method.publicKeyMultibase === "string") {
    try {
      return ed25519Jwk(publicKeyFromMultibase(method.publicKeyMultibase));
    } catch {
      return undefined;
    }
  }
  if (typeof method.kty === "string") return method as JWK;
  return undefined;
}

const METHOD_PROPERTIES = ["verificationMethod", "assertionMethod", "publicKey"];

/** The node with `id` inside a controller document (or the document itself), as 1EdTech and DID documents nest them. */
export function findMethod(document: unknown, id: string): Json | undefined {
  if (!isObject(document)) return undefined;
  if (document.id === id) return document;
  for (const property of METHOD_PROPERTIES) {
    for (const node of asArray(document[property])) {
      if (isObject(node) && node.id === id) return node;
    }
  }
  const fragment = id.includes("#") ? id.slice(id.indexOf("#") + 1) : undefined;
  for (const key of asArray(document.keys)) {
    if (isObject(key) && (key.kid === id || (fragment !== undefined && key.kid === fragment))) return key;
  }
  return undefined;
}

/** Whether a controller document lists `methodId` among the keys it may assert with. */
function controllerAuthorizes(document: unknown, methodId: string): boolean {
  if (!isObject(document)) return false;
  const listed = (property: string) => asArray(document[property]).some((m) => m === methodId || (isObject(m) && m.id === methodId));
  return document.assertionMethod !== undefined ? listed("assertionMethod") : listed("verificationMethod") || listed("publicKey");
}

async function resolveKid(kid: string, remote: Remote, knownKeys: LocalKey[]): Promise<ResolvedKey> {
  const known = knownKeys.find((k) => k.id === kid);
  if (known) return { jwk: ed25519Jwk(known.publicKey), controller: known.controller, source: kid };

  if (kid.startsWith("did:key:")) {
    const did = kid.split("#")[0];
    const doc = didKeyDocument(did);
    const method = kid.includes("#") ? doc.verificationMethod.find((m) => m.id === kid) : doc.verificationMethod[0];
    if (!method) throw new Error(`${kid} is not a key of ${did}`);
    return { jwk: ed25519Jwk(publicKeyFromMultibase(method.publicKeyMultibase)), controller: did, source: kid };
  }
  if (kid.startsWith("did:jwk:")) {
    const [did, fragment] = kid.split("#", 2);
    if (fragment !== undefined && fragment !== "0") throw new Error(`${kid} is not a key of ${did}`);
    return { jwk: didJwkPublicKey(did) as JWK, controller: did, source: kid };
  }
  if (kid.startsWith("did:web:")) {
    const did = kid.split("#")[0];
    const document = await resolveDidWeb(did, remote);
    const method = kid.includes("#") ? findMethod(document, kid) : undefined;
    const jwk = method ? jwkOfMethod(method) : undefined;
    if (!method || !jwk) throw new Error(`no public key with id ${kid} in the DID document of ${did}`);
    if (!controllerAuthorizes(document, kid)) throw new Error(`${did} does not list ${kid} as an assertion method`);
    return { jwk, controller: did, source: kid };
  }
  if (!/^https:\/\//.test(kid) && !/^http:\/\//.test(kid)) {
    throw new CannotCheckError(`the key ${kid} cannot be resolved: only did:key, did:jwk, did:web and https key documents are supported`);
  }

  const base = kid.split("#")[0];
  let document: unknown;
  try {
    document = await remote.json(base);
  } catch (error) {
    throw new CannotCheckError(`the key document at ${base} could not be fetched (${describeFetchError(base, error)})`);
  }
  const method = findMethod(document, kid) ?? (isObject(document) && !kid.includes("#") ? document : undefined);
  const jwk = method ? jwkOfMethod(method) : undefined;
  if (!method || !jwk) throw new Error(`no public key with id ${kid} in the document at ${base}`);

  if (isObject(document) && typeof document.id === "string" && document.id.split("#")[0] !== base) {
    throw new Error(`the document at ${base} says it is ${document.id}`);
  }
  // The URL it came from, not what the document says about itself, decides whose key it is.
  const controller = typeof method.controller === "string" ? method.controller : base;
  // A key published somewhere other than its controller only counts if the controller lists it.
  if (controller.split("#")[0] !== base) {
    let controllerDoc: unknown;
    try {
      controllerDoc = await remote.json(controller);
    } catch (error) {
      throw new CannotCheckError(`the key's controller ${controller} could not be fetched (${describeFetchError(controller, error)})`);
    }
    if (!controllerAuthorizes(controllerDoc, kid)) throw new Error(`${controller} does not list the key ${kid}`);
  } else if (isObject(document) && document !== method && !controllerAuthorizes(document, kid)) {
    throw new Error(`${base} publishes ${kid} but not as an assertion method`);
  }
  return { jwk, controller, source: kid };
}

export type JwsOutcome = { check: Check; key?: ResolvedKey };

/** Checks the signature with the key the header names (kid) or carries (jwk). */
export async function verifyJwsSignature(parsed: ParsedJws, options: { remote: Remote; knownKeys?: LocalKey[] }, resolveKey?: () => Promise<ResolvedKey>): Promise<JwsOutcome> {
  let key: ResolvedKey;
  try {
    if (resolveKey) key = await resolveKey();
    else if (typeof parsed.header.kid === "string") key = await resolveKid(parsed.header.kid, options.remote, options.knownKeys ?? []);
    else if (isObject(parsed.header.jwk)) key = { jwk: parsed.header.jwk as JWK, controller: null, source: "the JWT header (jwk)" };
    else return { check: fail("proof", "key_missing", "The JWT names no key: it has neither a kid nor a jwk header.") };
  } catch (error) {
    // A key that could not be fetched says nothing against the credential; a key that is not
    // where it claims to be, or not the issuer's to sign with, does.
    if (isCannotCheck(error)) return { check: cannotCheck("proof", "key_unavailable", `The signing key could not be fetched: ${errorMessage(error)}.`) };
    return { check: fail("proof", "key_invalid", `The signing key is not valid for this signature: ${errorMessage(error)}.`) };
  }
  if (isObject(key.jwk) && "d" in key.jwk) {
    return { check: fail("proof", "proof_invalid", "The key offered for verification includes private key material; it is not used.") };
  }
  try {
    const publicKey = await importJWK({ ...key.jwk, alg: undefined, use: undefined, key_ops: undefined }, parsed.alg);
    await compactVerify(parsed.token, publicKey, { algorithms: [parsed.alg] });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
      return { check: fail("proof", "signature_invalid", `The ${parsed.alg} signature does not match the content: it was altered or signed with another key.`), key };
    }
    return { check: fail("proof", "proof_invalid", `The ${parsed.alg} signature could not be checked with the key from ${key.source}: ${errorMessage(error)}.`), key };
  }
  return { check: pass("proof", "verified", `The ${parsed.alg} signature verified with the key from ${key.source}.`), key };
}

/** A key from a PEM document (OB 2.0 CryptographicKey). */
export async function spkiJwk(pem: string, alg: string): Promise<JWK> {
  return exportJWK(await importSPKI(pem, alg, { extractable: true }));
}

export async function sameKey(a: JWK, b: JWK): Promise<boolean> {
  try {
    return (await calculateJwkThumbprint(a)) === (await calculateJwkThumbprint(b));
  } catch {
    return false;
  }
}
