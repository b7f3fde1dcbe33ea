import "server-only";
import { env } from "@/lib/env";
import { originsOfHosts } from "@/lib/net/allowed-hosts";
import { HttpStatusError, safeFetch, safePost } from "@/lib/ob/fetch/safe-fetch";

/**
 * Requests to identity providers go to URLs an organization typed (an issuer, a metadata URL,
 * and what their documents name): under the same address rules as every fetch of untrusted
 * URLs, public https only. SSO_ALLOWED_HOSTS names the exceptions an operator allows (an IdP
 * on the install's own network).
 */
export function ssoAllowedOrigins(): string[] {
  return originsOfHosts(env().SSO_ALLOWED_HOSTS);
}

/** Whether an origin may be reached over plain http (only one the operator allowed). */
export function isAllowedInsecureOrigin(url: string): boolean {
  try {
    return ssoAllowedOrigins().includes(new URL(url).origin);
  } catch {
    return false;
  }
}

const TIMEOUT_MS = 8_000;

/** GET a document from an identity provider (metadata XML, discovery JSON, keys, userinfo). */
export async function idpGet(url: string, options: { accept?: string; headers?: Record<string, string>; followRedirects?: boolean } = {}) {
  return safeFetch(url, {
    allowOrigins: ssoAllowedOrigins(),
    accept: options.accept ?? "application/json",
    headers: options.headers,
    timeoutMs: TIMEOUT_MS,
    maxBytes: 1024 * 1024,
    // An Authorization header is never carried to wherever a redirect points.
    maxRedirects: options.followRedirects === false ? 0 : 3,
  });
}

type FetchOptions = { method: string; headers: Record<string, string>; body?: unknown };

/**
 * The fetch openid-client uses (its `customFetch`): GET through `safeFetch`, POST (the token
 * endpoint) through `safePost`, each answered as a Fetch API Response.
 */
export async function idpFetch(url: string, options: FetchOptions): Promise<Response> {
  const method = options.method.toUpperCase();
  if (method === "GET") {
    try {
      const result = await idpGet(url, { accept: options.headers.accept ?? options.headers.Accept, headers: options.headers, followRedirects: !hasAuthorization(options.headers) });
      return new Response(Buffer.from(result.body), { status: result.status, headers: { "content-type": result.contentType } });
    } catch (error) {
      if (error instanceof HttpStatusError) return new Response(null, { status: error.status });
      throw error;
    }
  }
  if (method === "POST") {
    const result = await safePost(url, {
      body: options.body === undefined || options.body === null ? "" : String(options.body),
      headers: options.headers,
      allowOrigins: ssoAllowedOrigins(),
      timeoutMs: TIMEOUT_MS,
      keepBytes: 64 * 1024,
    });
    return new Response(result.body, { status: result.status, headers: { "content-type": result.contentType } });
  }
  throw new Error(`Laurel does not send ${method} requests to identity providers`);
}

function hasAuthorization(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
}
