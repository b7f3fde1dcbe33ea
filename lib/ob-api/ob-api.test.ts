import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import * as oauth from "oauth4webapi";
import { beforeAll, describe, expect, it } from "vitest";
import * as metadataRoute from "@/app/.well-known/oauth-authorization-server/route";
import * as credentialsRoute from "@/app/ims/ob/v3p0/credentials/route";
import * as discoveryRoute from "@/app/ims/ob/v3p0/discovery/route";
import * as profileRoute from "@/app/ims/ob/v3p0/profile/route";
import * as registerRoute from "@/app/oauth/register/route";
import * as revokeRoute from "@/app/oauth/revoke/route";
import * as tokenRoute from "@/app/oauth/token/route";
import { createIssuer, createLearner, issueTo } from "@/lib/backpack/backpack-fixtures";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DCC_DIR } from "@/lib/ob/verify/test/fixture-documents";
import { ed25519Did, openBadge, signJwt } from "@/lib/ob/verify/test/independent-signers";
import { createUser } from "@/lib/test/factories";
import { authorizationParams, decideAuthorization, readAuthorizationRequest } from "./authorization";
import { consentCovers, disconnectApp, listConnectedApps } from "./grants";
import { ALL_OB_SCOPES, OB_SCOPES } from "./scopes";

/**
 * The Open Badges 3.0 API as a wallet uses it, driven by oauth4webapi (an OAuth client that
 * shares no code with Laurel): discovery, dynamic registration, PKCE, the learner's consent,
 * tokens, refresh, revocation, and the resource server's answers checked against 1EdTech's
 * OpenAPI schemas. The consent page itself is clicked through in Chromium (e2e/wallet-api.spec.ts).
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Record<string, Record<string, unknown>> = {
  "/.well-known/oauth-authorization-server": metadataRoute,
  "/ims/ob/v3p0/discovery": discoveryRoute,
  "/ims/ob/v3p0/credentials": credentialsRoute,
  "/ims/ob/v3p0/profile": profileRoute,
  "/oauth/register": registerRoute,
  "/oauth/token": tokenRoute,
  "/oauth/revoke": revokeRoute,
};

/** Laurel's route handlers behind a fetch, as the client would reach them over HTTP. */
const appFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  const route = ROUTES[new URL(request.url).pathname];
  const handler = route?.[request.method] as Handler | undefined;
  if (!handler) return new Response("no route", { status: 404 });
  return handler(request, { params: Promise.resolve({}) });
}) as typeof fetch;

const options = { [oauth.customFetch]: appFetch, [oauth.allowInsecureRequests]: true };
const REDIRECT = "http://127.0.0.1:8123/callback";

const specDir = path.resolve(process.cwd(), "../shared/spec/ob3-schema");
const openapi = JSON.parse(readFileSync(path.join(specDir, "openapi.json"), "utf8"));
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "ob3", components: openapi.components });
const schemaValid = (name: string, value: unknown) => {
  const validate = ajv.getSchema(`ob3#/components/schemas/${name}`)!;
  const ok = validate(value);
  return ok ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
};

let as: oauth.AuthorizationServer;
beforeAll(async () => {
  const issuer = new URL(env().BASE_URL);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: "oauth2", ...options }));
});

async function registerWallet(metadata: Record<string, unknown> = {}) {
  const response = await oauth.dynamicClientRegistrationRequest(as, { client_name: "Pocket Wallet", redirect_uris: [REDIRECT], client_uri: "https://wallet.example", token_endpoint_auth_method: "none", ...metadata }, options);
  return oauth.processDynamicClientRegistrationResponse(response);
}

/** The learner allows the app (the consent page's decision), and the client reads its code. */
async function connect(client: oauth.Client, userId: string, scope = ALL_OB_SCOPES.join(" "), clientAuth: oauth.ClientAuth = oauth.None()) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const params = authorizationParams((name) =>
    ({ response_type: "code", client_id: client.client_id, redirect_uri: REDIRECT, scope, state, code_challenge: challenge, code_challenge_method: "S256" })[name],
  );
  const decision = await decideAuthorization(userId, params, true);
  if (decision.kind !== "redirect") throw new Error(`no redirect: ${JSON.stringify(decision)}`);
  const callback = oauth.validateAuthResponse(as, client, new URL(decision.location), state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, callback, REDIRECT, verifier, options);
  return oauth.processAuthorizationCodeResponse(as, client, response);
}

