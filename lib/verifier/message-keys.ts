// Where the verifier's codes find their sentences in the `verifier` messages: free of server
// imports, read by pages, components and actions alike.

/**
 * The key (under `verifier.errors`) of why an input could not be read or fetched: its own
 * sentence, else its family's (`png_…`, `svg_…`: a damaged image), else a general one.
 */
export function inputErrorKey(code: string, has: (key: string) => boolean): string {
  if (has(code)) return code;
  const family = `family.${code.split("_")[0]}`;
  return has(family) ? family : "other";
}

/** The key (under `verifier`) of what a check found: its code's sentence, else its state's. */
export function checkKey(check: { check: string; state: string; code: string }, has: (key: string) => boolean): string {
  const own = `codes.${check.check}.${check.code}`;
  return has(own) ? own : `fallback.${check.state}`;
}
