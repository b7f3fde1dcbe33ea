// JSON-LD contexts a credential names that Laurel does not bundle (an issuer's own extension):
// fetched through the safe fetcher like any document, kept for a day, and never trusted to be
// there: a context that cannot be had leaves the proof "cannot check", not "forged".
import type { Remote } from "./remote";
import { CannotCheckError, errorMessage, isObject } from "./result";

const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 200;
// Only successes are kept across verifications: a retry must really try again.
const cache = new Map<string, { document: Json; at: number }>();
type Json = Record<string, unknown>;

export async function loadRemoteContext(url: string, remote: Remote, now = Date.now()): Promise<Json> {
  const hit = cache.get(url);
  if (hit && now - hit.at < TTL_MS) return hit.document;
  if (!/^https:\/\//.test(url)) throw new CannotCheckError(`the JSON-LD context ${url} is not an https URL, so it was not fetched`);
  let document: unknown;
  try {
    document = await remote.json(url);
  } catch (error) {
    throw new CannotCheckError(`the JSON-LD context ${url} is unavailable (${errorMessage(error)})`);
  }
  if (!isObject(document) || !("@context" in document)) throw new CannotCheckError(`the JSON-LD context ${url} is unavailable (what it serves is not a JSON-LD context)`);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(url, { document, at: now });
  return document;
}

/** Tests start from an empty cache. */
export function forgetRemoteContexts(): void {
  cache.clear();
}
