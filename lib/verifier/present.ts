import type { VerifierAnswer } from "./verify-anything";

/** The API's answer (and the page's data): the verdict, each check, and what was fetched. */
export function presentVerification({ result, fetched }: VerifierAnswer) {
  return {
    verdict: result.verdict,
    valid: result.valid,
    format: result.format,
    checks: result.checks.map(({ check, state, code, message, detail, warnings }) => ({ check, state, code, message, ...(detail && { detail }), ...(warnings && { warnings }) })),
    ...(result.error && { error: result.error }),
    ...(result.credential && { credential: result.credential }),
    fetched,
  };
}

export type PresentedVerification = ReturnType<typeof presentVerification>;