async function wallet(method: string, pathname: string, token: string, body?: { text: string; type: string }) {
  const response = await appFetch(new URL(pathname, env().BASE_URL), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": body.type } : {}) },
    body: body?.text,
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}

const dccCredential = () => readFileSync(path.join(DCC_DIR, "v2OBv3SpecExample.json"), "utf8");

describe("the Open Badges 3.0 API, as a wallet connects to it", () => {
  it("publishes a service description that 1EdTech's schema accepts, and RFC 8414 metadata that names PKCE S256 only", async () => {
    const response = await appFetch(new URL("/ims/ob/v3p0/discovery", env().BASE_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const document = await response.json();
    expect(schemaValid("ServiceDescriptionDocument", document)).toEqual([]);
    const flow = document.components.securitySchemes.OAuth2ACG;
    expect(flow["x-imssf-registrationUrl"]).toBe(as.registration_endpoint);
    expect(flow.flows.authorizationCode.tokenUrl).toBe(as.token_endpoint);
    expect(Object.keys(flow.flows.authorizationCode.scopes).sort()).toEqual([...ALL_OB_SCOPES].sort());
    // It is the API's OpenAPI description too: the four operations with the spec's ids and scopes.
    const operations = Object.values(document.paths as Record<string, Record<string, { operationId: string; security: Record<string, string[]>[] }>>).flatMap((path) => Object.values(path));
    expect(operations.map((operation) => [operation.operationId, operation.security[0].OAuth2ACG[0]])).toEqual(
      Object.values(openapi.paths as Record<string, Record<string, { operationId: string; security?: Record<string, string[]>[] }>>)
        .flatMap((path) => Object.values(path))
        .filter((operation) => operation.security)
        .map((operation) => [operation.operationId, operation.security![0].OAuth2ACG[0]]),
    );
    expect(as).toMatchObject({ code_challenge_methods_supported: ["S256"], revocation_endpoint: `${env().BASE_URL.replace(/\/$/, "")}/oauth/revoke` });
  });

  it("registers, connects with PKCE, lists and upserts credentials, reads and updates the profile, refreshes and revokes", async () => {
    const { org, achievement } = await createIssuer("Wallet Academy");
    const { user } = await createLearner();
    const issued = await issueTo(org.id, achievement.id, user.email);
    await db.backpackEntry.create({ data: { userId: user.id, credentialId: issued.id, state: "accepted", acceptedAt: new Date() } });

    const client = await registerWallet();
    expect(client.client_secret).toBeUndefined();
    let tokens = await connect(client, user.id);
    expect(tokens.scope?.split(" ").sort()).toEqual([...ALL_OB_SCOPES].sort());
    expect(tokens.refresh_token).toBeTruthy();

    // getCredentials: Laurel's own credential, signed, as issued.
    let list = await wallet("GET", "/ims/ob/v3p0/credentials", tokens.access_token);
    expect(list.status).toBe(200);
    expect(list.headers.get("x-total-count")).toBe("1");
    expect(schemaValid("GetOpenBadgeCredentialsResponse", list.json)).toEqual([]);
    const signed = await db.credential.findUniqueOrThrow({ where: { id: issued.id }, select: { document: true } });
    expect(list.json.credential).toEqual([signed.document]);

    // upsertCredential: DCC's example (signed by a did:key) is verified and created, then replaced.
    const created = await wallet("POST", "/ims/ob/v3p0/credentials", tokens.access_token, { text: dccCredential(), type: "application/json" });
    expect(created.status, created.text).toBe(201);
    expect(JSON.parse(created.text).id).toBe(JSON.parse(dccCredential()).id);
    const again = await wallet("POST", "/ims/ob/v3p0/credentials", tokens.access_token, { text: dccCredential(), type: "application/json" });
    expect(again.status).toBe(200);
    // A VC-JWT signed with node:crypto for a did:jwk: created, and listed as a compact JWS.
    const key = await ed25519Did("jwk");
    const jwt = signJwt(openBadge(key.did, "Bridge Builder"), { kid: key.vm }, key.privateKey);
    const fromJwt = await wallet("POST", "/ims/ob/v3p0/credentials", tokens.access_token, { text: jwt, type: "text/plain" });
    expect(fromJwt.status, fromJwt.text).toBe(201);
    expect(fromJwt.text).toBe(jwt);
    expect(await db.backpackEntry.count({ where: { userId: user.id } })).toBe(3);
    // An Open Badges 2.0 badge imported on the import page is in the backpack, but it is not an
    // OB 3.0 credential: the API neither lists nor counts it.
    await db.backpackEntry.create({
      data: {
        userId: user.id, state: "accepted", acceptedAt: new Date(), importFormat: "url", importPayload: JSON.stringify({ "@context": "https://w3id.org/openbadges/v2", type: "Assertion" }),
        verification: { valid: true, verdict: "valid", format: "ob2-hosted", checks: [] }, name: "Old badge",
      },
    });

    // Paging: one per page, with X-Total-Count and Link.
    list = await wallet("GET", "/ims/ob/v3p0/credentials?limit=1&offset=1", tokens.access_token);
    expect(list.headers.get("x-total-count")).toBe("3");
    expect(list.headers.get("link")).toContain('offset=2>; rel="next"');
    expect(list.headers.get("link")).toContain('offset=0>; rel="prev"');
    expect((list.json.credential as object[]).length).toBe(1);
    const last = await wallet("GET", "/ims/ob/v3p0/credentials?limit=1&offset=2", tokens.access_token);
    expect(last.json).toEqual({ credential: [], compactJwsString: [jwt] });
    expect(last.headers.get("link")).not.toContain('rel="next"');

    // Profile: read, then a new name and headline.
    const profile = await wallet("GET", "/ims/ob/v3p0/profile", tokens.access_token);
    expect(profile.status).toBe(200);
    expect(schemaValid("Profile", profile.json)).toEqual([]);
    expect(profile.json).toMatchObject({ type: ["Profile"], email: user.email });
    const updated = await wallet("PUT", "/ims/ob/v3p0/profile", tokens.access_token, { text: JSON.stringify({ ...profile.json, name: "Lee Wallet", description: "Bridges and badges" }), type: "application/json" });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.json).toMatchObject({ name: "Lee Wallet", description: "Bridges and badges", email: user.email });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, headline: true } })).toEqual({ name: "Lee Wallet", headline: "Bridges and badges" });

    // Refresh: a new pair; the spent refresh token and its access token stop working.
    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, options));
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await wallet("GET", "/ims/ob/v3p0/profile", tokens.access_token)).status).toBe(401);
    await expect(oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, options).then((r) => oauth.processRefreshTokenResponse(as, client, r))).rejects.toMatchObject({ error: "invalid_grant" });
    tokens = refreshed;
    expect((await wallet("GET", "/ims/ob/v3p0/profile", tokens.access_token)).status).toBe(200);

    // Revocation (RFC 7009): the refresh token goes, and the access token issued with it.
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.None(), tokens.refresh_token!, options));
    const revoked = await wallet("GET", "/ims/ob/v3p0/credentials", tokens.access_token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(schemaValid("Imsx_StatusInfo", revoked.json)).toEqual([]);
  });

  it("refuses a token without the operation's scope with the spec's Imsx_StatusInfo body", async () => {
    const user = await createUser();
    const client = await registerWallet();
    const tokens = await connect(client, user.id, OB_SCOPES.credentialRead);
    expect((await wallet("GET", "/ims/ob/v3p0/credentials", tokens.access_token)).status).toBe(200);
    for (const [method, pathname, body] of [
      ["POST", "/ims/ob/v3p0/credentials", { text: dccCredential(), type: "application/json" }],
      ["GET", "/ims/ob/v3p0/profile", undefined],
      ["PUT", "/ims/ob/v3p0/profile", { text: JSON.stringify({ name: "Changed" }), type: "application/json" }],
    ] as const) {
      const answer = await wallet(method, pathname, tokens.access_token, body);
      expect(answer.status, `${method} ${pathname}`).toBe(403);
      expect(answer.json).toEqual({
        imsx_codeMajor: "failure",
        imsx_severity: "error",
        imsx_description: expect.stringContaining("lacks the scope"),
        imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: "Laurel", imsx_codeMinorFieldValue: "forbidden" }] },
      });
      expect(schemaValid("Imsx_StatusInfo", answer.json)).toEqual([]);
      expect(answer.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    }
    expect(await db.backpackEntry.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).not.toBe("Changed");
  });

  it("keeps nothing that fails verification, and answers bad input with the field and the reason", async () => {
    const user = await createUser();
    const tokens = await connect(await registerWallet(), user.id);
    const tampered = JSON.parse(dccCredential());
    tampered.credentialSubject.achievement.name = "Forged";
    const cases: [string, { text: string; type: string }, string, string][] = [
      ["tampered", { text: JSON.stringify(tampered), type: "application/json" }, "invalid_data", "did not verify"],
      ["not JSON", { text: "{oops", type: "application/json" }, "invalid_data", "JSON object"],
      ["an OB 2.0 assertion", { text: JSON.stringify({ "@context": "https://w3id.org/openbadges/v2", type: "Assertion" }), type: "application/json" }, "invalid_data", "not a Verifiable Credential"],
      ["not a JWS", { text: "hello", type: "text/plain" }, "invalid_data", "compact JWS"],
      ["a form", { text: "a=b", type: "application/x-www-form-urlencoded" }, "invalid_data", "application/json"],
    ];
    for (const [what, body, minor, words] of cases) {
      const answer = await wallet("POST", "/ims/ob/v3p0/credentials", tokens.access_token, body);
      expect(answer.status, what).toBe(400);
      expect(answer.json.imsx_description, what).toContain(words);
      expect(answer.json.imsx_codeMinor, what).toEqual({ imsx_codeMinorField: [{ imsx_codeMinorFieldName: "Laurel", imsx_codeMinorFieldValue: minor }] });
    }
    expect(await db.backpackEntry.count({ where: { userId: user.id } })).toBe(0);

    for (const query of ["limit=0", "limit=101", "offset=-1", "limit=abc", "since=yesterday", "since=0001-01-01T00:00:00Z"]) {
      const answer = await wallet("GET", `/ims/ob/v3p0/credentials?${query}`, tokens.access_token);
      expect(answer.status, query).toBe(400);
      expect(answer.json.imsx_codeMinor, query).toEqual({ imsx_codeMinorField: [{ imsx_codeMinorFieldName: "Laurel", imsx_codeMinorFieldValue: "invalid_query_parameter" }] });
    }
    for (const body of [{ name: "" }, { name: "a\u0000b" }, { name: "Ok", type: "Achievement" }, { name: "x".repeat(101) }]) {
      const answer = await wallet("PUT", "/ims/ob/v3p0/profile", tokens.access_token, { text: JSON.stringify(body), type: "application/json" });
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.json.imsx_severity).toBe("error");
    }
    const missing = await wallet("GET", "/ims/ob/v3p0/profile", "not-a-token");
    expect(missing.status).toBe(401);
    expect(missing.json.imsx_codeMinor).toEqual({ imsx_codeMinorField: [{ imsx_codeMinorFieldName: "Laurel", imsx_codeMinorFieldValue: "unauthorizedrequest" }] });
  });

  it("refuses registrations it cannot trust, with RFC 7591's errors", async () => {
    const register = async (body: unknown) => {
      const response = await appFetch(new URL("/oauth/register", env().BASE_URL), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: response.status, json: await response.json() };
    };
    for (const [uri, reason] of [
      ["http://wallet.example/cb", "https_required"],
      ["https://wallet.example/cb#x", "fragment"],
      ["javascript:alert(1)", "scheme_not_allowed"],
      ["not a url", "invalid_url"],
    ]) {
      expect(await register({ client_name: "W", redirect_uris: [uri] }), uri).toEqual({ status: 400, json: { error: "invalid_redirect_uri", error_description: `redirect_uris.0: ${reason}` } });
    }
    expect((await register({ client_name: "W", redirect_uris: [REDIRECT], scope: "openid" })).json).toMatchObject({ error: "invalid_client_metadata", error_description: "scope: unknown_scope" });
    expect((await register({ redirect_uris: [REDIRECT] })).json).toMatchObject({ error: "invalid_client_metadata", error_description: expect.stringContaining("client_name") });
    expect((await register({ client_name: "W\u0000", redirect_uris: [REDIRECT] })).json).toMatchObject({ error: "invalid_client_metadata" });
    // A native app's private-use scheme and a loopback address are fine (RFC 8252).
    expect((await register({ client_name: "Phone wallet", redirect_uris: ["com.example.wallet:/callback", "http://[::1]:9000/cb"] })).status).toBe(201);
  });

  it("sends authorization errors back to the client, and never to an address it did not register", async () => {
    const user = await createUser();
    const client = await registerWallet({ scope: OB_SCOPES.credentialRead });
    const base = { response_type: "code", client_id: client.client_id, redirect_uri: REDIRECT, state: "s1", code_challenge: "a".repeat(43), code_challenge_method: "S256" };
    expect(await readAuthorizationRequest({ ...base, redirect_uri: "https://evil.example/cb" })).toEqual({ kind: "refused", reason: "invalid_redirect_uri" });
    expect(await readAuthorizationRequest({ ...base, client_id: "lc_" + "x".repeat(22) })).toEqual({ kind: "refused", reason: "unknown_client" });
    const errorOf = async (params: Record<string, string | undefined>) => {
      const read = await readAuthorizationRequest(params);
      if (read.kind !== "redirect") throw new Error(`expected a redirect, got ${read.kind}`);
      const url = new URL(read.location);
      expect(url.origin + url.pathname).toBe(REDIRECT);
      expect(url.searchParams.get("state")).toBe("s1");
      return url.searchParams.get("error");
    };
    expect(await errorOf({ ...base, code_challenge_method: "plain" })).toBe("invalid_request");
    expect(await errorOf({ ...base, code_challenge_method: undefined, code_challenge: undefined })).toBe("invalid_request");
    expect(await errorOf({ ...base, response_type: "token" })).toBe("unsupported_response_type");
    // It registered only credential.readonly: it may not ask for more.
    expect(await errorOf({ ...base, scope: OB_SCOPES.profileUpdate })).toBe("invalid_scope");
    const denied = await decideAuthorization(user.id, base, false);
    expect(denied.kind === "redirect" && new URL(denied.location).searchParams.get("error")).toBe("access_denied");
    expect(await db.oAuthGrant.count({ where: { userId: user.id } })).toBe(0);

    // A code is single-use, bound to its verifier, and to its client.
    const verifier = oauth.generateRandomCodeVerifier();
    const allowed = await decideAuthorization(user.id, { ...base, code_challenge: await oauth.calculatePKCECodeChallenge(verifier) }, true);
    if (allowed.kind !== "redirect") throw new Error("no redirect");
    const callback = oauth.validateAuthResponse(as, client, new URL(allowed.location), "s1");
    const wrongVerifier = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, REDIRECT, oauth.generateRandomCodeVerifier(), options);
    await expect(oauth.processAuthorizationCodeResponse(as, client, wrongVerifier)).rejects.toMatchObject({ error: "invalid_grant" });
    // The failed attempt spent the code (no guessing the verifier online).
    const retry = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, REDIRECT, verifier, options);
    await expect(oauth.processAuthorizationCodeResponse(as, client, retry)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("lets a confidential client in only with its secret", async () => {
    const user = await createUser();
    const client = await registerWallet({ token_endpoint_auth_method: "client_secret_basic" });
    expect(client.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // RFC 6749 §5.2: a client that tried HTTP Basic is answered 401 with a challenge.
    await expect(connect(client, user.id, undefined, oauth.ClientSecretBasic("wrong-secret"))).rejects.toMatchObject({
      status: 401,
      cause: [{ scheme: "basic", parameters: { realm: "Laurel" } }],
    });
    await expect(connect(client, user.id, undefined, oauth.None())).rejects.toMatchObject({ error: "invalid_client" });
    // The right secret on the channel it was not registered for is refused too.
    await expect(connect(client, user.id, undefined, oauth.ClientSecretPost(client.client_secret as string))).rejects.toMatchObject({ error: "invalid_client" });
    const tokens = await connect(client, user.id, undefined, oauth.ClientSecretBasic(client.client_secret as string));
    expect(tokens.access_token).toBeTruthy();
    const stored = await db.oAuthClient.findUniqueOrThrow({ where: { id: client.client_id } });
    expect(stored.secretHash).not.toContain(client.client_secret as string);
    expect(await db.oAuthToken.count({ where: { accessTokenHash: tokens.access_token } })).toBe(0);
  });

  it("lists connected apps for the learner, and disconnecting one stops its tokens at once", async () => {
    const user = await createUser();
    const other = await createUser();
    const client = await registerWallet({ client_name: "Disconnect Me" });
    const tokens = await connect(client, user.id, `${OB_SCOPES.credentialRead} ${OB_SCOPES.profileRead}`);
    await wallet("GET", "/ims/ob/v3p0/profile", tokens.access_token);
    const apps = await listConnectedApps(user.id);
    expect(apps).toEqual([expect.objectContaining({ name: "Disconnect Me", scopes: [OB_SCOPES.credentialRead, OB_SCOPES.profileRead], lastUsedAt: expect.any(Date) })]);
    // Allowed once, the same scopes again need no second question; more scopes, or another learner, do.
    expect(await consentCovers(user.id, client.client_id, [OB_SCOPES.credentialRead])).toBe(true);
    expect(await consentCovers(user.id, client.client_id, [OB_SCOPES.credentialRead, OB_SCOPES.credentialUpsert])).toBe(false);
    expect(await consentCovers(other.id, client.client_id, [OB_SCOPES.credentialRead])).toBe(false);
    expect(await disconnectApp(other.id, apps[0].id)).toBe(false);
    expect((await wallet("GET", "/ims/ob/v3p0/profile", tokens.access_token)).status).toBe(200);
    expect(await disconnectApp(user.id, apps[0].id)).toBe(true);
    expect(await listConnectedApps(user.id)).toEqual([]);
    expect((await wallet("GET", "/ims/ob/v3p0/profile", tokens.access_token)).status).toBe(401);
    await expect(oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, options).then((r) => oauth.processRefreshTokenResponse(as, client, r))).rejects.toMatchObject({ error: "invalid_grant" });
  });
});
