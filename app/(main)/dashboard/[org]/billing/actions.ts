"use server";

import { redirect } from "next/navigation";
import Stripe from "stripe";
import { z } from "zod";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { startCheckout } from "@/lib/billing/checkout";
import { openBillingPortal } from "@/lib/billing/portal";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

const checkoutSchema = z.object({ plan: z.enum(["pro", "business"]), interval: z.enum(["month", "year"]) });

/** A Stripe failure (outage, refused request) becomes a message the form can show instead of an error page. */
async function withStripe<T>(what: string, orgId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    log.error({ err: error, orgId, stripeRequestId: error.requestId }, `${what} failed at Stripe`);
    throw new AppError("conflict", `${what} failed at Stripe: ${error.message}`, { form: { code: "stripe_unavailable" } });
  }
}

/** Sends the person to Stripe Checkout; the plan itself changes only when Stripe's webhook confirms the payment. */
export const upgradeAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: checkoutSchema }, async (input, ctx) => {
  const { url } = await withStripe("Checkout", ctx.org.id, () => startCheckout(ctx.org, input));
  redirect(url);
});

/** Sends the person to Stripe's billing portal: plan changes, card, cancellation and invoices. */
export const manageBillingAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: z.object({}) }, async (_input, ctx) => {
  const { url } = await withStripe("Billing portal", ctx.org.id, () => openBillingPortal(ctx.org));
  redirect(url);
});
