import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { useStripeStandIn } from "@/lib/test/stripe-stand-in";
import { startCheckout } from "./checkout";
import { openBillingPortal } from "./portal";
import { billingConfigured, stripeClient } from "./stripe";

const standIn = useStripeStandIn();

async function newOrg() {
  const owner = await createUser();
  return createOrgWith([{ userId: owner.id, role: "owner" }], "Acme Academy");
}

const customersOf = (orgId: string) => [...standIn().state.customers.values()].filter((c) => (c.metadata as { orgId?: string }).orgId === orgId);
const sessionOf = (url: string) => standIn().state.checkoutSessions.get(url.split("/").pop()!)!;

describe("startCheckout", () => {
  it("opens a Checkout Session for the plan's price and leaves the plan alone", async () => {
    const org = await newOrg();
    const { url } = await startCheckout(org, { plan: "pro", interval: "year" });

    const session = sessionOf(url);
    expect(url).toBe(`https://checkout.stripe.test/c/pay/${session.id}`);
    expect(session).toMatchObject({
      mode: "subscription",
      price: "price_pro_yearly",
      client_reference_id: org.id,
      metadata: { orgId: org.id },
      success_url: `http://laurel.test/dashboard/${org.slug}/billing?checkout=success`,
      cancel_url: `http://laurel.test/dashboard/${org.slug}/billing?checkout=canceled`,
    });
    const row = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.stripeCustomerId).toBe(session.customer);
    expect(row).toMatchObject({ plan: "free", subscriptionStatus: null, stripeSubscriptionId: null, billingInterval: null });
  });

  it("creates the Stripe customer once per organization, even for two checkouts at the same moment", async () => {
    const org = await newOrg();
    const [first, second] = await Promise.all([
      startCheckout(org, { plan: "pro", interval: "month" }),
      startCheckout(org, { plan: "business", interval: "month" }),
    ]);
    const requestsBefore = standIn().state.requests.filter((r) => r.path === "/v1/customers").length;
    const third = await startCheckout(org, { plan: "pro", interval: "month" });

    const customers = customersOf(org.id);
    expect(customers).toHaveLength(1);
    const row = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.stripeCustomerId).toBe(customers[0].id);
    for (const { url } of [first, second, third]) expect(sessionOf(url).customer).toBe(customers[0].id);
    // The stored customer is reused without asking Stripe again.
    expect(standIn().state.requests.filter((r) => r.path === "/v1/customers")).toHaveLength(requestsBefore);
  });

  it("refuses a plan whose price is not configured, naming the setting", async () => {
    const org = await newOrg();
    const attempt = startCheckout(org, { plan: "business", interval: "year" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("STRIPE_PRICE_BUSINESS_YEARLY is not set") });
    expect(customersOf(org.id)).toHaveLength(0);
  });

  it("refuses the Free plan", async () => {
    const org = await newOrg();
    await expect(startCheckout(org, { plan: "free", interval: "month" })).rejects.toMatchObject({ code: "validation_failed", fields: { plan: { code: "invalid_choice" } } });
  });

  it("sends an organization that already pays to the billing portal instead of a second subscription", async () => {
    const org = await newOrg();
    await db.organization.update({ where: { id: org.id }, data: { plan: "pro", subscriptionStatus: "active", stripeSubscriptionId: `sub_${org.id}` } });
    await expect(startCheckout(org, { plan: "business", interval: "month" })).rejects.toMatchObject({ code: "conflict", fields: { plan: { code: "already_subscribed" } } });
  });
});

describe("openBillingPortal", () => {
  it("opens the portal for the organization's customer, returning to its billing page", async () => {
    const org = await newOrg();
    await startCheckout(org, { plan: "pro", interval: "month" });
    const { url } = await openBillingPortal(org);

    const session = standIn().state.portalSessions.get(url.split("/").pop()!);
    const row = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(session).toMatchObject({ customer: row.stripeCustomerId, return_url: `http://laurel.test/dashboard/${org.slug}/billing` });
  });

  it("says so when the organization has never checked out", async () => {
    const org = await newOrg();
    await expect(openBillingPortal(org)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("no Stripe customer") });
  });
});

describe("without a Stripe key", () => {
  it("billing is not configured and checkout says so", async () => {
    const key = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    reloadEnv();
    try {
      const org = await newOrg();
      expect(billingConfigured()).toBe(false);
      expect(stripeClient()).toBeNull();
      await expect(startCheckout(org, { plan: "pro", interval: "month" })).rejects.toMatchObject({ message: expect.stringContaining("Billing is not configured") });
      await expect(openBillingPortal(org)).rejects.toMatchObject({ message: expect.stringContaining("Billing is not configured") });
    } finally {
      process.env.STRIPE_SECRET_KEY = key;
      reloadEnv();
    }
  });
});
