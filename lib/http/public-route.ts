import "server-only";
import { errorResponse } from "@/lib/http/respond";
import { clientIp, UNKNOWN_CLIENT } from "@/lib/auth/client-ip";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { downloadAccess } from "@/lib/public/downloads";
import { isWellFormed, type ParamFormat } from "./param-formats";
import { RateLimited } from "./rate-limited";

export { PARAM_FORMATS, type ParamFormat } from "./param-formats";

/**
 * The door of every public route (credential pages' files, issuer documents, cards, images,
 * share redirects): no session is required, but each request is checked the same way before
 * the handler runs, and every answer leaves with the same headers.
 *
 * 1. Path parameters are checked for format before any query: a malformed id (`%00`, a broken
 *    `%` escape, a 5 KB string) is the one 404, never a 500 from the database.
 * 2. Render routes count hits per client IP; over the limit they answer 429 with Retry-After.
 * 3. A credential's visibility rule (lib/backpack/access.ts): private is a 404 to everyone but
 *    its learner and the members of its issuing organization, and their answers stay private.
 * 4. Cache-Control comes from the route's policy, so no handler can leave a long public lifetime
 *    on something that may turn private; a 404 is never cached.
 */

/** Per-IP budgets of public routes; rendering is the expensive kind (PNG, PDF, cards). */
export const PUBLIC_RATE_LIMITS = {
  render: { limit: 120, windowSeconds: 60 },
  /** The public verifier: each check may fetch keys, lists and contexts from other servers. */
  verify: { limit: 30, windowSeconds: 60 },
  /** The OAuth token and revocation endpoints of the Open Badges API. */
  oauth: { limit: 60, windowSeconds: 60 },
  /** Dynamic client registration: a wallet registers once, not on every connection. */
  registration: { limit: 20, windowSeconds: 60 * 60 },
  /** LTI logins and launches: a classroom behind one address launches at once. */
  lti: { limit: 600, windowSeconds: 60 },
} as const;

/**
 * Cache lifetimes. A change of visibility (a learner hiding a credential or a profile) must be
 * honoured by shared caches within a minute, so nothing that can turn private is kept longer.
 */
export const CACHE_POLICIES = {
  /** Signed documents, status lists, downloads: revocation and key rotation show at once. */
  revalidate: "public, max-age=0, must-revalidate",
  /** Cards, photos and images that follow their record: a minute in a browser or at a CDN. */
  short: "public, max-age=60, s-maxage=60, stale-while-revalidate=60",
  /** Content-addressed and public by nature (an achievement version's badge image). */
  immutable: "public, max-age=31536000, immutable",
  /** Redirects and beacons: per visitor, never stored. */
  none: "private, no-store",
} as const;
export type CachePolicy = keyof typeof CACHE_POLICIES;

export type PublicContext<P> = {
  params: P;
  /** The client's address as TRUSTED_PROXY_HOPS says (lib/auth/client-ip.ts). */
  ip: string;
  /** With `credential`: "public", or "private" for the learner and the issuer's members. */
  access: "public" | "private";
  /**
   * With `rateLimitOnlyRenders`: spends one of the client's renders; call it just before the
   * expensive work. Throws RateLimited (answered 429) once the budget is spent.
   */
  chargeRender: () => Promise<void>;
};

type Formats<P> = { [K in keyof P]: ParamFormat };

export type PublicRouteOptions<P> = {
  params: Formats<P>;
  cache: CachePolicy;
  /** The parameter naming a credential whose visibility rule applies. */
  credential?: keyof P & string;
  rateLimit?: keyof typeof PUBLIC_RATE_LIMITS;
  /**
   * Count only the requests that render (the handler calls `chargeRender`), not those answered
   * from a cache: a crawler fetching many already-rendered cards costs nothing to brake, and a
   * rate-limit write on every cached answer would cost more than the answer.
   */
  rateLimitOnlyRenders?: boolean;
  /** Readable by any web page, errors included (a browser hides a refusal without it). */
  cors?: boolean;
};

/**
 * The answer to a browser's preflight (OPTIONS) for a public route that any web page may call
 * with a JSON body: the methods, the Content-Type header, and a day to remember it.
 */
