/**
 * verifyCredential: anything a person or a machine may hand us as "a badge" (JSON-LD, a VC-JWT,
 * a baked PNG or SVG, a URL to any of those, an OB 2.0 hosted or signed assertion) comes back as
 * one VerificationResult with the same five checks. It never throws: unreadable input is a
 * result with `error` set.
 */
import type { LocalKey } from "../document-loader";
import { isObInputError } from "../errors";
import { unbakePng, unbakeSvg } from "../bake";
import { checkCredentialDates } from "./dates";
import { decodeJwtPart, detectBytes, detectFetched, detectText, type DetectedInput } from "./detect";
import { checkIssuer } from "./issuer";
import { verifyJsonLdProofs } from "./jsonld-proof";
import { credentialFromJwtPayload, jwtClaimProblems, parseJws, verifyJwsSignature } from "./jwt";
import { isOb05Assertion, isOb1Assertion, verifyOb05Assertion, verifyOb1Assertion } from "./ob1-assertion";
import { isOb2Document, verifyOb2Assertion } from "./ob2-assertion";
import { createRemote, httpStatusOf, type InputFetcher, type Remote, type RemoteDocumentFetcher } from "./remote";
import { assemble, errorMessage, fail, inputUnavailable, isObject, unreadable, UnreadableInput, withdrawn, type Check, type CredentialFormat, type Json, type VerificationResult } from "./result";
import { checkSchema } from "./schema-check";
import { checkCredentialStatus } from "./status";

export type { Check, CheckName, CheckWarning, CredentialFormat, VerificationResult } from "./result";
export { ALLOWED_JWT_ALGORITHMS } from "./jwt";

export type VerifyOptions = {
  /** The time to judge validity dates and status lists against (default: now). */
  now?: Date;
  /**
   * Fetches a remote JSON document (issuer profile, key, status list, OB 2.0 BadgeClass…) and
   * returns it parsed. Default: the safe fetcher (https, public addresses only). A thrown error
   * with a numeric `status` of 410 reads as "revoked" for OB 2.0 hosted assertions.
   */
  fetchRemote?: RemoteDocumentFetcher;
  /** Fetches a URL given as the badge itself (or baked into it); default: the safe fetcher. */
  fetchInput?: InputFetcher;
  /** Origins the safe fetcher may reach although local (and over http): tests, a dev server. */
  allowOrigins?: string[];
  /** Keys known without fetching (e.g. Laurel's own), by verification method id. */
  knownKeys?: LocalKey[];
};

type Context = { remote: Remote; now: Date; keys: LocalKey[] };

/** Why a URL given as the badge may not have answered, none of which says anything against it. */
const INPUT_UNAVAILABLE = ["fetch_failed", "fetch_timeout", "http_status"];

// A baked image may hold a URL that serves a baked image…; real badges need two levels.
const MAX_NESTING = 3;

const OB2_NON_ASSERTIONS = ["BadgeClass", "Issuer", "Profile", "RevocationList", "CryptographicKey", "Endorsement", "Extension"];

export async function verifyCredential(input: string | Uint8Array | Record<string, unknown>, options: VerifyOptions = {}): Promise<VerificationResult> {
  const ctx: Context = {
    remote: createRemote({ fetchRemote: options.fetchRemote, fetchInput: options.fetchInput, allowOrigins: options.allowOrigins }),
    now: options.now ?? new Date(),
    keys: options.knownKeys ?? [],
  };
  try {
    if (input instanceof Uint8Array) return await dispatch(detectBytes(input), ctx, 0);
    if (typeof input === "string") return await dispatch(detectText(input), ctx, 0);
    if (isObject(input)) return await verifyJson(structuredClone(input), ctx, 0);
    return unreadable("input_unrecognized", "The input is not a credential: expected JSON, a JWT, a baked PNG or SVG badge, or an https URL.");
  } catch (error) {
    if (error instanceof UnreadableInput) return unreadable(error.code, error.message, error.format);
    if (isObInputError(error)) return unreadable(error.code, error.message);
    return unreadable("verification_failed", `The credential could not be verified: ${errorMessage(error)}`);
  }
}

async function dispatch(detected: DetectedInput, ctx: Context, depth: number, fetchedFrom?: string): Promise<VerificationResult> {
  if (depth > MAX_NESTING) throw new UnreadableInput("input_nested_too_deep", "The badge points to another badge too many times.");
  switch (detected.kind) {
    case "json":
      return verifyJson(detected.value, ctx, depth, fetchedFrom);
    case "jwt":
      return verifyJwt(detected.token, ctx);
    case "png":
    case "svg": {
      const baked = detected.kind === "png" ? unbakePng(detected.bytes) : unbakeSvg(detected.text);
      const image = detected.kind.toUpperCase();
      if (!baked) throw new UnreadableInput("no_baked_credential", `This ${image} image carries no Open Badges credential.`);
      let inner: DetectedInput;
      try {
        inner = detectText(baked.payload);
      } catch (error) {
        // Say what was read: an image whose baked-in credential is broken, not "JSON".
        if (error instanceof UnreadableInput && error.code === "json_invalid") {
          throw new UnreadableInput("baked_json_invalid", `The credential baked into this ${image} image is not valid JSON${error.message.replace(/^[^:]*/, "")}`);
        }
        throw error;
      }
      return dispatch(inner, ctx, depth + 1);
    }
    case "url": {
      let response;
      try {
        response = await ctx.remote.input(detected.url);
      } catch (error) {
        // OB 2.0 hosting answers 410 Gone for a revoked assertion: say so rather than "HTTP 410".
        if (httpStatusOf(error) === 410) {
          return withdrawn(`${detected.url} answered 410 Gone: the issuer has withdrawn (revoked) this badge.`);
        }
        // No answer, or an error answer: "couldn't be checked", not "unreadable". An address that
        // is refused (not https, not public, too big) stays unreadable.
        if (isObInputError(error) && INPUT_UNAVAILABLE.includes(error.code)) return inputUnavailable(error.code, error.message);
        throw error;
      }
      return dispatch(detectFetched(response.body, response.contentType), ctx, depth + 1, response.url);
    }
  }
}

