import { readFileSync } from "node:fs";
import path from "node:path";
import * as oauth from "oauth4webapi";
import { expect, test, uniqueEmail } from "./support/fixtures.ts";
import { PASSWORD, signOut, signUp } from "./support/flows.ts";

// A wallet connects to a learner's backpack through the Open Badges 3.0 API, scripted with
// oauth4webapi (an OAuth client that shares no code with Laurel) against the running app; the
// learner signs in and answers the consent page in Chromium, then disconnects it on /account.

const REDIRECT = "http://127.0.0.1:9/wallet-callback";
const issuer = () => new URL(process.env.LAUREL_E2E_BASE_URL!);
const options = { [oauth.allowInsecureRequests]: true };
const dccCredential = () => readFileSync(path.resolve(process.cwd(), "../shared/spec/dcc-verifier-core-fixtures/v2OBv3SpecExample.json"), "utf8");

async function discover() {
  return oauth.processDiscoveryResponse(issuer(), await oauth.discoveryRequest(issuer(), { algorithm: "oauth2", ...options }));
}

function walletCall(method: string, pathname: string, token: string, body?: { text: string; type: string }) {
  return fetch(new URL(pathname, issuer()), { method, headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": body.type } : {}) }, body: body?.text });
}

test("a learner connects a wallet, which lists and adds credentials, refreshes, revokes, and is disconnected on /account", async ({ page, a11y }) => {
  const email = uniqueEmail("wallet-learner");
  await signUp(page, { name: "Wren Wallet", email });

  const as = await discover();
  const client = await oauth.processDynamicClientRegistrationResponse(
    await oauth.dynamicClientRegistrationRequest(as, { client_name: "Pocket Wallet", client_uri: "https://pocket-wallet.example", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }, options),
  );

  // The authorization request, PKCE S256, as a wallet sends its user.
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorize = new URL(as.authorization_endpoint!);
  for (const [name, value] of Object.entries({
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: REDIRECT,
    scope: "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly",
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  })) authorize.searchParams.set(name, value);

  // The wallet's redirect URI: the browser lands there with the code.
  let landed: URL | null = null;
  await page.route(`${new URL(REDIRECT).origin}/**`, async (route) => {
    landed = new URL(route.request().url());
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Wallet</title><p>Connected</p>" });
  });

  await page.goto(authorize.toString());
  await expect(page.getByRole("heading", { level: 1, name: "Allow Pocket Wallet to use your Laurel backpack?" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByText("The app says it is from pocket-wallet.example.")).toBeVisible();
  const abilities = page.getByRole("list", { name: "Pocket Wallet will be able to:" });
  await expect(abilities.getByRole("listitem")).toHaveText([
    "See the badges and certificates in your backpack",
    "Add badges and certificates to your backpack (each one is verified first)",
    "See your name, your email address and your public profile link",
  ]);
  await expect(page.getByText("After you answer, you go back to 127.0.0.1:9.")).toBeVisible();
  await a11y.check();
  await page.getByRole("button", { name: "Allow", exact: true }).click();
  await expect(page.getByText("Connected")).toBeVisible();
  expect(landed).not.toBeNull();

  const callback = oauth.validateAuthResponse(as, client, landed!, state);
  let tokens = await oauth.processAuthorizationCodeResponse(as, client, await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, REDIRECT, verifier, options));

  // An empty backpack, then DCC's example credential (signed by a did:key), verified on the way in.
  let list = await walletCall("GET", "/ims/ob/v3p0/credentials", tokens.access_token);
  expect(list.status).toBe(200);
  expect(await list.json()).toEqual({ credential: [], compactJwsString: [] });
  const upserted = await walletCall("POST", "/ims/ob/v3p0/credentials", tokens.access_token, { text: dccCredential(), type: "application/json" });
  expect(upserted.status).toBe(201);
  list = await walletCall("GET", "/ims/ob/v3p0/credentials", tokens.access_token);
  expect(list.headers.get("x-total-count")).toBe("1");
  expect(((await list.json()).credential as { id: string }[]).map((credential) => credential.id)).toEqual([JSON.parse(dccCredential()).id]);

  // The learner sees it in their backpack, kept private.
  await page.goto("/backpack");
  await expect(page.getByText("Teamwork").first()).toBeVisible();

  // It was not given the profile.update scope: refused in the spec's shape.
  const refused = await walletCall("PUT", "/ims/ob/v3p0/profile", tokens.access_token, { text: JSON.stringify({ name: "Changed" }), type: "application/json" });
  expect(refused.status).toBe(403);
  expect(await refused.json()).toMatchObject({ imsx_codeMajor: "failure", imsx_severity: "error", imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: "forbidden" }] } });
  expect(await (await walletCall("GET", "/ims/ob/v3p0/profile", tokens.access_token)).json()).toMatchObject({ name: "Wren Wallet", email });

  // Refresh, then revoke the new refresh token: its access token stops with it.
  const before = tokens.access_token;
  tokens = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, options));
  expect((await walletCall("GET", "/ims/ob/v3p0/profile", before)).status).toBe(401);
  expect((await walletCall("GET", "/ims/ob/v3p0/profile", tokens.access_token)).status).toBe(200);
  await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.None(), tokens.refresh_token!, options));
  expect((await walletCall("GET", "/ims/ob/v3p0/profile", tokens.access_token)).status).toBe(401);

  // Connected again: allowed before, so no second question; then disconnected by the learner on /account.
  landed = null;
  const verifier2 = oauth.generateRandomCodeVerifier();
  authorize.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier2));
  // (Asked with the browser's cookies but without following the redirect: a browser would land on the wallet's page.)
  const again = await page.request.get(authorize.toString(), { maxRedirects: 0 });
  expect(again.status()).toBe(307);
  landed = new URL(again.headers().location);
  expect(landed.origin + landed.pathname).toBe(REDIRECT);
  tokens = await oauth.processAuthorizationCodeResponse(as, client, await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), oauth.validateAuthResponse(as, client, landed, state), REDIRECT, verifier2, options));
  expect((await walletCall("GET", "/ims/ob/v3p0/credentials", tokens.access_token)).status).toBe(200);

  await page.goto("/account");
  const apps = page.locator("section").filter({ has: page.getByRole("heading", { name: "Connected apps" }) });
  await expect(apps.getByText("Pocket Wallet", { exact: true })).toBeVisible();
  await expect(apps.getByText("Add badges and certificates to your backpack (each one is verified first)")).toBeVisible();
  await a11y.check();
  await apps.getByRole("button", { name: "Disconnect Pocket Wallet" }).click();
  await expect(page.getByText("Pocket Wallet was disconnected: it can no longer use your backpack.")).toBeVisible();
  await page.reload();
  await expect(apps.getByText("No app is connected.", { exact: false })).toBeVisible();
  expect((await walletCall("GET", "/ims/ob/v3p0/credentials", tokens.access_token)).status).toBe(401);
});

