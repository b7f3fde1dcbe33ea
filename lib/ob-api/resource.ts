import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { BodyTooLargeError } from "@/lib/http/read-body";
import { toAppError } from "@/lib/http/respond";
import { log } from "@/lib/log";
import { imsxResponse, type ImsxCodeMinor } from "./imsx";
import type { ObScope } from "./scopes";

/**
 * The door of the Open Badges 3.0 resource server (/ims/ob/v3p0/credentials, /profile): an
 * OAuth access token a learner granted, the scope the operation needs, a rate limit per
 * connected app, and every refusal in the spec's Imsx_StatusInfo shape. Tokens carry no
 * cookies, so any web page may call (a wallet in a browser): CORS is open and answers are
 * never stored.
 */

export const WALLET_RATE_LIMIT = { limit: 600, windowSeconds: 60 } as const;
const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i;
const LAST_USED_PRECISION_MS = 5 * 60_000;

export type WalletContext = { userId: string; grantId: string; clientId: string; scopes: string[] };

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "X-Total-Count, Link, WWW-Authenticate",
};

/** The answer to a browser's preflight for the resource server. */
export function walletPreflight(methods: string[]): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS,
      "Access-Control-Allow-Methods": [...methods, "OPTIONS"].join(", "),
      "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept",
      "Access-Control-Max-Age": "86400",
      "Cache-Control": "no-store",
    },
  });
}

/** The token's grant, or null when it is unknown, expired, or its app was disconnected. */
async function authenticate(request: Request): Promise<WalletContext | null> {
  const token = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) return null;
  const row = await db.oAuthToken.findUnique({
    where: { accessTokenHash: hashToken(token) },
    select: { accessTokenExpiresAt: true, scopes: true, grant: { select: { id: true, userId: true, clientId: true, lastUsedAt: true } } },
  });
  if (!row || row.accessTokenExpiresAt.getTime() <= Date.now()) return null;
  const { grant } = row;
  if (!grant.lastUsedAt || Date.now() - grant.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.oAuthGrant.update({ where: { id: grant.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: grant.userId, grantId: grant.id, clientId: grant.clientId, scopes: row.scopes };
}

const STATUS_OF: Record<string, [number, ImsxCodeMinor]> = {
  validation_failed: [400, "invalid_data"],
  conflict: [400, "invalid_data"],
  unauthorized: [401, "unauthorizedrequest"],
  forbidden: [403, "forbidden"],
  not_found: [404, "not_found"],
  gone: [404, "not_found"],
  rate_limited: [429, "server_busy"],
  payment_required: [403, "forbidden"],
};

/** Any failure as Imsx_StatusInfo: a caller's mistake with its fields and reasons, a bug as 500. */
export function walletError(error: unknown): Response {
  if (error instanceof BodyTooLargeError) return imsxResponse(400, "invalid_data", error.message);
  const known = toAppError(error);
  if (known) {
    const [status, minor] = STATUS_OF[known.code] ?? [400, "invalid_data"];
    const fields = Object.entries(known.fields ?? {}).map(([field, issue]) => `${field}: ${issue.code}`);
    return imsxResponse(status, minor, fields.length ? `${known.message} (${fields.join("; ")})` : known.message);
  }
  log.error({ err: error }, "Open Badges API request failed");
  return imsxResponse(500, "internal_server_error", "Something went wrong on our side");
}

function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return new Response(response.body, { status: response.status, headers });
}

export function withWalletToken(options: { scope: ObScope }, handler: (request: Request, ctx: WalletContext) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      const auth = await authenticate(request);
      if (!auth) {
        return withCors(imsxResponse(401, "unauthorizedrequest", "Send a valid access token as Authorization: Bearer <token>", {
          "WWW-Authenticate": 'Bearer realm="Laurel", error="invalid_token"',
        }));
      }
      const rate = await hitRateLimit(`wallet:${auth.grantId}`, WALLET_RATE_LIMIT.limit, WALLET_RATE_LIMIT.windowSeconds);
      if (!rate.allowed) {
        return withCors(imsxResponse(429, "server_busy", "Too many requests for this connection; retry later", { "Retry-After": String(rate.retryAfterSeconds) }));
      }
      if (!auth.scopes.includes(options.scope)) {
        return withCors(imsxResponse(403, "forbidden", `This access token lacks the scope ${options.scope}`, {
          "WWW-Authenticate": `Bearer realm="Laurel", error="insufficient_scope", scope="${options.scope}"`,
        }));
      }
      return withCors(await handler(request, auth));
    } catch (error) {
      return withCors(walletError(error));
    }
  };
}
