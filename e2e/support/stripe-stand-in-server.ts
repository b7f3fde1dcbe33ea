// The Stripe stand-in (lib/test/stripe-stand-in.ts) as a process of its own for the browser tests:
// the app server talks to its API (STRIPE_API_URL), and specs act as Stripe through a small
// control server next to it. Started by global-setup.ts, which reads the first line of output:
// {"apiUrl", "controlUrl", "prices"} (the STRIPE_PRICE_* settings the stand-in sells).
//
// Control routes:
//   POST /checkout-sessions/{id}/complete → the customer pays: {body, signature, subscriptionId,
//        currentPeriodEnd}, the checkout.session.completed delivery signed with
//        STRIPE_WEBHOOK_SECRET, ready to POST to the app's /api/stripe/webhook.
//   POST /subscriptions/{id}/payment-failed → a renewal payment fails: the subscription turns
//        past_due and {body, signature} is the signed invoice.payment_failed delivery.
//   POST /outage/start, POST /outage/end → every API call fails with a 503 meanwhile.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startStripeStandIn, STAND_IN_PRICES } from "@/lib/test/stripe-stand-in";

const secret = process.env.STRIPE_WEBHOOK_SECRET;
if (!secret) throw new Error("Set STRIPE_WEBHOOK_SECRET: the stand-in signs its webhook deliveries with it.");

const standIn = await startStripeStandIn({
  prices: {
    [STAND_IN_PRICES.STRIPE_PRICE_PRO_MONTHLY]: "month",
    [STAND_IN_PRICES.STRIPE_PRICE_PRO_YEARLY]: "year",
    [STAND_IN_PRICES.STRIPE_PRICE_BUSINESS_MONTHLY]: "month",
  },
});

function answer(response: http.ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

const control = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    const path = request.method === "POST" ? (request.url ?? "") : "";
    const complete = path.match(/^\/checkout-sessions\/([\w-]+)\/complete$/);
    const paymentFailed = path.match(/^\/subscriptions\/([\w-]+)\/payment-failed$/);
    try {
      if (complete) {
        const event = standIn.completeCheckout(complete[1]);
        const subscriptionId = standIn.state.checkoutSessions.get(complete[1])?.subscription ?? null;
        const subscription = subscriptionId ? standIn.state.subscriptions.get(subscriptionId) : undefined;
        const currentPeriodEnd = subscription?.items.data[0]?.current_period_end ?? null;
        return answer(response, 200, { ...standIn.signedEvent(event, secret), subscriptionId, currentPeriodEnd });
      }
      if (path === "/outage/start" || path === "/outage/end") {
        standIn.state.outage = path === "/outage/start";
        return answer(response, 200, { outage: standIn.state.outage });
      }
      if (paymentFailed) {
        standIn.setSubscriptionStatus(paymentFailed[1], "past_due");
        return answer(response, 200, standIn.signedEvent(standIn.invoiceEvent("invoice.payment_failed", paymentFailed[1]), secret));
      }
      answer(response, 404, { error: `No control route ${request.method} ${request.url}` });
    } catch (error) {
      answer(response, 409, { error: error instanceof Error ? error.message : String(error) });
    }
  });
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));

const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ apiUrl: standIn.url, controlUrl, prices: STAND_IN_PRICES })}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    control.close();
    void standIn.close().finally(() => process.exit(0));
  });
}
