// Everything the verifier reads from the network goes through here: the caller's fetchRemote
// when given (tests, or the app serving its own documents), otherwise the safe fetcher.
import { safeFetch, type SafeFetchResult } from "../fetch/safe-fetch";
import { CannotCheckError, errorMessage } from "./result";

export type RemoteDocumentFetcher = (url: string) => Promise<unknown>;

export type Remote = {
  /** Parsed JSON at `url` (without fragment). Memoised for one verification. */
  json(url: string): Promise<unknown>;
  /** Raw bytes of a URL given as the input itself (a badge image, a JWT, JSON). */
  input(url: string): Promise<SafeFetchResult>;
};

/** Input URLs may name a baked image, bigger than a JSON document. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/** The HTTP status behind a failed fetch, when there was one (OB 2.0 uses 410 for revoked). */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Plain http is never fetched from the internet; old OB 2.0 documents still name http URLs,
 * and their hosts nearly always answer on https, so ask there instead.
 */
export function upgradeToHttps(url: string, allowOrigins: string[] = []): string {
  if (!url.startsWith("http://")) return url;
  const origin = originOf(url);
  if (origin && allowOrigins.some((allowed) => originOf(allowed) === origin)) return url;
  return "https://" + url.slice("http://".length);
}

function parseJson(bytes: Uint8Array, url: string): unknown {
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`The document at ${url} is not JSON.`);
  }
}

/** Fetches a URL given as the badge itself; the default is the safe fetcher. */
export type InputFetcher = (url: string) => Promise<SafeFetchResult>;

export function createRemote(options: { fetchRemote?: RemoteDocumentFetcher; fetchInput?: InputFetcher; allowOrigins?: string[] }): Remote {
  const cache = new Map<string, Promise<unknown>>();
  const allowOrigins = options.allowOrigins ?? [];

  async function fetchJson(url: string): Promise<unknown> {
    if (options.fetchRemote) {
      const value = await options.fetchRemote(url);
      // A fetcher may hand back text (e.g. straight from a file); accept it when it is JSON.
      if (typeof value === "string") return parseJson(new TextEncoder().encode(value), url);
      if (value instanceof Uint8Array) return parseJson(value, url);
      return value;
    }
    const response = await safeFetch(upgradeToHttps(url, allowOrigins), {
      allowOrigins,
      accept: "application/ld+json, application/json;q=0.9, */*;q=0.1",
    });
    return parseJson(response.body, url);
  }

  return {
    json(url: string): Promise<unknown> {
      const key = url.split("#")[0];
      let pending = cache.get(key);
      if (!pending) {
        // Whatever went wrong (no answer, an HTTP error, not JSON), the document is not to be had.
        pending = fetchJson(key).catch((error: unknown) => {
          throw new CannotCheckError(errorMessage(error), httpStatusOf(error));
        });
        cache.set(key, pending);
        // A failure is remembered too: one verification asks once, and reports it once.
        pending.catch(() => undefined);
      }
      // Each caller gets its own copy so nobody can alter what another step reads.
      return pending.then((value) => structuredClone(value));
    },
    async input(url: string): Promise<SafeFetchResult> {
      if (options.fetchInput) return options.fetchInput(url);
      return safeFetch(upgradeToHttps(url, allowOrigins), {
        allowOrigins,
        maxBytes: MAX_INPUT_BYTES,
        accept: "application/ld+json, application/json;q=0.9, application/jwt;q=0.9, image/png;q=0.8, image/svg+xml;q=0.8, */*;q=0.1",
      });
    },
  };
}

export function describeFetchError(url: string, error: unknown): string {
  const status = httpStatusOf(error);
  if (status !== undefined) return `${url} answered HTTP ${status}.`;
  return errorMessage(error);
}
