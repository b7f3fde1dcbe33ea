import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueName, uniqueSlug, uniqueEmail } from "./support/fixtures.ts";
import { createOrganization, signIn, signUp } from "./support/flows.ts";

test("a Business owner sets the organization's sender and adds a domain to verify, and gets the DNS records to add, in English and Spanish; a trial is told they are Business features", async ({ page, a11y, baseURL }) => {
  const { email, orgSlug } = JSON.parse(runDatabaseFixture("business-fixture.ts")) as { email: string; orgSlug: string };
  await signIn(page, email);
  await page.goto(`/dashboard/${orgSlug}/settings#email-sender`);
  const section = page.locator("#email-sender");
  await expect(section.getByRole("heading", { name: "Your own email sender" })).toBeVisible();

  // Laurel's own domain is refused beside the field.
  await section.getByLabel("Send from").fill("badges@laurel.localhost");
  await section.getByRole("button", { name: "Save the sender" }).click();
  await expect(section.getByText("This domain belongs to Laurel. Use an address on your own domain.")).toBeVisible();

  await section.getByLabel("Send from").fill("badges@harbour-academy.example");
  await section.getByRole("button", { name: "Save the sender" }).click();
  await expect(section.getByText("Saved. Add the records below to your domain's DNS, then check them.")).toBeVisible();
  const status = page.getByTestId("email-sender-status");
  await expect(status).toContainText("Not verified yet: until every record is found, emails go from Laurel's address under your organization's name, and replies go to badges@harbour-academy.example.");
  await expect(status.getByRole("heading", { name: "DNS records to add at harbour-academy.example" })).toBeVisible();
  await expect(page.getByTestId("sender-record-dkim")).toContainText(/laurel\d{6}\._domainkey\.harbour-academy\.example/);
  await expect(page.getByTestId("sender-record-dkim")).toContainText("v=DKIM1; k=rsa; p=");
  await expect(page.getByTestId("sender-record-spf")).toContainText("v=spf1 include:_spf.127.0.0.1 ~all");
  await expect(page.getByTestId("sender-record-returnPath")).toContainText("bounces.harbour-academy.example");
  await expect(page.getByTestId("sender-record-status")).toHaveText(["Not checked yet", "Not checked yet", "Not checked yet"]);
  await expect(status.getByRole("button", { name: "Check the records now" })).toBeVisible();
  await a11y.check();

  // A domain to verify for single sign-on: its TXT record to publish, waiting for it.
  const domains = page.locator("#domains");
  await domains.getByLabel("Domain", { exact: true }).fill("https://harbour-academy.example/");
  await domains.getByRole("button", { name: "Add the domain" }).click();
  await expect(domains.getByText("Enter a domain name like academy.example, without http:// or a path.")).toBeVisible();
  await domains.getByLabel("Domain", { exact: true }).fill("Harbour-Academy.example");
  await domains.getByRole("button", { name: "Add the domain" }).click();
  await expect(domains.getByText("Added. Publish its TXT record, then check it.")).toBeVisible();
  const row = domains.getByTestId("domain-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("harbour-academy.example");
  await expect(row.getByTestId("domain-status")).toHaveText("Waiting for its DNS record");
  await expect(row).toContainText("_laurel-challenge.harbour-academy.example");
  await expect(row).toContainText(/laurel-domain-verification=[0-9a-f]{32}/);
  await expect(row.getByRole("button", { name: "Check harbour-academy.example now" })).toBeVisible();
  await a11y.check();

  // The same in Spanish.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Registros DNS que añadir en harbour-academy.example" })).toBeVisible();
  await expect(page.getByTestId("sender-record-status").first()).toHaveText("Sin comprobar");
  await expect(page.getByTestId("domain-status")).toHaveText("Esperando su registro DNS");
  await a11y.check();

  // On the Pro trial the card says which plan has it, and offers no form.
  const trial = await page.context().browser()!.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}` } });
  const trialPage = await trial.newPage();
  const org = { name: uniqueName("Trial Academy"), slug: uniqueSlug("trial") };
  await signUp(trialPage, { name: "Tina Trial", email: uniqueEmail("tina") });
  await createOrganization(trialPage, org);
  await trialPage.goto(`/dashboard/${org.slug}/settings`);
  await expect(trialPage.locator("#email-sender").getByText(/^Sending from your own domain is part of the Business plan\./)).toBeVisible();
  await expect(trialPage.locator("#email-sender").getByLabel("Send from")).toHaveCount(0);
  await expect(trialPage.locator("#domains").getByText(/^Verified domains and single sign-on are part of the Business plan\./)).toBeVisible();
  await trial.close();
});