async function verifyJson(document: Json, ctx: Context, depth: number, fetchedFrom?: string): Promise<VerificationResult> {
  if (isOb2Document(document)) {
    const types = [document.type].flat().filter((t) => t !== undefined);
    // A BadgeClass, an Issuer… is not a badge awarded to anyone; a mistyped assertion still is one.
    const assertionLike = types.includes("Assertion") || (document.recipient !== undefined && document.badge !== undefined);
    if (!assertionLike) {
      const what = types.find((t) => OB2_NON_ASSERTIONS.includes(t as string));
      throw new UnreadableInput(
        "not_a_credential",
        `This is an Open Badges 2.0 ${what ? String(what) : "document"}, not an assertion (a badge awarded to someone).`,
        "ob2-hosted",
      );
    }
    return verifyOb2Assertion(document, { kind: "hosted", fetchedFrom }, ctx);
  }
  if (isOb1Assertion(document)) {
    // A 1.0 badge baked with only its verify.url points at the assertion: check what is there.
    const url = (document.verify as Json).url;
    if (document.recipient === undefined && document.badge === undefined && typeof url === "string") return dispatch({ kind: "url", url }, ctx, depth + 1);
    return verifyOb1Assertion(document, ctx, fetchedFrom);
  }
  if (isOb05Assertion(document)) return verifyOb05Assertion(document);
  const { check: proof, controllers } = await verifyJsonLdProofs(document, { remote: ctx.remote, keys: ctx.keys });
  return finishOb3("ob3-jsonld", document, ctx, proof, { proofOk: proof.ok, controllers });
}

async function verifyJwt(token: string, ctx: Context): Promise<VerificationResult> {
  // The payload says which standard it is, so even a refused algorithm reports the right format.
  const parts = token.split(".");
  const payload = parts.length === 3 ? decodeJwtPart(parts[1], "payload") : undefined;
  const ob2 = payload !== undefined && isOb2Document(payload);
  const format: CredentialFormat = ob2 ? "ob2-signed" : "ob3-jwt";
  let parsed;
  try {
    parsed = parseJws(token);
  } catch (error) {
    if (error instanceof UnreadableInput) throw new UnreadableInput(error.code, error.message, format);
    throw error;
  }
  if (ob2) return verifyOb2Assertion(parsed.payload, { kind: "signed", jws: parsed }, ctx);
  if (isOb1Assertion(parsed.payload)) return verifyOb1Assertion(parsed.payload, ctx);

  let credential: Json;
  try {
    credential = credentialFromJwtPayload(parsed.payload);
  } catch (error) {
    if (error instanceof UnreadableInput) throw new UnreadableInput(error.code, error.message, "ob3-jwt");
    throw error;
  }
  const { check: signature, key } = await verifyJwsSignature(parsed, { remote: ctx.remote, knownKeys: ctx.keys });
  let proof = signature;
  if (signature.ok) {
    const { missing, contradicting } = jwtClaimProblems(parsed.payload, credential);
    if (missing.length) {
      proof = fail("proof", "jwt_claims_invalid", `The signature is valid but the JWT does not carry the claims Open Badges 3.0 requires: ${[...missing, ...contradicting].join("; ")}.`);
    } else if (contradicting.length) {
      proof = fail("proof", "jwt_claims_mismatch", `The signature is valid but the JWT claims contradict the credential: ${contradicting.join("; ")}.`);
    }
  }
  // Whose key signed is a question of the signature alone; missing claims are the proof check's.
  const signer = {
    proofOk: signature.ok,
    controllers: key?.controller ? [key.controller] : [],
    embeddedJwk: key && key.controller === null ? key.jwk : undefined,
  };
  return finishOb3("ob3-jwt", credential, ctx, proof, signer);
}

async function finishOb3(
  format: CredentialFormat,
  credential: Json,
  ctx: Context,
  proof: Check,
  signer: Parameters<typeof checkIssuer>[1],
): Promise<VerificationResult> {
  const [status, issuer] = await Promise.all([
    checkCredentialStatus(credential, { remote: ctx.remote, keys: ctx.keys, now: ctx.now }),
    checkIssuer(credential, signer, ctx.remote),
  ]);
  return assemble(format, credential, [proof, checkSchema(credential), checkCredentialDates(credential, ctx.now), status, issuer]);
}
