import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { BodyTooLargeError, readBodyWithLimit } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { stripeClient } from "./stripe";
import { syncSubscription } from "./sync-subscription";

/** The events that can change an organization's subscription; every other type is acknowledged and ignored. */
export const HANDLED_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
] as const;

/** Stripe's events are a few kilobytes; a body past this is refused before its signature is checked. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

const failure = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** What to sync for an event: the subscription (or, failing that, the customer) it is about. */
function syncTarget(event: Stripe.Event): { stripeId: string; orgId: string | null } | null {
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      if (session.mode !== "subscription") return null;
      const stripeId = idOf(session.subscription) ?? idOf(session.customer);
      return stripeId ? { stripeId, orgId: session.client_reference_id ?? session.metadata?.orgId ?? null } : null;
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return { stripeId: event.data.object.id, orgId: null };
    case "invoice.paid":
    case "invoice.payment_failed": {
      const invoice = event.data.object;
      // Since Stripe's 2025 API the subscription sits under parent.subscription_details; before, on the invoice.
      const legacy = (invoice as { subscription?: string | { id: string } | null }).subscription;
      const stripeId = idOf(invoice.parent?.subscription_details?.subscription) ?? idOf(legacy) ?? idOf(invoice.customer);
      return stripeId ? { stripeId, orgId: null } : null;
    }
    default:
      return null;
  }
}

/**
 * Stripe's webhook endpoint. The signature is checked on the raw body; each handled event is only
 * a trigger to re-read the subscription from Stripe (syncSubscription), so a replayed or late
 * event cannot roll the organization back. The event id is stored in the same transaction as the
 * sync: a duplicate is answered "already processed" without work, and a failed sync stores
 * nothing and answers 500 so that Stripe delivers the event again.
 */
export async function handleStripeWebhook(request: Request): Promise<Response> {
  const stripe = stripeClient();
  if (!stripe) return failure(404, "not_found", "Billing is not configured on this Laurel install: STRIPE_SECRET_KEY is not set");
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) return failure(503, "not_configured", "Stripe webhooks cannot be verified: STRIPE_WEBHOOK_SECRET is not set");

  const signature = request.headers.get("stripe-signature");
  if (!signature) return failure(400, "invalid_signature", "The Stripe-Signature header is missing");
  let body: string;
  try {
    body = await readBodyWithLimit(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return failure(413, "payload_too_large", error.message);
    throw error;
  }
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, secret);
  } catch (error) {
    log.warn({ err: error }, "Stripe webhook with a bad signature refused");
    return failure(400, "invalid_signature", `The Stripe signature does not match this body: ${(error as Error).message}`);
  }

  const target = (HANDLED_EVENTS as readonly string[]).includes(event.type) ? syncTarget(event) : null;
  if (!target) return Response.json({ received: true, status: "ignored", type: event.type });

  try {
    const outcome = await db.$transaction(
      async (tx) => {
        // A concurrent delivery of the same id waits here until this one commits or rolls back.
        const { count } = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type }], skipDuplicates: true });
        if (count === 0) return "already_processed" as const;
        const result = await syncSubscription(target.stripeId, { orgId: target.orgId, tx });
        return result ? ("processed" as const) : ("no_organization" as const);
      },
      { timeout: 30_000 },
    );
    return Response.json({ received: true, status: outcome, type: event.type });
  } catch (error) {
    log.error({ err: error, eventId: event.id, type: event.type, stripeId: target.stripeId }, "Stripe webhook could not sync the subscription");
    return failure(500, "sync_failed", `Could not sync ${target.stripeId} for event ${event.id}; Stripe will retry`);
  }
}
