/**
 * What a public path parameter may look like, checked before any query: a `%00`, a broken `%`
 * escape or a 5 KB string is "not found", never a database error. Ids are cuids or UUIDs;
 * tests and seeds use shorter words.
 */
export const PARAM_FORMATS = {
  id: /^[A-Za-z0-9_-]{1,64}$/,
  handle: /^[A-Za-z0-9-]{1,40}$/,
  code: /^[A-Za-z0-9]{1,32}$/,
  version: /^\d{1,6}$/,
  channel: /^[a-z_]{1,32}$/,
} as const;
export type ParamFormat = keyof typeof PARAM_FORMATS;

export function isWellFormed(format: ParamFormat, value: unknown): value is string {
  return typeof value === "string" && PARAM_FORMATS[format].test(value);
}

/** Runs `load` only for a well-formed parameter; null otherwise (the page's 404). */
export function whenWellFormed<T>(format: ParamFormat, load: (value: string) => Promise<T | null>): (value: string) => Promise<T | null> {
  return async (value) => (isWellFormed(format, value) ? load(value) : null);
}
