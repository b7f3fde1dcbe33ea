import "server-only";
import OAuth2Server from "@node-oauth/oauth2-server";
import { env } from "@/lib/env";
import { findClient } from "./clients";
import { allowedScopes, libClient, oauthModel } from "./oauth-model";
import { parseScopeParameter, type ObScope } from "./scopes";

/**
 * The authorization endpoint (the consent page and its decision): who asks, for what, and where
 * the answer goes. An unknown client or an unregistered redirect URI is shown to the learner
 * and never followed (an open redirect otherwise); anything else wrong goes back to the client
 * as an OAuth error on its own redirect URI. PKCE with S256 is required of every client.
 */

export const AUTHORIZATION_CODE_SECONDS = 300;
export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 90 * 24 * 3600;

/** The parameters a consent form carries back, as the client sent them. */
export const AUTHORIZATION_FIELDS = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "prompt"] as const;
export type AuthorizationParams = Partial<Record<(typeof AUTHORIZATION_FIELDS)[number], string>>;

export type ConsentRequest = {
  client: { id: string; name: string; clientUri: string | null; policyUri: string | null; tosUri: string | null };
  redirectUri: string;
  scopes: ObScope[];
  /** What the form posts back (hidden fields). */
  params: AuthorizationParams;
};

export type AuthorizationRead =
  | { kind: "consent"; request: ConsentRequest }
  /** Shown on Laurel's page: no trustworthy place to send the answer. */
  | { kind: "refused"; reason: "unknown_client" | "invalid_redirect_uri" }
  /** Sent back to the client. */
  | { kind: "redirect"; location: string };

const PKCE_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;
// RFC 6749's VSCHAR: printable ASCII.
const VSCHAR = /^[\x20-\x7E]{1,500}$/;

/** The authorization server's identifier (RFC 8414, RFC 9207's `iss`). */
export function issuer(): string {
  return env().BASE_URL.replace(/\/$/, "");
}

function clientRedirect(redirectUri: string, values: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries({ ...values, iss: issuer() })) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/** Picks the authorization parameters out of a query or form: one string each, or absent. */
export function authorizationParams(read: (name: string) => unknown): AuthorizationParams {
  const params: AuthorizationParams = {};
  for (const name of AUTHORIZATION_FIELDS) {
    const value = read(name);
    if (typeof value === "string" && value !== "") params[name] = value;
  }
  return params;
}

export async function readAuthorizationRequest(params: AuthorizationParams): Promise<AuthorizationRead> {
  const client = await findClient(params.client_id);
  if (!client) return { kind: "refused", reason: "unknown_client" };
  const redirectUri = params.redirect_uri;
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) return { kind: "refused", reason: "invalid_redirect_uri" };

  const state = params.state;
  const fail = (error: string, description: string): AuthorizationRead => ({
    kind: "redirect",
    location: clientRedirect(redirectUri, { error, error_description: description, state: state && VSCHAR.test(state) ? state : undefined }),
  });
  if (state !== undefined && !VSCHAR.test(state)) return fail("invalid_request", "state must be printable ASCII, at most 500 characters");
  if (params.response_type !== "code") return fail("unsupported_response_type", "response_type must be code");
  if (params.code_challenge_method !== "S256") return fail("invalid_request", "PKCE is required: code_challenge_method must be S256");
  if (!params.code_challenge || !PKCE_CHALLENGE.test(params.code_challenge)) return fail("invalid_request", "code_challenge must be 43 to 128 characters of base64url");
  const requested = params.scope === undefined ? [] : parseScopeParameter(params.scope);
  const scopes = requested ? allowedScopes(libClient(client), requested) : false;
  if (!scopes || scopes.length === 0) return fail("invalid_scope", "scope names a scope this client did not register or Laurel does not know");

  return {
    kind: "consent",
    request: {
      client: { id: client.id, name: client.name, clientUri: client.clientUri, policyUri: client.policyUri, tosUri: client.tosUri },
      redirectUri,
      scopes,
      params: { ...params, scope: scopes.join(" ") },
    },
  };
}

/**
 * The learner's answer to a consent page. Allowing issues a single-use code (with
 * @node-oauth/oauth2-server) and records the consent; denying tells the client `access_denied`.
 */
export async function decideAuthorization(userId: string, params: AuthorizationParams, allow: boolean): Promise<AuthorizationRead> {
  const read = await readAuthorizationRequest(params);
  if (read.kind !== "consent") return read;
  const { request } = read;
  if (!allow) {
    return { kind: "redirect", location: clientRedirect(request.redirectUri, { error: "access_denied", error_description: "The learner did not allow access", state: params.state }) };
  }
  const server = new OAuth2Server({ model: oauthModel({ authenticateClients: false }), authorizationCodeLifetime: AUTHORIZATION_CODE_SECONDS, allowEmptyState: true });
  const oauthRequest = new OAuth2Server.Request({ method: "POST", headers: {}, query: {}, body: { ...request.params } });
  const oauthResponse = new OAuth2Server.Response({ headers: {} });
  try {
    await server.authorize(oauthRequest, oauthResponse, { authenticateHandler: { handle: () => ({ id: userId }) } });
  } catch (error) {
    if (!(error instanceof OAuth2Server.OAuthError)) throw error;
    // The library put the error on the client's redirect URI already.
  }
  const location = oauthResponse.get("location") as string | undefined;
  if (!location) throw new Error("The authorization server gave no redirect");
  const url = new URL(location);
  url.searchParams.set("iss", issuer());
  return { kind: "redirect", location: url.toString() };
}

/**
 * The authorization request packed into one URL-safe parameter, for the trip through sign-in
 * (a scope list has spaces, which a sign-in callback URL may not carry).
 */
export function packAuthorizationParams(params: AuthorizationParams): string {
  return Buffer.from(JSON.stringify(params), "utf8").toString("base64url");
}

export function unpackAuthorizationParams(packed: string): AuthorizationParams {
  try {
    const value: unknown = JSON.parse(Buffer.from(packed, "base64url").toString("utf8"));
    return value && typeof value === "object" ? authorizationParams((name) => (value as Record<string, unknown>)[name]) : {};
  } catch {
    return {};
  }
}
