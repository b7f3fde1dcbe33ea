// Data Integrity proofs on JSON-LD credentials, through Digital Bazaar's verifier:
// DataIntegrityProof with eddsa-rdfc-2022 and the older Ed25519Signature2020; with a warning, the
// pre-standard eddsa-2022 name and Ed25519Signature2018 (2021–2022 plugfest badges).
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { Ed25519Signature2018 } from "@digitalbazaar/ed25519-signature-2018";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { CONTEXTS, DID_V1, ED25519_2018_V1, ED25519_2020_V1, MULTIKEY_V1 } from "../contexts";
import { base58btcEncode, publicKeyFromMultibase } from "../keys";
import { createDocumentLoader, didJwkDocument, didJwkMethod, didKeyDocument, type DocumentLoader, type LocalKey } from "../document-loader";
import { resolveDidWeb } from "./did-web";
import { findMethod } from "./jwt";
import type { Remote } from "./remote";
import { loadRemoteContext } from "./remote-contexts";
import { asArray, cannotCheck, errorMessage, fail, isCannotCheck, isObject, pass, type Check, type CheckWarning, type Json } from "./result";

export const SUPPORTED_PROOFS = ["DataIntegrityProof/eddsa-rdfc-2022", "Ed25519Signature2020", "DataIntegrityProof/eddsa-2022", "Ed25519Signature2018"];

// Each proof costs a canonicalization and possibly fetches; real credentials carry one or two.
const MAX_PROOFS = 8;

// eddsa-2022 is what drafts of the EdDSA cryptosuites called eddsa-rdfc-2022 before it was
// renamed: the same algorithm under the old name, which 1EdTech's validator accepts with a warning.
const eddsa2022 = { ...eddsaRdfc2022, name: "eddsa-2022" };

/** Accepted, but not what OB 3.0 conformance asks for today: the proof check says so. */
function legacyWarning(proof: unknown): CheckWarning | undefined {
  if (!isObject(proof)) return undefined;
  if (proof.type === "DataIntegrityProof" && proof.cryptosuite === "eddsa-2022") {
    return { code: "legacy_cryptosuite", message: 'The proof names the pre-standard cryptosuite "eddsa-2022" (now "eddsa-rdfc-2022"); it was checked as such.' };
  }
  if (proof.type === "Ed25519Signature2018") {
    return { code: "legacy_proof_suite", message: "The proof is an Ed25519Signature2018, an older suite outside Open Badges 3.0 conformance; its signature was checked." };
  }
  return undefined;
}

function isSupportedProof(proof: unknown): boolean {
  if (!isObject(proof)) return false;
  if (proof.type === "Ed25519Signature2020" || proof.type === "Ed25519Signature2018") return true;
  return proof.type === "DataIntegrityProof" && (proof.cryptosuite === "eddsa-rdfc-2022" || proof.cryptosuite === "eddsa-2022");
}

/**
 * Digital Bazaar's Ed25519Signature2018 reads its key only as an Ed25519VerificationKey2018 (or
 * 2020); did:key resolves to a Multikey here, so that one key is handed over in the 2018 form.
 */
class Ed25519Signature2018FromMultikey extends (Ed25519Signature2018 as new () => { getVerificationMethod(options: { proof: Json; documentLoader: DocumentLoader }): Promise<Json> }) {
  async getVerificationMethod({ proof, documentLoader }: { proof: Json; documentLoader: DocumentLoader }) {
    const loader: DocumentLoader = async (url) => {
      const loaded = await documentLoader(url);
      const key = loaded.document;
      if (!isObject(key) || key.type !== "Multikey" || typeof key.publicKeyMultibase !== "string") return loaded;
      const { publicKeyMultibase, "@context": _context, ...rest } = key;
      const document = { "@context": ED25519_2018_V1, ...rest, type: "Ed25519VerificationKey2018", publicKeyBase58: base58btcEncode(publicKeyFromMultibase(publicKeyMultibase)) };
      return { ...loaded, document };
    };
    return super.getVerificationMethod({ proof, documentLoader: loader });
  }
}

/** Carries a signature of some kind (as opposed to an entry that claims nothing checkable). */
function hasSignatureValue(proof: unknown): boolean {
  return isObject(proof) && ["proofValue", "jws", "signatureValue"].some((key) => proof[key] !== undefined);
}

