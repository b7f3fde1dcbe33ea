import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { billingPageUrl } from "./checkout";
import { requireStripe } from "./stripe";

/**
 * A Stripe Billing Portal session (change plan, payment method, cancel, invoices) for the
 * organization's customer; returns its URL. People come back to the billing page on the origin
 * of `returnUrl` (BASE_URL by default).
 */
export async function openBillingPortal(org: { id: string; slug: string }, returnUrl?: string): Promise<{ url: string }> {
  const stripe = requireStripe();
  const { stripeCustomerId } = await db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { stripeCustomerId: true } });
  if (!stripeCustomerId) {
    throw new AppError("conflict", "This organization has no Stripe customer yet: choose a plan first, the billing portal opens after a checkout", {
      plan: { code: "no_billing_account" },
    });
  }
  const session = await stripe.billingPortal.sessions.create({
    customer: stripeCustomerId,
    return_url: billingPageUrl(org.slug, returnUrl).toString(),
  });
  return { url: session.url };
}