test("a signed-out learner signs in on the way, says no, and the wallet hears access_denied; an unregistered address is refused on the page", async ({ page, a11y }) => {
  const email = uniqueEmail("wallet-no");
  await signUp(page, { name: "Nora No", email });
  await signOut(page);
  const as = await discover();
  const client = await oauth.processDynamicClientRegistrationResponse(
    await oauth.dynamicClientRegistrationRequest(as, { client_name: "Nosy Wallet", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }, options),
  );
  const authorize = new URL(as.authorization_endpoint!);
  const params = { response_type: "code", client_id: client.client_id, redirect_uri: REDIRECT, state: "s-1", scope: "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly", code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()), code_challenge_method: "S256" };
  for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
  let landed: URL | null = null;
  await page.route(`${new URL(REDIRECT).origin}/**`, async (route) => {
    landed = new URL(route.request().url());
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Wallet</title><p>Back in the wallet</p>" });
  });
  // Signed out: to sign-in, and back to the same request (its scope's spaces survive the trip).
  await page.goto(authorize.toString());
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Allow Nosy Wallet to use your Laurel backpack?" })).toBeVisible();
  await page.getByRole("button", { name: "Don't allow" }).click();
  await expect(page.getByText("Back in the wallet")).toBeVisible();
  expect(landed!.searchParams.get("error")).toBe("access_denied");
  expect(landed!.searchParams.get("state")).toBe("s-1");

  authorize.searchParams.set("redirect_uri", "https://attacker.example/steal");
  await page.goto(authorize.toString());
  await expect(page.getByText("This link to connect an app does not work")).toBeVisible();
  await expect(page.getByText("The app asked to send you to an address it did not register")).toBeVisible();
  await a11y.check();
});
