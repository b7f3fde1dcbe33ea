import type { Page } from "@playwright/test";
import { runDatabaseFixture } from "./support/database-fixture.ts";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, signUp } from "./support/flows.ts";

/** Moves the organization's creation date `daysAgo` days back, straight in the app's database (no page does that). */
function ageOrganization(slug: string, daysAgo: number) {
  runDatabaseFixture("billing-fixture.ts", [slug, String(daysAgo)]);
}

/** What the stand-in tells Stripe's customer-facing pages apart by; the browser gets a tiny page for them. */
const STRIPE_PAGES = /^https:\/\/(checkout|billing)\.stripe\.test\//;

async function serveStripePages(page: Page) {
  await page.route(STRIPE_PAGES, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><html lang=\"en\"><title>Stripe (stand-in)</title><h1>Stripe</h1></html>" }),
  );
}

type Delivery = { body: string; signature: string };

/** Acts as Stripe on the stand-in (e2e/support/stripe-stand-in-server.ts); returns the signed webhook delivery that follows. */
async function actAsStripe<T = Delivery>(path: string): Promise<T> {
  const control = process.env.LAUREL_E2E_STRIPE_CONTROL_URL;
  if (!control) throw new Error("LAUREL_E2E_STRIPE_CONTROL_URL is not set: run the browser tests with `npm run test:e2e`.");
  const response = await fetch(`${control}${path}`, { method: "POST" });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

/** Delivers a signed event to the app's webhook endpoint, as Stripe does. */
async function deliver(page: Page, delivery: Delivery) {
  const response = await page.request.post("/api/stripe/webhook", {
    headers: { "content-type": "application/json", "stripe-signature": delivery.signature },
    data: delivery.body,
  });
  expect(response.status(), await response.text()).toBe(200);
}

const longDate = (date: Date) => new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(date);

test("an organization goes from its Pro trial to Free, upgrades through Checkout, is on Pro once Stripe's webhook arrives, and keeps Pro through the grace period after a failed payment", async ({ page, a11y }) => {
  test.setTimeout(120_000);
  await serveStripePages(page);
  const slug = uniqueSlug("billing");
  const name = uniqueName("Billing Academy");
  await signUp(page, { name: "Bea Billing", email: uniqueEmail("billing") });
  await createOrganization(page, { name, slug });
  const billing = `/dashboard/${slug}/billing`;

  // A new organization tries Pro: days left, usage against the Pro quota and seats.
  await page.goto(billing);
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("plan-status")).toHaveText("Trial");
  await expect(page.getByTestId("plan-details")).toContainText("Pro trial: 14 days left");
  const credentials = page.getByRole("progressbar", { name: "Credentials issued this month" });
  await expect(credentials).toHaveAttribute("aria-valuenow", "0");
  await expect(credentials).toHaveAttribute("aria-valuemax", "2000");
  await expect(page.getByTestId("usage-credentials-value")).toHaveText("0 of 2,000");
  const members = page.getByRole("progressbar", { name: "Members" });
  await expect(members).toHaveAttribute("aria-valuenow", "1");
  await expect(members).toHaveAttribute("aria-valuemax", "10");
  // The three plans from the one plans file, monthly and yearly.
  await expect(page.getByTestId("plan-free")).toContainText("50 credentials a month");
  await expect(page.getByTestId("plan-free")).toContainText("2 members");
  await expect(page.getByTestId("plan-pro")).toContainText("$49 per month");
  await expect(page.getByTestId("plan-business")).toContainText("25,000 credentials a month");
  await expect(page.getByTestId("plan-business")).toContainText("Unlimited members");
  await page.getByText("Yearly", { exact: true }).click();
  await expect(page.getByTestId("plan-pro")).toContainText("$490 per year");
  // This install sells no yearly Business plan: no button that would fail.
  await expect(page.getByTestId("plan-business")).toContainText("Not offered with yearly billing here.");
  await expect(page.getByTestId("plan-business").getByRole("button")).toHaveCount(0);
  await page.getByText("Monthly", { exact: true }).click();
  await expect(page.getByTestId("billing-banner")).toHaveCount(0);
  await a11y.check();

  // Two days before the trial ends, the dashboard reminds gently.
  ageOrganization(slug, 12);
  await page.goto(`/dashboard/${slug}`);
  await expect(page.getByTestId("billing-banner")).toContainText("Your Pro trial ends in 2 days");
  await page.getByTestId("billing-banner").getByRole("link", { name: "See plans" }).click();
  await expect(page).toHaveURL(new RegExp(`${billing}$`));

  // After the trial: Free limits, and Pro's features locked with the way to the plans.
  ageOrganization(slug, 30);
  await page.goto(billing);
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByTestId("plan-details")).toContainText("The Pro trial has ended, so the Free limits apply.");
  await expect(page.getByTestId("usage-credentials-value")).toHaveText("0 of 50");
  await expect(page.getByTestId("billing-banner")).toHaveCount(0);
  await page.goto(`/dashboard/${slug}/analytics`);
  await expect(page.getByTestId("feature-locked")).toContainText("Analytics is part of the Pro plan");
  await expect(page.getByTestId("feature-locked")).toContainText("on the Free plan");
  await a11y.check();
  await page.goto(`/dashboard/${slug}/issue/bulk`);
  await expect(page.getByTestId("feature-locked")).toContainText("Bulk issuing is part of the Pro plan");
  await page.goto(`/dashboard/${slug}/programs/new`);
  await expect(page.getByTestId("feature-locked")).toContainText("Engagement programs is part of the Pro plan");
  await expect(page.getByRole("button", { name: "Create program" })).toHaveCount(0);
  await page.getByRole("link", { name: "See plans" }).click();
  await expect(page).toHaveURL(new RegExp(`${billing}$`));

  // While Stripe is down, the upgrade says so where it was asked for.
  await actAsStripe("/outage/start");
  try {
    await page.getByTestId("plan-pro").getByRole("button", { name: "Upgrade to Pro" }).click();
    await expect(page.getByTestId("plan-pro").getByRole("alert")).toHaveText(/^Stripe did not answer as expected\. Try again in a minute/);
    await expect(page).toHaveURL(new RegExp(`${billing}$`));
  } finally {
    await actAsStripe("/outage/end");
  }

  // Upgrade: Laurel sends the person to Stripe Checkout; nothing changes yet.
  await page.getByTestId("plan-pro").getByRole("button", { name: "Upgrade to Pro" }).click();
  await page.waitForURL(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_[0-9a-f]+$/);
  const sessionId = new URL(page.url()).pathname.split("/").pop()!;
  await page.goto(`${billing}?checkout=canceled`);
  await expect(page.getByText("Checkout was canceled and nothing changed.")).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Free");

  // Stripe takes the payment and calls the webhook, signed; only then is the organization on Pro.
  const delivery = await actAsStripe<Delivery & { subscriptionId: string; currentPeriodEnd: number }>(`/checkout-sessions/${sessionId}/complete`);
  await deliver(page, delivery);

  await page.goto(`${billing}?checkout=success`);
  await expect(page.getByText("Thanks — your plan changes as soon as Stripe confirms the payment.")).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("plan-status")).toHaveText("Active");
  await expect(page.getByTestId("plan-details")).toContainText("Pro, billed monthly.");
  await expect(page.getByTestId("plan-details")).toContainText(`Renews on ${longDate(new Date(delivery.currentPeriodEnd * 1000))}`);
  await expect(page.getByTestId("usage-credentials-value")).toHaveText("0 of 2,000");
  // Subscribed: plan changes go through the billing portal, not a second checkout.
  await expect(page.getByRole("button", { name: /^Upgrade to/ })).toHaveCount(0);
  await expect(page.getByText("To switch plans, use Manage billing.")).toBeVisible();
  await a11y.check();

  await page.getByRole("button", { name: "Manage billing" }).click();
  await page.waitForURL(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_[0-9a-f]+$/);

  // Analytics is open again.
  await page.goto(`/dashboard/${slug}/analytics`);
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByTestId("feature-locked")).toHaveCount(0);

  // A renewal payment fails: Pro stays for the grace period, and every dashboard page says until when.
  await deliver(page, await actAsStripe(`/subscriptions/${delivery.subscriptionId}/payment-failed`));
  const graceEnd = longDate(new Date(Date.now() + 7 * 86_400_000));
  await page.goto(`/dashboard/${slug}`);
  const banner = page.getByTestId("billing-banner");
  await expect(banner).toContainText(`Payment failed: update your card by ${graceEnd} or the organization falls back to Free limits.`);
  await a11y.check();
  await banner.getByRole("link", { name: "Update payment" }).click();
  await expect(page).toHaveURL(new RegExp(`${billing}$`));
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("plan-status")).toHaveText("Payment failed");
  await expect(page.getByTestId("plan-details")).toContainText(`The plan stays on until ${graceEnd}`);
  await expect(page.getByRole("button", { name: "Manage billing" })).toBeVisible();
});
