import "server-only";
import OAuth2Server from "@node-oauth/oauth2-server";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { findClient, secretMatches } from "./clients";
import { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_SECONDS } from "./authorization";
import { oauthModel } from "./oauth-model";

/**
 * The token endpoint (RFC 6749 §3.2, with @node-oauth/oauth2-server: codes with PKCE, refresh
 * tokens rotated on each use) and the revocation endpoint (RFC 7009). Both take form bodies and
 * answer OAuth's JSON errors; neither is ever cached.
 */

const MAX_FORM_BYTES = 16 * 1024;
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error, error_description: description }, { status, headers: { ...NO_STORE, ...headers } });
}

/** A form body as a plain object (one value per name), or an OAuth error to answer with. */
async function readForm(request: Request): Promise<Record<string, string> | Response> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return oauthError(400, "invalid_request", "The body must be application/x-www-form-urlencoded");
  }
  const text = await readBodyWithLimit(request, MAX_FORM_BYTES).catch(() => null);
  if (text === null) return oauthError(400, "invalid_request", `The body must be at most ${MAX_FORM_BYTES} bytes`);
  const form: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    // RFC 6749 §3.1: a parameter sent twice is an error.
    if (name in form) return oauthError(400, "invalid_request", `${name} is repeated`);
    form[name] = value;
  }
  return form;
}

export async function tokenEndpoint(request: Request): Promise<Response> {
  const form = await readForm(request);
  if (form instanceof Response) return form;
  if (form.grant_type !== "authorization_code" && form.grant_type !== "refresh_token") {
    return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
  }
  const refused = await wrongAuthMethod(request, form);
  if (refused) return refused;
  const server = new OAuth2Server({
    model: oauthModel({ authenticateClients: true }),
    accessTokenLifetime: ACCESS_TOKEN_SECONDS,
    refreshTokenLifetime: REFRESH_TOKEN_SECONDS,
    // Public clients (wallets in a browser or on a phone) prove themselves with PKCE alone; the
    // model still requires a confidential client's secret.
    requireClientAuthentication: { authorization_code: false, refresh_token: false },
    alwaysIssueNewRefreshToken: true,
  });
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "content-length": String(new URLSearchParams(form).toString().length),
  };
  // RFC 6749 §2.3.1: Basic credentials are form-encoded first (oauth4webapi sends `_` as %5F);
  // the library reads them raw, so it gets them decoded.
  if (request.headers.get("authorization")) {
    const credentials = clientCredentials(request, {});
    if (!credentials) return oauthError(401, "invalid_client", "Client authentication failed", { "WWW-Authenticate": 'Basic realm="Laurel"' });
    headers.authorization = `Basic ${Buffer.from(`${credentials.id}:${credentials.secret ?? ""}`).toString("base64")}`;
  }
  const oauthRequest = new OAuth2Server.Request({ method: "POST", headers, query: {}, body: form });
  const oauthResponse = new OAuth2Server.Response({ headers: {} });
  try {
    await server.token(oauthRequest, oauthResponse);
  } catch (error) {
    if (!(error instanceof OAuth2Server.OAuthError) || error.code >= 500) throw error;
    const challenged = Boolean(oauthResponse.get("www-authenticate"));
    return oauthError(error.code, error.name, error.message, challenged ? { "WWW-Authenticate": 'Basic realm="Laurel"' } : {});
  }
  return Response.json(oauthResponse.body, { status: 200, headers: NO_STORE });
}

/**
 * A client authenticates only the way it registered (`token_endpoint_auth_method`): a secret
 * registered for Basic is not accepted in the form, and a public client sends none. Without this a
 * secret meant for one channel would be taken on another (RFC 7591 §2: the server should refuse).
 */
async function wrongAuthMethod(request: Request, form: Record<string, string>): Promise<Response | null> {
  const credentials = clientCredentials(request, form);
  const client = credentials ? await findClient(credentials.id) : null;
  if (!client) return null; // the library answers an unknown client
  const used = request.headers.get("authorization") ? "client_secret_basic" : form.client_secret !== undefined ? "client_secret_post" : "none";
  if (used === client.tokenEndpointAuthMethod) return null;
  // RFC 6749 §5.2: the Basic challenge only answers a client that tried Basic.
  const challenge: Record<string, string> = used === "client_secret_basic" ? { "WWW-Authenticate": 'Basic realm="Laurel"' } : {};
  return oauthError(401, "invalid_client", `This client authenticates with ${client.tokenEndpointAuthMethod}`, challenge);
}

/** A client's credentials from Basic authentication or the form (RFC 6749 §2.3.1). */
function clientCredentials(request: Request, form: Record<string, string>): { id: string; secret: string | null } | null {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get("authorization") ?? "");
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    try {
      return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")) };
    } catch {
      return null; // a broken % escape
    }
  }
  return form.client_id ? { id: form.client_id, secret: form.client_secret ?? null } : null;
}

/**
 * RFC 7009: the client hands back an access or refresh token it holds. Its whole pair stops
 * working. An unknown token is answered like a known one (200), so the endpoint tells nothing.
 */
export async function revocationEndpoint(request: Request): Promise<Response> {
  const form = await readForm(request);
  if (form instanceof Response) return form;
  const credentials = clientCredentials(request, form);
  const client = credentials ? await findClient(credentials.id) : null;
  if (!credentials || !client || !secretMatches(client, credentials.secret)) {
    return oauthError(401, "invalid_client", "Client authentication failed", { "WWW-Authenticate": 'Basic realm="Laurel"' });
  }
  if (!form.token) return oauthError(400, "invalid_request", "token is required");
  const hash = hashToken(form.token);
  await db.oAuthToken.deleteMany({
    where: { grant: { clientId: client.id }, OR: [{ accessTokenHash: hash }, { refreshTokenHash: hash }] },
  });
  return new Response(null, { status: 200, headers: NO_STORE });
}
