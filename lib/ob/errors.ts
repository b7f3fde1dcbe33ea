/**
 * Malformed standards input (a broken PNG, an unsafe SVG, a garbled status list…).
 * `code` is stable and machine-readable so callers can map it to a response or an i18n key;
 * `message` is for people. Thrown instead of letting a parser crash on hostile bytes.
 */
export class ObInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ObInputError";
  }
}

export function isObInputError(error: unknown): error is ObInputError {
  return error instanceof ObInputError;
}
