/**
 * Why a launch (or a login before it) was refused. The reason is logged and shown to the person
 * in their language (`lti.errors.<reason>`); the status says whose fault it was: 400 for a request
 * that is malformed or names nothing we know, 401 for one that proves nothing (a bad signature,
 * a replay, an expired or foreign token).
 */
export const LAUNCH_ERRORS = {
  missing_parameters: 400,
  unknown_platform: 400,
  unknown_client: 400,
  bad_target: 400,
  unknown_deployment: 400,
  not_lti_13: 400,
  unsupported_message: 400,
  missing_claims: 400,
  plan: 402,
  state_invalid: 401,
  token_invalid: 401,
  signature_invalid: 401,
  token_expired: 401,
  wrong_audience: 401,
  wrong_issuer: 401,
  nonce_replayed: 401,
  nonce_mismatch: 401,
  keys_unavailable: 502,
} as const;
export type LaunchErrorReason = keyof typeof LAUNCH_ERRORS;

export class LtiLaunchError extends Error {
  constructor(
    readonly reason: LaunchErrorReason,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = "LtiLaunchError";
  }
  get status(): number {
    return LAUNCH_ERRORS[this.reason];
  }
}

/** A platform's service (token, line items, results, roster) that did not answer as it should. */
export class LtiServiceError extends Error {
  constructor(
    readonly code: "token_refused" | "service_refused" | "service_unreachable" | "service_malformed",
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "LtiServiceError";
  }
}
