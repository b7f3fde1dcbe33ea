import "server-only";
import * as client from "openid-client";
import { log } from "@/lib/log";
import { openClientSecret, type SsoConnectionRow } from "./connections";
import { SsoError } from "./errors";
import { oidcConfiguration } from "./oidc-config";
import { consumeAuthState, createAuthState, type NewState } from "./state";
import { ssoUrls } from "./urls";

type OidcConnection = Pick<SsoConnectionRow, "id" | "organizationId" | "oidcIssuer" | "oidcClientId">;

async function configurationOf(connection: OidcConnection): Promise<client.Configuration> {
  if (!connection.oidcIssuer || !connection.oidcClientId) throw new SsoError("no_connection", "incomplete OIDC connection");
  try {
    return await oidcConfiguration(connection.oidcIssuer, connection.oidcClientId, await openClientSecret(connection.id));
  } catch (error) {
    throw new SsoError("unreachable", error instanceof Error ? error.message : String(error));
  }
}

/**
 * The authorization request: code flow with PKCE (S256), a state and a nonce, all kept
 * server-side with the sign-in under way; the email typed is passed on as a login hint.
 */
export async function startOidcSignIn(connection: OidcConnection, loginHint?: string): Promise<{ location: string; state: NewState }> {
  const config = await configurationOf(connection);
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = await createAuthState(connection.id, { oidcNonce: nonce, oidcCodeVerifier: codeVerifier });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: ssoUrls(connection.organizationId).callbackUrl,
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: state.state,
    nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { location: url.href, state };
}

export type OidcIdentity = { email: string; name: string | null; subject: string };

/**
 * The provider's answer at the redirect URI: the state must be one this browser started (once),
 * then openid-client redeems the code with the PKCE verifier and checks the ID token (signature
 * against the provider's keys, issuer, audience, expiry, nonce). The address comes from the ID
 * token, or from userinfo when the token carries none; one the provider says is unverified is refused.
 */
export async function finishOidcSignIn(connection: OidcConnection, callbackSearch: URLSearchParams, browserKey: string | undefined): Promise<OidcIdentity> {
  const saved = await consumeAuthState(connection.id, callbackSearch.get("state"), browserKey);
  if (callbackSearch.has("error")) throw new SsoError("idp_error", `${callbackSearch.get("error")}: ${callbackSearch.get("error_description") ?? ""}`.slice(0, 300));
  const config = await configurationOf(connection);
  // The URL the provider redirected to, as registered (not as a proxy may have rewritten it).
  const current = new URL(ssoUrls(connection.organizationId).callbackUrl);
  current.search = callbackSearch.toString();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: saved.oidcCodeVerifier ?? undefined,
      expectedState: saved.state,
      expectedNonce: saved.oidcNonce ?? undefined,
      idTokenExpected: true,
    });
  } catch (error) {
    log.info({ err: error, connectionId: connection.id }, "OIDC answer refused");
    if (error instanceof client.AuthorizationResponseError) throw new SsoError("idp_error", error.error);
    throw new SsoError("response_invalid", error instanceof Error ? error.message : String(error));
  }
  const claims = tokens.claims();
  if (!claims) throw new SsoError("response_invalid", "no ID token");
  let email = typeof claims.email === "string" ? claims.email : undefined;
  let verified = claims.email_verified;
  let name = typeof claims.name === "string" ? claims.name : null;
  if (!email) {
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === "string" ? info.email : undefined;
      verified = info.email_verified;
      name ??= typeof info.name === "string" ? info.name : null;
    } catch (error) {
      throw new SsoError("response_invalid", `userinfo: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!email) throw new SsoError("email_missing");
  // Many enterprise providers omit email_verified; only an explicit "no" is refused.
  if (verified === false) throw new SsoError("email_missing", "email_verified is false");
  return { email, name, subject: claims.sub };
}
