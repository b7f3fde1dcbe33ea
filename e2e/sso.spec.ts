import { startTestOidcIdp, type TestOidcIdp } from "../lib/test/oidc-idp.ts";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test } from "./support/fixtures.ts";
import { signIn } from "./support/flows.ts";

// An OpenID Connect provider (oidc-provider) on the loopback port global setup lets the app reach.
let idp: TestOidcIdp;
test.beforeAll(async ({ baseURL }) => {
  idp = await startTestOidcIdp(baseURL!, { port: Number(process.env.LAUREL_E2E_SSO_IDP_PORT) });
});
test.afterAll(async () => {
  await idp?.close();
});

test("a Business owner sets up OpenID Connect, and a new person at the verified domain signs in through it and joins with the default role; the card passes axe in English and Spanish", async ({ page, a11y, baseURL }) => {
  const { email, orgSlug, domain } = JSON.parse(runDatabaseFixture("sso-fixture.ts")) as { email: string; orgSlug: string; domain: string };
  await signIn(page, email);
  await page.goto(`/dashboard/${orgSlug}/settings#sso`);
  const card = page.locator("#sso");
  await expect(card.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  await expect(card.getByTestId("sso-status")).toHaveText("Not set up yet.");
  await expect(card.getByTestId("sso-domains")).toContainText(`${domain}: verified`);
  await expect(card.getByTestId("sso-callbackUrl")).toContainText(`${baseURL}/sso/`);
  await a11y.check({ include: "#sso" });

  // An issuer that is not an OpenID Connect provider is refused beside the field.
  await card.getByLabel("Issuer URL").fill("https://127.0.0.1:1/");
  await card.getByLabel("Client ID").fill(idp.clientId);
  await card.getByLabel("Client secret").fill(idp.clientSecret);
  await card.getByRole("button", { name: "Set up single sign-on" }).click();
  await expect(card.getByText("Laurel could not read this issuer's OpenID Connect discovery document. Check the URL (https) and try again.")).toBeVisible();

  await card.getByLabel("Issuer URL").fill(idp.issuer);
  await card.getByLabel("Client ID").fill(idp.clientId);
  await card.getByLabel("Client secret").fill(idp.clientSecret);
  await card.getByLabel("Role for newcomers").selectOption("issuer");
  await card.getByRole("button", { name: "Set up single sign-on" }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  await expect(card.getByTestId("sso-status")).toHaveText(`Signing in with OpenID Connect at ${idp.issuer}.`);
  await a11y.check({ include: "#sso" });

  // SAML shows Laurel's ACS URL, entity id and metadata URL to copy.
  await card.getByLabel("SAML 2.0").check();
  await expect(card.getByTestId("sso-acsUrl")).toContainText("/saml/acs");
  await expect(card.getByTestId("sso-metadataUrl")).toContainText("/saml/metadata");
  await expect(card.getByLabel("Metadata XML")).toBeVisible();
  await a11y.check({ include: "#sso" });

  // The same card in Spanish.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  await page.reload();
  await expect(page.locator("#sso").getByRole("heading", { name: "Inicio de sesión único" })).toBeVisible();
  await expect(page.getByTestId("sso-status")).toHaveText(`Se entra con OpenID Connect en ${idp.issuer}.`);
  await a11y.check({ include: "#sso" });

  // A newcomer at the verified domain, in a browser of their own.
  const newcomer = `nia@${domain}`;
  idp.accounts.set("nia", { email: newcomer, email_verified: true, name: "Nia Newcomer" });
  const context = await page.context().browser()!.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}` } });
  const person = await context.newPage();
  await person.goto(`/sign-in?email=${encodeURIComponent(newcomer)}`);
  // At the identity provider's login form.
  await expect(person).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await person.locator('input[name="login"]').fill("nia");
  await person.locator('input[name="password"]').fill("any password");
  await person.locator('button[type="submit"]').click();
  await expect(person).toHaveURL(new RegExp(`/dashboard/${orgSlug}$`));
  await person.goto(`/dashboard/${orgSlug}/members`);
  const row = person.getByTestId("member-row").filter({ hasText: newcomer });
  await expect(row).toContainText("Nia Newcomer");
  await expect(row).toContainText("Issuer");

  // Typing the address on the sign-in page offers single sign-on, too.
  await context.clearCookies();
  await person.goto("/sign-in");
  await person.getByLabel("Email").fill(newcomer);
  await person.getByLabel("Password").focus();
  await expect(person.getByTestId("sso-notice")).toContainText("Your organization signs you in with single sign-on.");
  await expect(person.getByRole("link", { name: "Continue with single sign-on" })).toBeVisible();
  await context.close();
});
