import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { expectNoSidewaysScroll } from "./support/layout.ts";
import { createOrganization, signIn, signOut, signUp } from "./support/flows.ts";

type Fixture = {
  email: string;
  issuerEmail: string;
  orgSlug: string;
  endpointId: string;
  failingEventId: string;
  lapsed: { email: string; slug: string; endpointId: string; programId: string };
};

test("on the trial, webhooks say which plan has them", async ({ page, a11y }) => {
  const org = { name: uniqueName("Trial Academy"), slug: uniqueSlug("trial") };
  await signUp(page, { name: "Tina Trial", email: uniqueEmail("tina") });
  await createOrganization(page, org);
  await page.goto(`/dashboard/${org.slug}/webhooks`);
  await expect(page.getByRole("heading", { name: "Webhooks is part of the Business plan" })).toBeVisible();
  await expect(page.getByRole("link", { name: "See plans" })).toBeVisible();
  await a11y.check();
});

test("an owner adds an endpoint, keeps its secret, reads the delivery log, redelivers, pauses, rotates and deletes", async ({ page, context, a11y }) => {
  const fixture = JSON.parse(runDatabaseFixture("webhook-fixture.ts")) as Fixture;
  await signIn(page, fixture.email);
  await page.goto(`/dashboard/${fixture.orgSlug}`);
  await page.getByRole("navigation").getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await a11y.check();

  // A private address is refused at the door, with the reason, and nothing is added.
  await page.getByLabel("Endpoint URL").fill("https://10.0.0.8/hook");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("This address is not on the public internet.")).toBeVisible();
  await expect(page.getByTestId("webhook-row")).toHaveCount(1);

  await page.getByLabel("Endpoint URL").fill("https://automation.example.net/catch/laurel");
  await page.getByLabel("Description (optional)").fill("Zapier");
  await page.getByRole("checkbox", { name: /Program level reached/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("you won't see it again")).toBeVisible();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy secret" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const added = page.getByTestId("webhook-row").filter({ hasText: "automation.example.net" });
  // Six credential events are ticked by default, plus the one chosen.
  await expect(added).toContainText("7 events");
  await expect(added).toContainText("Active");
  await a11y.check();
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  // The endpoint that has been failing: its log says what its server answered.
  const failing = page.getByTestId("webhook-row").filter({ hasText: "crm.example.com" });
  await expect(failing).toContainText("Failing since");
  await failing.getByRole("link", { name: "https://crm.example.com/laurel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "https://crm.example.com/laurel" })).toBeVisible();
  await expect(page.getByText("Laurel keeps retrying")).toBeVisible();
  const summary = page.getByTestId("webhook-summary");
  await expect(summary).toContainText("Delivered1");
  await expect(summary).toContainText("Waiting to retry1");
  const rows = page.getByTestId("delivery-row");
  await expect(rows).toHaveCount(2);
  const retrying = rows.filter({ hasText: "Credential claimed" });
  await expect(retrying).toContainText("Retrying");
  await expect(retrying).toContainText("500");
  await retrying.getByText("Answer body").click();
  await expect(retrying.getByText('{"error":"database unavailable"}')).toBeVisible();
  await expect(rows.filter({ hasText: "Credential issued" })).toContainText("Delivered");
  await a11y.check();
  await expectNoSidewaysScroll(page);

  await retrying.getByRole("button", { name: `Redeliver event ${fixture.failingEventId}` }).click();
  await expect(retrying.getByText("Queued: it goes out in a moment.")).toBeVisible();

  await page.getByRole("button", { name: "Pause deliveries" }).click();
  await expect(page.getByText("Paused: events that happen meanwhile are not sent to it.")).toBeVisible();
  await expect(page.getByTestId("webhook-status")).toHaveText("Paused");
  // Nothing can be redelivered to a paused endpoint.
  await expect(page.getByRole("button", { name: /Redeliver event/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Turn back on" }).click();
  await expect(page.getByRole("button", { name: "Pause deliveries" })).toBeVisible();

  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText("New signing secret")).toBeVisible();
  await expect(page.getByText("deliveries carry two signatures")).toBeVisible();
  await expect(page.getByTestId("webhook-secret")).toHaveValue(/^whsec_/);
  await a11y.check();

  await page.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${fixture.orgSlug}/webhooks$`));
  await expect(page.getByTestId("webhook-row")).toHaveCount(1);
  await expect(page.getByTestId("webhook-row")).toContainText("automation.example.net");
});

test("the webhooks page in Spanish, on a phone", async ({ page, a11y, baseURL }) => {
  const fixture = JSON.parse(runDatabaseFixture("webhook-fixture.ts")) as Fixture;
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, fixture.email);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);
  await page.goto(`/dashboard/${fixture.orgSlug}/webhooks/${fixture.endpointId}`);
  await expect(page.getByRole("heading", { name: "Envíos", exact: true })).toBeVisible();
  await expect(page.getByTestId("delivery-row").filter({ hasText: "Credencial aceptada" })).toContainText("Reintentando");
  await expectNoSidewaysScroll(page);
  await a11y.check();
});

test("a member who may not manage webhooks, and an organization whose plan lapsed, get none of their data, in the page or in its navigation payload", async ({ page }) => {
  const fixture = JSON.parse(runDatabaseFixture("webhook-fixture.ts")) as Fixture;
  /** What the server sends for a URL: the page's HTML, and the payload a client-side navigation fetches. */
  const sent = async (url: string) => {
    const html = await (await page.request.get(url)).text();
    const payload = await (await page.request.get(url, { headers: { RSC: "1" } })).text();
    return `${html}\n${payload}`;
  };
  const webhooks = `/dashboard/${fixture.orgSlug}/webhooks`;

  // The owner: the control, the endpoint is there.
  await signIn(page, fixture.email);
  const ownerSees = await sent(webhooks);
  expect(ownerSees).toContain("crm.example.com/laurel");
  expect(ownerSees).toContain("Hooked CRM nightly sync");
  await signOut(page);

  // An issuer of the same Business organization: told, and sent nothing of the endpoints.
  await signIn(page, fixture.issuerEmail);
  for (const url of [webhooks, `${webhooks}/${fixture.endpointId}`]) {
    await page.goto(url);
    await expect(page.getByText("Only owners and admins can manage webhooks.")).toBeVisible();
    const body = await sent(url);
    expect(body, url).not.toContain("crm.example.com");
    expect(body, url).not.toContain("Hooked CRM nightly sync");
  }
  await signOut(page);

  // The owner of an organization back on Free: the plan card, and nothing of what Business left.
  await signIn(page, fixture.lapsed.email);
  const base = `/dashboard/${fixture.lapsed.slug}`;
  const program = `${base}/programs/${fixture.lapsed.programId}`;
  for (const url of [`${base}/webhooks`, `${base}/webhooks/${fixture.lapsed.endpointId}`, `${base}/programs`, program, `${program}/learners`, `${program}/analytics`, `${program}/events`]) {
    await page.goto(url);
    await expect(page.getByTestId("feature-locked"), url).toBeVisible();
    const body = await sent(url);
    for (const secret of ["lapsed-crm.example.com", "Old CRM link", "Leftover Ladder", "From the Business days"]) expect(body, `${url}: ${secret}`).not.toContain(secret);
  }
  expect((await page.request.get(`${program}/analytics/export.csv`)).status()).toBe(402);
});