/**
 * Thrown by the loader about a key or controller, so the failure reads key_unavailable (it could
 * not be fetched: `unavailable`) or key_invalid (it is not where, or not whose, it claims).
 */
class KeyResolutionError extends Error {
  constructor(
    message: string,
    readonly unavailable: boolean,
  ) {
    super(message);
    this.name = "KeyResolutionError";
  }
}

/** Thrown by the loader when a context the credential names cannot be had. */
class ContextUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContextUnavailableError";
  }
}

function proofLabel(proof: unknown): string {
  if (!isObject(proof)) return "a malformed proof";
  return proof.type === "DataIntegrityProof" ? `DataIntegrityProof (${String(proof.cryptosuite)})` : String(proof.type);
}

const baseOf = (url: string) => url.split("#")[0];

/**
 * The verifier's view of the world. Contexts come from the bundle; one it does not hold (an
 * issuer's extension) is fetched through the safe fetcher and cached (./remote-contexts.ts).
 * Keys: it fetches only what the proof names, the verification method's document and then the
 * controller that method claims.
 *
 * A bare `did:key:z…` or `did:jwk:…` (no fragment) is accepted as naming that DID's only key, as
 * 1EdTech's validator reads it: the DID document doubles as the key and lists itself as
 * assertionMethod. did:jwk, like did:key, resolves offline: the DID is the key.
 * did:web documents are fetched from their https location like any key document.
 */
function verificationLoader(credential: Json, options: { remote: Remote; keys?: LocalKey[] }): DocumentLoader {
  // What may be looked up besides contexts: the proofs' verification methods, then their controllers.
  const keyDocuments = new Set<string>();
  for (const proof of asArray(credential.proof)) {
    const vm = isObject(proof) ? proof.verificationMethod : undefined;
    const id = typeof vm === "string" ? vm : isObject(vm) && typeof vm.id === "string" ? vm.id : undefined;
    if (id) keyDocuments.add(baseOf(id));
  }
  const inner = createDocumentLoader({ keys: options.keys, fetchRemote: (url) => options.remote.json(url) });

  return async (url: string) => {
    if (CONTEXTS[url]) return inner(url);
    if (!keyDocuments.has(baseOf(url))) {
      // Anything else jsonld asks for is a context the credential (or a key document) names.
      try {
        return { contextUrl: null, documentUrl: url, document: await loadRemoteContext(url, options.remote) };
      } catch (error) {
        throw new ContextUnavailableError(errorMessage(error));
      }
    }
    try {
      return await loadKeyDocument(url);
    } catch (error) {
      throw error instanceof KeyResolutionError ? error : new KeyResolutionError(errorMessage(error), isCannotCheck(error));
    }
  };

  async function loadKeyDocument(url: string) {
    if (/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/.test(url)) {
      const doc = didKeyDocument(url);
      const key = doc.verificationMethod[0];
      return {
        contextUrl: null,
        documentUrl: url,
        document: { ...doc, type: "Multikey", controller: url, publicKeyMultibase: key.publicKeyMultibase, assertionMethod: [...doc.assertionMethod, url] },
      };
    }
    if (/^did:jwk:[A-Za-z0-9_-]+$/.test(url)) {
      const doc = didJwkDocument(url);
      return { contextUrl: null, documentUrl: url, document: { ...doc, ...didJwkMethod(url, url), "@context": doc["@context"], assertionMethod: [...doc.assertionMethod, url] } };
    }
    if (url.startsWith("did:web:")) return loadDidWeb(url);
    if (/^did:/.test(url) && !url.startsWith("did:key:") && !url.startsWith("did:jwk:")) {
      throw new KeyResolutionError(`${url} cannot be resolved: only did:key, did:jwk, did:web and https key documents are supported`, true);
    }
    if (!/^(https?|did):/.test(url)) throw new Error(`${url} is not a URL a key can be fetched from`);
    const loaded = await inner(url);
    // Once a key is loaded, its controller may be fetched to confirm it lists the key.
    const doc = loaded.document;
    if (isObject(doc) && typeof doc.controller === "string") keyDocuments.add(baseOf(doc.controller));
    if (!url.includes("#") && isObject(doc) && (doc.assertionMethod !== undefined || doc.verificationMethod !== undefined)) {
      return { ...loaded, document: controllerView(url, doc) };
    }
    return loaded;
  }

  async function loadDidWeb(url: string) {
    const did = baseOf(url);
    const doc = await resolveDidWeb(did, options.remote);
    if (url === did) return { contextUrl: null, documentUrl: url, document: controllerView(did, doc) };
    const method = findMethod(doc, url);
    if (!method) throw new Error(`${url} is not a key in the DID document of ${did}`);
    if (typeof method.controller === "string") keyDocuments.add(baseOf(method.controller));
    const context = method.type === "Ed25519VerificationKey2020" ? ED25519_2020_V1 : MULTIKEY_V1;
    return { contextUrl: null, documentUrl: url, document: { "@context": context, ...method } };
  }
}

