export type CheckName = "proof" | "schema" | "dates" | "status" | "issuer";

/**
 * What one step found: it passed, it failed (the credential is wrong: altered, expired,
 * revoked, not issued by whom it says), or it could not be done (a key, list, context or hosted
 * document could not be fetched, or a suite this verifier does not support): that says nothing
 * against the credential.
 */
export type CheckState = "passed" | "failed" | "unknown";

/** Something a passing check accepted although it is not what the standard asks for now. */
export type CheckWarning = { code: string; message: string };

/**
 * One verification step. `code` is stable (for i18n and callers); `message` is a human
 * sentence (English) in which long identifiers are shortened; `detail` is the same sentence with
 * them whole, present only when it differs. `ok` is `state === "passed"`.
 */
export type Check = { check: CheckName; ok: boolean; state: CheckState; code: string; message: string; detail?: string; warnings?: CheckWarning[] };

/**
 * The answer as a person needs it: valid; invalid (some check failed); indeterminate (nothing
 * failed, but something could not be checked: "couldn't be checked", never "forged"); or
 * unreadable (not a credential at all).
 */
export type Verdict = "valid" | "invalid" | "indeterminate" | "unreadable";

export type CredentialFormat = "ob3-jsonld" | "ob3-jwt" | "ob2-hosted" | "ob2-signed" | "ob1-hosted" | "ob1-signed" | "ob05" | "unknown";

export type VerificationResult = {
  /** True only when the input was readable and every check passed. */
  valid: boolean;
  verdict: Verdict;
  format: CredentialFormat;
  /** The credential (OB 3.0) or assertion (OB 2.0) that was checked, once it could be read. */
  credential?: Record<string, unknown>;
  /** Always proof, schema, dates, status, issuer in that order once the input was readable. */
  checks: Check[];
  /** Set when the input could not be read at all (then `checks` is empty). */
  error?: { code: string; message: string };
};

export const CHECK_ORDER: CheckName[] = ["proof", "schema", "dates", "status", "issuer"];

function step(check: CheckName, state: CheckState, code: string, full: string): Check {
  const message = shortenIdentifiers(full);
  return { check, ok: state === "passed", state, code, message, ...(message !== full && { detail: full }) };
}

export function pass(check: CheckName, code: string, message: string): Check {
  return step(check, "passed", code, message);
}

export function fail(check: CheckName, code: string, message: string): Check {
  return step(check, "failed", code, message);
}

/** A step that could not be done: the credential may be fine, and a later try may tell. */
export function cannotCheck(check: CheckName, code: string, message: string): Check {
  return step(check, "unknown", code, message);
}

export function unreadable(code: string, message: string, format: CredentialFormat = "unknown"): VerificationResult {
  return { valid: false, verdict: "unreadable", format, checks: [], error: { code, message } };
}

/**
 * The input was a URL (given, or baked into an image) that did not answer: nothing was read, and
 * nothing speaks against the badge either. A retry may tell.
 */
export function inputUnavailable(code: string, message: string): VerificationResult {
  return { valid: false, verdict: "indeterminate", format: "unknown", checks: [], error: { code, message } };
}

/**
 * The input's own URL answered 410 Gone: OB 2.0 hosting's way of saying the issuer withdrew
 * (revoked) it. Nothing could be read, yet the answer is known: it is no longer valid.
 */
export function withdrawn(message: string): VerificationResult {
  return { valid: false, verdict: "invalid", format: "unknown", checks: [], error: { code: "gone", message } };
}

/** Any failure makes it invalid; otherwise anything left unchecked makes it indeterminate. */
export function verdictOf(checks: Check[]): Exclude<Verdict, "unreadable"> {
  if (checks.some((check) => check.state === "failed")) return "invalid";
  if (checks.some((check) => check.state === "unknown")) return "indeterminate";
  return "valid";
}

export function assemble(format: CredentialFormat, credential: Record<string, unknown>, checks: Check[]): VerificationResult {
  const ordered = [...checks].sort((a, b) => CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check));
  const verdict = verdictOf(ordered);
  return { valid: verdict === "valid", verdict, format, credential, checks: ordered };
}

/** Thrown inside the verifier to abandon an input as unreadable; turned into `error`, never escapes. */
export class UnreadableInput extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly format: CredentialFormat = "unknown",
  ) {
    super(message);
    this.name = "UnreadableInput";
  }
}

/**
 * Something the verifier needed could not be had (a key, a context, a list, a hosted document
 * did not come, or a DID method or suite is not supported): the step cannot be checked, which
 * is not the same as failing it. `status` is the HTTP status when there was one.
 */
export class CannotCheckError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "CannotCheckError";
  }
}

export function isCannotCheck(error: unknown): error is CannotCheckError {
  return error instanceof CannotCheckError || (error as { name?: unknown } | null)?.name === "CannotCheckError";
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "unknown error";
}

export type Json = Record<string, unknown>;

/**
 * An identifier as a sentence can hold it: a did:key or did:jwk runs to hundreds of characters,
 * so prose shows its start and end (the credential, shown in full beside, has the whole).
 */
export function shortId(id: string, max = 64): string {
  if (id.length <= max) return id;
  return `${id.slice(0, max - 16)}…${id.slice(-12)}`;
}

// A DID (with any key fragment) as it appears inside a sentence.
const DID_IN_PROSE = /did:[a-z0-9]+:[A-Za-z0-9._:%#-]+/g;

/** Every long DID in a sentence shortened (thrown errors name them whole). */
export function shortenIdentifiers(sentence: string): string {
  return sentence.replace(DID_IN_PROSE, (did) => shortId(did));
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asArray<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** The id of a node given either as a string or as an object with an id. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.id === "string") return value.id;
  return undefined;
}
