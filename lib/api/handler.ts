import "server-only";
import { requireFeature } from "@/lib/billing/entitlements";
import type { Feature } from "@/lib/billing/plans";
import { clientIp } from "@/lib/auth/client-ip";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";
import { isId } from "@/lib/ids";
import { BodyTooLargeError, readBodyWithLimit } from "@/lib/http/read-body";
import { ApiError } from "./errors";
import { authenticateApiKey } from "./keys";
import { hasScope, type ApiScope } from "./scopes";

/** Requests per key per window; generous for automations, a brake on runaway loops. */
export const API_RATE_LIMIT = { limit: 600, windowSeconds: 60 } as const;
/** JSON bodies larger than this are refused unread; a route taking big batches may raise it. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type ApiContext<P = Record<string, string>> = {
  org: { id: string; slug: string; name: string };
  apiKey: { id: string; scopes: ApiScope[] };
  params: P;
  /** The parsed JSON body of a POST/PUT/PATCH ({} when it was empty); undefined otherwise. */
  body: unknown;
  /** The body exactly as sent, for hashing (idempotency); "" when there is none. */
  rawBody: string;
  /** The caller's address, for the audit log. */
  ip: string;
};

type RouteContext<P> = { params: Promise<P> };

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

async function readBody(request: Request, maxBytes: number): Promise<{ body: unknown; rawBody: string }> {
  if (!WITH_BODY.has(request.method)) return { body: undefined, rawBody: "" };
  let rawBody: string;
  try {
    // Streamed with the limit: a chunked body is cancelled at the limit, never read whole.
    // Handlers get the body from the context (the request's own stream is consumed here).
    rawBody = await readBodyWithLimit(request, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError("payload_too_large", 413, error.message, { maxBytes });
    throw error;
  }
  if (rawBody.trim() === "") return { body: {}, rawBody };
  if (!isJson(request.headers.get("content-type"))) {
    throw new ApiError("unsupported_media_type", 415, "Send the body as JSON with Content-Type: application/json");
  }
  try {
    return { body: JSON.parse(rawBody), rawBody };
  } catch (error) {
    throw new ApiError("invalid_json", 400, `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The one door for REST API v1 route handlers: authenticates the `Authorization: Bearer` key,
 * checks its scope, rate-limits per key, reads the JSON body, and answers every failure through
 * `errorResponse` (zod and database data errors as 422 with field details). Handlers query with `ctx.org.id`.
 */
export function withApiKey<P extends Record<string, string> = Record<string, string>>(
  options: { scope: ApiScope; maxBodyBytes?: number; /** A plan feature besides the API itself. */ feature?: Feature },
  handler: (request: Request, ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (request: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const token = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
      const auth = token ? await authenticateApiKey(token) : null;
      if (!auth) {
        const response = errorResponse(new AppError("unauthorized", "Send a valid API key as Authorization: Bearer <key>"));
        response.headers.set("WWW-Authenticate", 'Bearer realm="laurel"');
        return response;
      }
      // Every request of a known key counts, refused ones included, so a loop stuck on 403s is braked too.
      const rate = await hitRateLimit(`api-key:${auth.apiKey.id}`, API_RATE_LIMIT.limit, API_RATE_LIMIT.windowSeconds);
      if (!rate.allowed) {
        const response = errorResponse(
          new AppError("rate_limited", "Too many requests for this API key; retry later", undefined, { retryAfterSeconds: rate.retryAfterSeconds }),
        );
        response.headers.set("Retry-After", String(rate.retryAfterSeconds));
        return response;
      }
      if (!hasScope(auth.apiKey.scopes, options.scope)) {
        throw new AppError("forbidden", `This API key lacks the ${options.scope} scope`, undefined, { requiredScope: options.scope });
      }
      // The plan: the API is a paid feature, and some routes need one more (HTTP 402 otherwise).
      requireFeature(auth.org, "api", ...(options.feature ? [options.feature] : []));
      const { body, rawBody } = await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const params = ((await route?.params) ?? {}) as P;
      // A malformed id answers like an unknown one, before any query sees it.
      for (const [name, value] of Object.entries(params)) {
        if ((name === "id" || name.endsWith("Id")) && !isId(value)) throw new AppError("not_found", "Not found");
      }
      const response = await handler(request, { ...auth, params, body, rawBody, ip: clientIp(request.headers) });
      try {
        response.headers.set("RateLimit-Limit", String(API_RATE_LIMIT.limit));
        response.headers.set("RateLimit-Remaining", String(rate.remaining));
      } catch {
        // Some responses (redirects) have immutable headers; the limit headers are a courtesy.
      }
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** JSON answer with the API's conventions (status, no caching of tenant data). */
export function apiJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(data, { status: init.status ?? 200, headers: { "Cache-Control": "no-store", ...init.headers } });
}
