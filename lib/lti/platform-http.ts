import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { ObInputError } from "@/lib/ob/errors";
import { HttpStatusError, safeFetch, safePost } from "@/lib/ob/fetch/safe-fetch";
import { LtiServiceError } from "./errors";
import { ltiAllowedOrigins } from "./platforms";

/**
 * Everything Laurel asks of a platform over the network goes through the safe fetcher: https on
 * public addresses only (LTI_ALLOWED_HOSTS aside), bounded in time and size, redirects checked.
 */

const TIMEOUT_MS = 8_000;
const MAX_BYTES = 4 * 1024 * 1024;

/** How long a platform's JWKS is kept; a token naming a key we do not know fetches it again sooner. */
const JWKS_TTL_MS = 10 * 60 * 1000;
const JWKS_REFETCH_AFTER_MS = 30 * 1000;

type CachedJwks = { keys: JWTVerifyGetKey; kids: Set<string>; fetchedAt: number };
// A cache only: every instance fetches the keys itself when it lacks them.
const jwksCache = new Map<string, CachedJwks>();

async function fetchJwks(url: string): Promise<CachedJwks> {
  const result = await safeFetch(url, { accept: "application/json", allowOrigins: ltiAllowedOrigins(), timeoutMs: TIMEOUT_MS, maxBytes: 512 * 1024 });
  const set = JSON.parse(new TextDecoder().decode(result.body)) as JSONWebKeySet;
  if (!set || !Array.isArray(set.keys)) throw new Error("not a JWK Set");
  return { keys: createLocalJWKSet(set), kids: new Set(set.keys.map((key) => key.kid).filter((kid): kid is string => typeof kid === "string")), fetchedAt: Date.now() };
}

/**
 * The platform's public keys for verifying an id_token signed with key `kid`: from the cache while
 * fresh, fetched again when stale, or when the token names a key the cached set lacks (a platform
 * rotating its keys), at most every 30 seconds.
 */
export async function platformKeys(jwksUrl: string, kid: string | undefined): Promise<JWTVerifyGetKey> {
  const cached = jwksCache.get(jwksUrl);
  const age = cached ? Date.now() - cached.fetchedAt : Infinity;
  const unknownKid = cached && kid !== undefined && !cached.kids.has(kid);
  if (cached && age < JWKS_TTL_MS && !(unknownKid && age > JWKS_REFETCH_AFTER_MS)) return cached.keys;
  const fresh = await fetchJwks(jwksUrl);
  jwksCache.set(jwksUrl, fresh);
  return fresh.keys;
}

/** Forgets cached keys (tests rotate a platform's keys). */
export function forgetPlatformKeys(): void {
  jwksCache.clear();
}

function serviceError(error: unknown, url: string): LtiServiceError {
  if (error instanceof LtiServiceError) return error;
  if (error instanceof HttpStatusError) return new LtiServiceError("service_refused", `${url} answered HTTP ${error.status}`);
  if (error instanceof ObInputError) return new LtiServiceError("service_unreachable", error.message);
  return new LtiServiceError("service_malformed", `${url}: ${error instanceof Error ? error.message : String(error)}`);
}

/** GET a platform service's JSON with the access token; the answer and its Link header. */
export async function getServiceJson(url: string, accessToken: string, accept: string): Promise<{ json: unknown; link: string | undefined }> {
  try {
    const result = await safeFetch(url, {
      accept,
      headers: { authorization: `Bearer ${accessToken}` },
      allowOrigins: ltiAllowedOrigins(),
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
    return { json: JSON.parse(new TextDecoder().decode(result.body)), link: result.link };
  } catch (error) {
    throw serviceError(error, url);
  }
}

/** POSTs a form to a platform's token endpoint; its JSON answer, or a refusal. */
export async function postTokenRequest(url: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  let answer: { status: number; body: string };
  try {
    answer = await safePost(url, {
      body: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", "user-agent": "Laurel-LTI" },
      allowOrigins: ltiAllowedOrigins(),
      timeoutMs: TIMEOUT_MS,
      keepBytes: 64 * 1024,
    });
  } catch (error) {
    throw serviceError(error, url);
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw new LtiServiceError(answer.status >= 400 ? "token_refused" : "service_malformed", `${url} answered HTTP ${answer.status} without JSON`);
  }
  if (answer.status < 200 || answer.status > 299) {
    const error = (json as { error?: unknown })?.error;
    throw new LtiServiceError("token_refused", `${url} answered HTTP ${answer.status}${typeof error === "string" ? ` (${error})` : ""}`);
  }
  return json as Record<string, unknown>;
}

/** The URL of the next page a `Link` header names (rel="next"), if any. */
export function nextLink(link: string | undefined, base: string): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (match && /rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2])) return new URL(match[1], base).href;
  }
  return null;
}
