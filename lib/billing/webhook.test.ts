import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { useStripeStandIn } from "@/lib/test/stripe-stand-in";
import { startCheckout } from "./checkout";
import { stripeClient } from "./stripe";
import { syncSubscription } from "./sync-subscription";
import { endlessBody, streamingRequest } from "@/lib/test/streaming-body";
import { billingSelect } from "./entitlements";
import { MAX_WEBHOOK_BYTES } from "./webhook";

const SECRET = "whsec_webhook_test";
const standIn = useStripeStandIn(SECRET);

async function newOrg() {
  const owner = await createUser();
  return createOrgWith([{ userId: owner.id, role: "owner" }], "Acme Academy");
}

function webhookRequest(body: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  return new Request("http://laurel.test/api/stripe/webhook", { method: "POST", headers, body });
}

/** Delivers an event as Stripe would: signed with the endpoint's secret. */
async function deliver(payload: unknown, secret = SECRET) {
  const { body, signature } = standIn().signedEvent(payload, secret);
  const response = await POST(webhookRequest(body, signature));
  return { status: response.status, json: await response.json() };
}

// updatedAt too: a replay that writes the same values would still move it.
const billingOf = (orgId: string) => db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { ...billingSelect, updatedAt: true } });

/** An organization that went through Checkout for `plan`, paid, and whose checkout event was delivered. */
async function subscribedOrg(plan: "pro" | "business" = "pro") {
  const org = await newOrg();
  const { url } = await startCheckout(org, { plan, interval: "month" });
  const event = standIn().completeCheckout(url.split("/").pop()!);
  expect((await deliver(event)).json.status).toBe("processed");
  const subscriptionId = (event.data.object as { subscription: string }).subscription;
  return { org, subscriptionId, checkoutEvent: event };
}

