export type CheckName = "proof" | "schema" | "dates" | "status" | "issuer";

/** Something a passing check accepted although it is not what the standard asks for now. */
export type CheckWarning = { code: string; message: string };

/** One verification step. `code` is stable (for i18n and callers); `message` is a human sentence. */
export type Check = { check: CheckName; ok: boolean; code: string; message: string; warnings?: CheckWarning[] };

export type CredentialFormat = "ob3-jsonld" | "ob3-jwt" | "ob2-hosted" | "ob2-signed" | "unknown";

export type VerificationResult = {
  /** True only when the input was readable and every check passed. */
  valid: boolean;
  format: CredentialFormat;
  /** The credential (OB 3.0) or assertion (OB 2.0) that was checked, once it could be read. */
  credential?: Record<string, unknown>;
  /** Always proof, schema, dates, status, issuer in that order once the input was readable. */
  checks: Check[];
  /** Set when the input could not be read at all (then `checks` is empty). */
  error?: { code: string; message: string };
};

export const CHECK_ORDER: CheckName[] = ["proof", "schema", "dates", "status", "issuer"];

export function pass(check: CheckName, code: string, message: string): Check {
  return { check, ok: true, code, message };
}

export function fail(check: CheckName, code: string, message: string): Check {
  return { check, ok: false, code, message };
}

export function unreadable(code: string, message: string, format: CredentialFormat = "unknown"): VerificationResult {
  return { valid: false, format, checks: [], error: { code, message } };
}

export function assemble(format: CredentialFormat, credential: Record<string, unknown>, checks: Check[]): VerificationResult {
  const ordered = [...checks].sort((a, b) => CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check));
  return { valid: ordered.every((c) => c.ok), format, credential, checks: ordered };
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

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "unknown error";
}

export type Json = Record<string, unknown>;

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