export function publicPreflight(methods: string[]): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": [...methods, "OPTIONS"].join(", "),
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "86400",
      "Cache-Control": "no-store",
    },
  });
}

function withCors(response: Response): Response {
  try {
    response.headers.set("Access-Control-Allow-Origin", "*");
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("Access-Control-Allow-Origin", "*");
    return copy;
  }
}

/** The one 404 of public routes: the same body, status and headers for "unknown", "hidden" and "malformed". */
export function publicNotFound(): Response {
  return Response.json(
    { error: { code: "not_found", message: "Not found", details: {} } },
    { status: 404, headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } },
  );
}

function tooManyRequests(retryAfterSeconds: number): Response {
  return Response.json(
    { error: { code: "rate_limited", message: "Too many requests; retry later", details: { retryAfterSeconds } } },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

/** Whether every declared parameter is present and well-formed. */
export function validParams<P>(params: Record<string, unknown>, formats: Formats<P>): params is Record<string, string> {
  return Object.entries(formats).every(([name, format]) => isWellFormed(format as ParamFormat, params[name]));
}

function applyCache(response: Response, policy: CachePolicy, access: "public" | "private"): Response {
  if (response.status === 404) return publicNotFound();
  let headers: Headers;
  try {
    headers = response.headers;
    const current = headers.get("Cache-Control") ?? "";
    const keep = /private|no-store/.test(current);
    if (response.status >= 400 && !keep) headers.set("Cache-Control", "no-store");
    else if (access === "private" && response.status < 400) headers.set("Cache-Control", "private, no-store");
    else if (!keep) headers.set("Cache-Control", CACHE_POLICIES[policy]);
    return response;
  } catch {
    // Immutable headers (a fetched or redirect Response): copy into a new answer.
    const copy = new Response(response.body, response);
    return applyCache(copy, policy, access);
  }
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * Builds a public route handler. The handler returns null for "no such thing" (the one 404).
 *
 *   export const GET = publicRoute({ params: { id: "id" }, credential: "id", cache: "revalidate" },
 *     async (request, { params }) => …);
 */
export function publicRoute<P extends Record<string, string> = Record<string, never>>(
  options: PublicRouteOptions<P>,
  handler: (request: Request, ctx: PublicContext<P>) => Promise<Response | null>,
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const response = await answer(request, context);
    return options.cors ? withCors(response) : response;
  };

  async function answer(request: Request, context?: RouteContext): Promise<Response> {
    try {
      const params = ((await context?.params) ?? {}) as Record<string, unknown>;
      if (!validParams(params, options.params)) return publicNotFound();
      const ip = clientIp(request.headers);
      // A request without a peer address did not come through Laurel's HTTP server (a call in
      // process): there is no client to brake, and one shared "unknown" bucket would brake all.
      const budget = options.rateLimit && ip !== UNKNOWN_CLIENT ? options.rateLimit : null;
      const charge = async () => {
        if (!budget) return;
        const { limit, windowSeconds } = PUBLIC_RATE_LIMITS[budget];
        const rate = await hitRateLimit(`public:${budget}:${ip}`, limit, windowSeconds);
        if (!rate.allowed) throw new RateLimited(rate.retryAfterSeconds);
      };
      if (!options.rateLimitOnlyRenders) await charge();
      let access: "public" | "private" = "public";
      if (options.credential) {
        const found = await downloadAccess(params[options.credential] as string);
        if (!found) return publicNotFound();
        access = found;
      }
      const chargeRender = options.rateLimitOnlyRenders ? charge : async () => undefined;
      const response = await handler(request, { params: params as P, ip, access, chargeRender });
      return response ? applyCache(response, options.cache, access) : publicNotFound();
    } catch (error) {
      if (error instanceof RateLimited) return tooManyRequests(error.retryAfterSeconds);
      if (error instanceof AppError && error.code === "not_found") return publicNotFound();
      // redirect() and notFound() of next/navigation are for pages; they are not caught here.
      if (error instanceof Error && "digest" in error) throw error;
      return errorResponse(error);
    }
  }
}