/**
 * A controller document (an issuer profile, a DID document) is only read for the keys it lists.
 * Handing jsonld-signatures just those, under the DID context, spares it JSON-LD framing of the
 * whole profile, which fails in safe mode on any term the bundled contexts do not define (a
 * JsonWebKey listed beside a Multikey, an extension property). Its id is the URL it was fetched
 * from, never what the document claims, so a document cannot pass itself off as another issuer.
 */
function controllerView(url: string, document: Json): Json {
  if (typeof document.id === "string" && document.id !== url) {
    throw new Error(`the document at ${url} says it is ${document.id}`);
  }
  return {
    "@context": [DID_V1, MULTIKEY_V1],
    id: url,
    verificationMethod: asArray(document.verificationMethod),
    assertionMethod: asArray(document.assertionMethod),
  };
}

// vc's CredentialIssuancePurpose also insists the key's controller is the issuer; that is the
// "issuer" check here, so only the generic assertionMethod part runs with the proof.
const { CredentialIssuancePurpose } = vc as unknown as { CredentialIssuancePurpose: new () => object };
const AssertionPurposeBase = Object.getPrototypeOf(CredentialIssuancePurpose.prototype) as {
  validate(proof: unknown, options: unknown): Promise<{ valid: boolean; error?: Error; controller?: Json }>;
};

class AssertionOnlyPurpose extends (CredentialIssuancePurpose as unknown as new () => object) {
  validate(proof: unknown, options: unknown) {
    return AssertionPurposeBase.validate.call(this, proof, options);
  }
}

export type ProofOutcome = {
  check: Check;
  /** Controllers of the keys that made the verified proofs (for the issuer check). */
  controllers: string[];
};

type JsigsResult = {
  verified: boolean;
  error?: ProofError & { errors?: ProofError[] };
  results?: Array<{ proof?: Json; verified: boolean; error?: ProofError; verificationMethod?: Json; purposeResult?: { controller?: Json } }>;
};

type ProofError = {
  name?: string;
  message?: string;
  details?: { cause?: { message?: string }; event?: { message?: string; details?: Record<string, unknown> } };
};

/** jsonld's safe mode names the term it could not expand; say which, not just "validation error". */
function describeError(error: ProofError | undefined): string {
  if (!error) return "The proof did not verify.";
  // jsonld wraps what the document loader said in a long generic message; the loader's is clearer.
  const cause = error.details?.cause;
  if (cause?.message) return cause.message;
  const event = error.details?.event;
  if (event) {
    const details = event.details ?? {};
    const term = details.property ?? details.type ?? details.term ?? details.value;
    return `the credential uses a term its @context does not define${term !== undefined ? ` ("${String(term)}")` : ""}: ${event.message ?? error.message}`;
  }
  return error.message ?? "The proof did not verify.";
}

/** The first error in jsonld's chain of wrapped causes with this name. */
function causeNamed(error: unknown, name: string): (Error & Record<string, unknown>) | undefined {
  for (let current = error, depth = 0; current && depth < 6; depth += 1) {
    if ((current as { name?: unknown }).name === name) return current as Error & Record<string, unknown>;
    const next = current as { cause?: unknown; details?: { cause?: unknown } };
    current = next.details?.cause ?? next.cause;
  }
  return undefined;
}

/** What went wrong, and whether it says anything against the credential (`unknown`: it does not). */
function classify(error: ProofError | undefined): { code: string; unknown: boolean } {
  const key = causeNamed(error, "KeyResolutionError");
  if (key) return key.unavailable ? { code: "key_unavailable", unknown: true } : { code: "key_invalid", unknown: false };
  if (causeNamed(error, "ContextUnavailableError")) return { code: "context_unavailable", unknown: true };
  const message = error?.message ?? "";
  if (/^Invalid signature/i.test(message)) return { code: "signature_invalid", unknown: false };
  // The controller document does not list the key as one it asserts with.
  if (/not authorized by controller/i.test(message)) return { code: "key_invalid", unknown: false };
  return { code: "proof_invalid", unknown: false };
}

