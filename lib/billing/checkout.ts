import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { upgradePath } from "./entitlements";
import { stripePriceId, type BillingInterval, type PlanId } from "./plans";
import { LIVE_STATUSES, requireStripe } from "./stripe";

type BillingOrg = { id: string; slug: string };

const PRICE_ENV = {
  pro: { month: "STRIPE_PRICE_PRO_MONTHLY", year: "STRIPE_PRICE_PRO_YEARLY" },
  business: { month: "STRIPE_PRICE_BUSINESS_MONTHLY", year: "STRIPE_PRICE_BUSINESS_YEARLY" },
} as const;

/** The organization's billing page on `origin` (the site's BASE_URL unless given). */
export function billingPageUrl(slug: string, origin?: string): URL {
  return new URL(upgradePath(slug), origin ?? env().BASE_URL);
}

/**
 * The organization's Stripe customer, created on first need. Two checkouts at once share one:
 * Stripe answers both with the same customer (idempotency key per org), and only the first
 * write lands in the database (`WHERE stripeCustomerId IS NULL`); the other reuses the winner.
 */
export async function ensureStripeCustomer(stripe: Stripe, organizationId: string): Promise<string> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { id: true, name: true, email: true, stripeCustomerId: true },
  });
  if (org.stripeCustomerId) return org.stripeCustomerId;
  const customer = await stripe.customers.create(
    { name: org.name, ...(org.email ? { email: org.email } : {}), metadata: { orgId: org.id } },
    { idempotencyKey: `customer-${org.id}` },
  );
  const { count } = await db.organization.updateMany({
    where: { id: org.id, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  if (count === 1) return customer.id;
  const winner = await db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { stripeCustomerId: true } });
  if (!winner.stripeCustomerId) throw new Error(`Organization ${org.id} lost its Stripe customer while one was being stored`);
  return winner.stripeCustomerId;
}

/**
 * Starts an upgrade: a Stripe Checkout Session for the plan's price, whose URL the person is sent
 * to. The plan does not change here; only the webhook that follows payment changes it.
 * `returnUrl` gives the origin people come back to (BASE_URL by default); they land on the
 * billing page with ?checkout=success or ?checkout=canceled.
 */
export async function startCheckout(
  org: BillingOrg,
  input: { plan: PlanId; interval: BillingInterval; returnUrl?: string },
): Promise<{ url: string }> {
  const stripe = requireStripe();
  if (input.plan !== "pro" && input.plan !== "business") {
    throw new AppError("validation_failed", `Checkout sells the Pro and Business plans, not "${input.plan}"`, { plan: { code: "invalid_choice" } });
  }
  if (input.interval !== "month" && input.interval !== "year") {
    throw new AppError("validation_failed", `Billing is monthly or yearly, not "${input.interval}"`, { interval: { code: "invalid_choice" } });
  }
  const price = stripePriceId(input.plan, input.interval);
  if (!price) {
    throw new AppError(
      "validation_failed",
      `The ${input.plan} plan has no ${input.interval}ly price: ${PRICE_ENV[input.plan][input.interval]} is not set`,
      { plan: { code: "price_not_configured" } },
    );
  }
  const current = await db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { stripeSubscriptionId: true, subscriptionStatus: true } });
  if (current.stripeSubscriptionId && current.subscriptionStatus && LIVE_STATUSES.includes(current.subscriptionStatus)) {
    throw new AppError("conflict", "This organization already has a subscription; change its plan in the billing portal", { plan: { code: "already_subscribed" } });
  }

  const customer = await ensureStripeCustomer(stripe, org.id);
  const page = billingPageUrl(org.slug, input.returnUrl);
  const returnTo = (outcome: "success" | "canceled") => {
    const url = new URL(page);
    url.searchParams.set("checkout", outcome);
    return url.toString();
  };
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    line_items: [{ price, quantity: 1 }],
    client_reference_id: org.id,
    metadata: { orgId: org.id },
    subscription_data: { metadata: { orgId: org.id } },
    success_url: returnTo("success"),
    cancel_url: returnTo("canceled"),
  });
  if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
  return { url: session.url };
}
