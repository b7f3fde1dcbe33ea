/**
 * Why a single sign-on did not finish, as the person is told on /sign-in/sso?error={code}
 * (translated under sso.errors). Never a 500: an identity provider's mistake, a tampered or
 * stale answer and an expired ticket each have their page.
 */
export const SSO_ERROR_CODES = [
  "no_connection",
  "not_available",
  "state_invalid",
  "idp_error",
  "response_invalid",
  "assertion_replayed",
  "email_missing",
  "email_outside_domains",
  "ticket_invalid",
  "rate_limited",
  "unreachable",
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    /** For the log only, never shown: the library's words, the IdP's error. */
    readonly detail?: string,
  ) {
    super(`SSO refused: ${code}${detail ? ` (${detail})` : ""}`);
    this.name = "SsoError";
  }
}

export function isSsoErrorCode(value: unknown): value is SsoErrorCode {
  return typeof value === "string" && (SSO_ERROR_CODES as readonly string[]).includes(value);
}