/** The validity window DB checks on its own; our dates check judges dates, so hand it a time inside. */
function instantInsideWindow(credential: Json): Date {
  const start = credential.validFrom ?? credential.issuanceDate;
  const time = typeof start === "string" ? Date.parse(start) : NaN;
  return Number.isNaN(time) ? new Date() : new Date(time);
}

export async function verifyJsonLdProofs(credential: Json, options: { remote: Remote; keys?: LocalKey[] }): Promise<ProofOutcome> {
  const proofs = asArray(credential.proof);
  if (proofs.length > MAX_PROOFS) {
    return { check: fail("proof", "proof_invalid", `The credential carries ${proofs.length} proofs; more than ${MAX_PROOFS} are not checked.`), controllers: [] };
  }
  if (proofs.length === 0) {
    return { check: fail("proof", "no_proof", "The credential carries no proof, so nobody can tell who issued it or whether it was altered."), controllers: [] };
  }
  const supported = proofs.filter(isSupportedProof);
  // A signature we cannot check makes the whole set uncheckable; an entry with no signature
  // value at all (1EdTech's "SomeProofType" sample) claims nothing and is passed over.
  const unverifiable = proofs.filter((p) => !isSupportedProof(p) && (hasSignatureValue(p) || !isObject(p)));
  const ignored = proofs.filter((p) => !isSupportedProof(p) && isObject(p) && !hasSignatureValue(p)).map(proofLabel);
  if (unverifiable.length > 0) {
    return {
      check: cannotCheck(
        "proof",
        "unsupported_proof",
        `The credential carries ${unverifiable.map(proofLabel).join(", ")}, which this verifier cannot check (it checks ${SUPPORTED_PROOFS.join(", ")}).`,
      ),
      controllers: [],
    };
  }
  if (supported.length === 0) {
    return {
      check: cannotCheck("proof", "unsupported_proof", `No proof of a supported type (${SUPPORTED_PROOFS.join(", ")}); found ${ignored.join(", ")}.`),
      controllers: [],
    };
  }

  let outcome: JsigsResult;
  try {
    outcome = (await vc.verifyCredential({
      credential,
      suite: [
        new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        new DataIntegrityProof({ cryptosuite: eddsa2022 }),
        new Ed25519Signature2020(),
        new Ed25519Signature2018FromMultikey(),
      ],
      documentLoader: verificationLoader(credential, options),
      purpose: new AssertionOnlyPurpose(),
      now: instantInsideWindow(credential),
      // Status is its own check, with its own fetches.
      checkStatus: async () => ({ verified: true }),
    })) as JsigsResult;
  } catch (error) {
    outcome = { verified: false, error: { message: errorMessage(error) } };
  }

  const results = outcome.results ?? [];
  const controllers = results
    .filter((r) => r.verified)
    .map((r) => r.purposeResult?.controller?.id ?? r.verificationMethod?.controller)
    .filter((c): c is string => typeof c === "string");

  // jsonld-signatures passes when ANY proof verifies; every supported proof must.
  const allVerified = results.length >= supported.length && results.every((r) => r.verified);
  if (allVerified) {
    const note = ignored.length ? ` (${ignored.join(", ")} not checked: unsupported type)` : "";
    const count = supported.length === 1 ? "The proof" : `All ${supported.length} proofs`;
    const warnings = supported.map(legacyWarning).filter((warning): warning is CheckWarning => warning !== undefined);
    const check = pass("proof", "verified", [`${count} verified${note}.`, ...warnings.map((w) => w.message)].join(" "));
    return { check: warnings.length ? { ...check, warnings } : check, controllers };
  }
  const failed = results.find((r) => !r.verified);
  const error = failed?.error ?? outcome.error?.errors?.[0] ?? outcome.error;
  const message = describeError(error);
  const label = proofLabel(failed?.proof ?? supported[0]);
  const { code, unknown } = classify(error);
  if (unknown) return { check: cannotCheck("proof", code, `The ${label} proof could not be checked: ${message}`), controllers };
  return { check: fail("proof", code, `The ${label} proof did not verify: ${message}`), controllers };
}
