import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, signUp } from "./support/flows.ts";

test("an issuer's id answers people with HTML and machines with its profile and keys; rotation keeps old keys published", async ({ page, request, a11y }) => {
  const org = { name: uniqueName("Keys Academy"), slug: uniqueSlug("keys") };
  await signUp(page, { name: "Kai", email: uniqueEmail("kai") });
  await createOrganization(page, org);
  await page.goto(`/dashboard/${org.slug}/settings`);
  const issuerId = (await page.locator("dd.font-mono").first().textContent())!.trim();
  expect(issuerId).toMatch(/\/o\/[a-z0-9]+$/);
  const issuerPath = new URL(issuerId).pathname;

  // People get the issuer's page; machines get the OB 3.0 Profile (no keys before the first one).
  const html = await request.get(issuerPath, { headers: { Accept: "text/html" } });
  expect(html.headers()["content-type"]).toContain("text/html");
  const json = await request.get(issuerPath, { headers: { Accept: "application/ld+json" } });
  expect(json.headers()["content-type"]).toContain("application/ld+json");
  expect(await json.json()).toMatchObject({ id: issuerId, type: ["Profile"], name: org.name });

  // Before any credential there is no key: the owner creates it, then rotates it. One active
  // key, one retired, both published.
  page.on("dialog", (dialog) => dialog.accept());
  await expect(page.getByRole("button", { name: "Rotate the signing key" })).toHaveCount(0);
  await page.getByRole("button", { name: "Create the signing key now" }).click();
  await expect(page.getByText("The signing key is ready")).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Rotate the signing key" }).click();
  await expect(page.getByText("A new key is active.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("signing-key-row")).toHaveCount(2);
  await expect(page.getByTestId("signing-key-row").filter({ hasText: "Retired (still verifies)" })).toHaveCount(1);
  await a11y.check();

  const profile = await (await request.get(issuerPath, { headers: { Accept: "application/json" } })).json();
  expect(profile.verificationMethod).toHaveLength(2);
  for (const method of profile.verificationMethod) {
    expect(method).toMatchObject({ type: "Multikey", controller: issuerId });
    expect(method.id.startsWith(`${issuerId}#key-`)).toBe(true);
    expect(method.publicKeyMultibase).toMatch(/^z6Mk/);
    // A generic JOSE verifier dereferencing a JWT's kid finds the key as a JWK.
    expect(method.publicKeyJwk).toMatchObject({ kty: "OKP", crv: "Ed25519" });
  }
  // Each key asserts under both names: the profile fragment (older credentials and every JWT kid)
  // and its own key document, which a wallet dereferences to the key itself.
  const keyDocuments = profile.verificationMethod.map((method: { id: string }) => method.id.replace("#", "/keys/"));
  expect([...profile.assertionMethod].sort()).toEqual([...profile.verificationMethod.map((method: { id: string }) => method.id), ...keyDocuments].sort());
  for (const url of keyDocuments) {
    const keyDocument = await (await request.get(new URL(url).pathname)).json();
    expect(keyDocument).toMatchObject({ id: url, type: "Multikey", controller: issuerId });
  }

  // The JWKS lists the same keys, each kid the verification method URL (a JWT kid dereferences).
  const jwks = await (await request.get(`${issuerPath}/jwks.json`)).json();
  expect(jwks.keys.map((key: { kid: string }) => key.kid).sort()).toEqual(profile.verificationMethod.map((m: { id: string }) => m.id).sort());
  const wellKnown = await (await request.get("/.well-known/jwks.json")).json();
  expect(wellKnown.keys.map((key: { kid: string }) => key.kid)).toEqual(expect.arrayContaining(jwks.keys.map((key: { kid: string }) => key.kid)));

  // Revocation lists are public and empty for a new issuer.
  expect(await (await request.get(`${issuerPath}/revocations`)).json()).toMatchObject({ revokedCredentials: [] });
  expect((await request.get(`${issuerPath}/ob2`)).status()).toBe(200);
});