describe("Stripe webhook", () => {
  it("refuses a chunked body over the limit with 413, reading no further than the limit", async () => {
    const { stream, state, chunkBytes } = endlessBody();
    const response = await POST(streamingRequest("http://laurel.test/api/stripe/webhook", stream, { "content-type": "application/json", "stripe-signature": "t=1,v1=00" }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    expect(state.cancelled).toBe(true);
    expect(state.pulled * chunkBytes).toBeLessThan(MAX_WEBHOOK_BYTES + 4 * chunkBytes);
  });

  it("upgrades through Checkout only once the webhook arrives", async () => {
    const org = await newOrg();
    const { url } = await startCheckout(org, { plan: "pro", interval: "month" });
    const event = standIn().completeCheckout(url.split("/").pop()!);
    // Paid at Stripe, but nothing told Laurel yet.
    expect(await billingOf(org.id)).toMatchObject({ plan: "free", subscriptionStatus: null });

    const delivery = await deliver(event);
    expect(delivery).toEqual({ status: 200, json: { received: true, status: "processed", type: "checkout.session.completed" } });
    const subscriptionId = (event.data.object as { subscription: string }).subscription;
    const subscription = standIn().state.subscriptions.get(subscriptionId)!;
    expect(await billingOf(org.id)).toMatchObject({
      plan: "pro",
      billingInterval: "month",
      subscriptionStatus: "active",
      stripeSubscriptionId: subscriptionId,
      currentPeriodEnd: new Date(subscription.items.data[0].current_period_end * 1000),
      cancelAtPeriodEnd: false,
      pastDueSince: null,
    });
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id, action: "billing.plan_changed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ fromPlan: "free", toPlan: "pro", toStatus: "active" });
  });

  it("answers a replayed event as already processed and changes nothing", async () => {
    const { org, subscriptionId, checkoutEvent } = await subscribedOrg();
    const before = await billingOf(org.id);
    // Stripe's state moves on; processing the replay would read it and change the row.
    standIn().setSubscriptionStatus(subscriptionId, "past_due");
    const reads = standIn().state.requests.length;

    const replay = await deliver(checkoutEvent);
    expect(replay).toEqual({ status: 200, json: { received: true, status: "already_processed", type: "checkout.session.completed" } });
    expect(await billingOf(org.id)).toEqual(before);
    expect(standIn().state.requests.length).toBe(reads);
    expect(await db.stripeEvent.count({ where: { id: checkoutEvent.id } })).toBe(1);
  });

  it("processes two simultaneous deliveries of one event once", async () => {
    const org = await newOrg();
    const { url } = await startCheckout(org, { plan: "business", interval: "month" });
    const event = standIn().completeCheckout(url.split("/").pop()!);
    const outcomes = await Promise.all([deliver(event), deliver(event)]);
    expect(outcomes.map((o) => o.json.status).sort()).toEqual(["already_processed", "processed"]);
    expect(await billingOf(org.id)).toMatchObject({ plan: "business", subscriptionStatus: "active" });
    expect(await db.auditLog.count({ where: { organizationId: org.id, action: "billing.plan_changed" } })).toBe(1);
  });

  it("ends in Stripe's current state when an old update arrives after the cancellation", async () => {
    const { org, subscriptionId } = await subscribedOrg();
    const staleUpdate = standIn().subscriptionEvent("customer.subscription.updated", subscriptionId);
    expect((staleUpdate.data.object as { status: string }).status).toBe("active");

    standIn().cancel(subscriptionId);
    expect((await deliver(standIn().subscriptionEvent("customer.subscription.deleted", subscriptionId))).json.status).toBe("processed");
    expect(await billingOf(org.id)).toMatchObject({ plan: "free", subscriptionStatus: "canceled" });

    // The late event carries an active Pro subscription; Stripe says it is canceled.
    expect((await deliver(staleUpdate)).json.status).toBe("processed");
    expect(await billingOf(org.id)).toMatchObject({ plan: "free", subscriptionStatus: "canceled", stripeSubscriptionId: subscriptionId, cancelAtPeriodEnd: false });
  });

  it("refuses a bad signature with 400 and changes nothing", async () => {
    const org = await newOrg();
    const { url } = await startCheckout(org, { plan: "pro", interval: "month" });
    const event = standIn().completeCheckout(url.split("/").pop()!);
    const { body, signature } = standIn().signedEvent(event, SECRET);

    const wrongSecret = standIn().signedEvent(event, "whsec_someone_else");
    const tampered = body.replace('"status":"complete"', '"status":"complete" ');
    expect(tampered).not.toBe(body);
    for (const request of [webhookRequest(wrongSecret.body, wrongSecret.signature), webhookRequest(tampered, signature), webhookRequest(body)]) {
      const response = await POST(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_signature" } });
    }
    expect(await billingOf(org.id)).toMatchObject({ plan: "free", subscriptionStatus: null, stripeSubscriptionId: null });
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(0);

    // The genuine delivery still works afterwards.
    expect((await POST(webhookRequest(body, signature))).status).toBe(200);
    expect(await billingOf(org.id)).toMatchObject({ plan: "pro" });
  });

  it("payment failure makes the subscription past_due from that moment, payment clears it, deletion falls back to Free", async () => {
    const { org, subscriptionId } = await subscribedOrg();

    standIn().setSubscriptionStatus(subscriptionId, "past_due");
    const failedAt = Date.now();
    expect((await deliver(standIn().invoiceEvent("invoice.payment_failed", subscriptionId))).json.status).toBe("processed");
    const pastDue = await billingOf(org.id);
    expect(pastDue).toMatchObject({ plan: "pro", subscriptionStatus: "past_due" });
    expect(pastDue.pastDueSince!.getTime()).toBeGreaterThanOrEqual(failedAt - 1000);
    expect(pastDue.pastDueSince!.getTime()).toBeLessThanOrEqual(Date.now());

    // A retry that fails again keeps the first date: the grace period does not restart.
    expect((await deliver(standIn().invoiceEvent("invoice.payment_failed", subscriptionId))).json.status).toBe("processed");
    expect((await billingOf(org.id)).pastDueSince).toEqual(pastDue.pastDueSince);

    standIn().setSubscriptionStatus(subscriptionId, "active");
    expect((await deliver(standIn().invoiceEvent("invoice.paid", subscriptionId))).json.status).toBe("processed");
    expect(await billingOf(org.id)).toMatchObject({ plan: "pro", subscriptionStatus: "active", pastDueSince: null });

    standIn().cancel(subscriptionId);
    expect((await deliver(standIn().subscriptionEvent("customer.subscription.deleted", subscriptionId))).json.status).toBe("processed");
    expect(await billingOf(org.id)).toMatchObject({ plan: "free", subscriptionStatus: "canceled", pastDueSince: null });
    const changes = await db.auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "billing." } }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.action, (c.data as { toStatus: string }).toStatus])).toEqual([
      ["billing.plan_changed", "active"],
      ["billing.status_changed", "past_due"],
      ["billing.status_changed", "active"],
      ["billing.plan_changed", "canceled"],
    ]);
  });

  it("answers 500 when Stripe cannot be read and keeps the event for Stripe's retry", async () => {
    const { org, subscriptionId } = await subscribedOrg();
    standIn().setSubscriptionStatus(subscriptionId, "past_due");
    const event = standIn().invoiceEvent("invoice.payment_failed", subscriptionId);

    standIn().state.outage = true;
    try {
      const failed = await deliver(event);
      expect(failed.status).toBe(500);
      expect(failed.json).toMatchObject({ error: { code: "sync_failed" } });
    } finally {
      standIn().state.outage = false;
    }
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await billingOf(org.id)).toMatchObject({ subscriptionStatus: "active", pastDueSince: null });

    expect((await deliver(event)).json.status).toBe("processed");
    expect(await billingOf(org.id)).toMatchObject({ subscriptionStatus: "past_due" });
  });

  it("acknowledges event types it does not handle without storing them", async () => {
    const event = standIn().event("customer.created", { id: "cus_elsewhere", object: "customer" });
    expect(await deliver(event)).toEqual({ status: 200, json: { received: true, status: "ignored", type: "customer.created" } });
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(0);
  });

  it("keeps an organization whose subscription has a price no plan uses on Free", async () => {
    const org = await newOrg();
    await startCheckout(org, { plan: "pro", interval: "month" });
    const { stripeCustomerId } = await billingOf(org.id);
    const session = await stripeClient()!.checkout.sessions.create({
      mode: "subscription",
      customer: stripeCustomerId!,
      line_items: [{ price: "price_unknown_to_laurel", quantity: 1 }],
      success_url: "http://laurel.test/",
    });
    const event = standIn().completeCheckout(session.id);
    expect((await deliver(event)).json.status).toBe("processed");
    expect(await billingOf(org.id)).toMatchObject({ plan: "free", subscriptionStatus: "active", billingInterval: null });
  });

  it("syncs by customer id as well as by subscription id", async () => {
    const { org, subscriptionId } = await subscribedOrg("business");
    standIn().setSubscriptionStatus(subscriptionId, "past_due");
    const { stripeCustomerId } = await billingOf(org.id);
    expect(await syncSubscription(stripeCustomerId!)).toEqual({ organizationId: org.id, plan: "business", subscriptionStatus: "past_due", changed: true });
  });

  it("says billing is not configured without a Stripe key", async () => {
    const key = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    reloadEnv();
    try {
      const response = await POST(webhookRequest("{}", "t=1,v1=0"));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("Billing is not configured") } });
    } finally {
      process.env.STRIPE_SECRET_KEY = key;
      reloadEnv();
    }
  });
});
