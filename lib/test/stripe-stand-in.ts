import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { reloadEnv } from "@/lib/env";

/**
 * For tests only: a loopback HTTP server that plays the parts of Stripe's API Laurel calls
 * (customers, Checkout and Billing Portal sessions, reading subscriptions), plus helpers that act
 * like Stripe does when a customer pays, a payment fails or a subscription ends. Point the client
 * at it with STRIPE_API_URL.
 */

type Json = Record<string, unknown>;
export type Interval = "month" | "year";

export type StandInSubscription = {
  id: string;
  object: "subscription";
  customer: string;
  status: Stripe.Subscription.Status;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  created: number;
  metadata: Record<string, string>;
  // As in Stripe's API since 2025, the billing period lives on the items.
  items: {
    object: "list";
    data: {
      id: string;
      object: "subscription_item";
      price: { id: string; object: "price"; recurring: { interval: Interval } };
      quantity: number;
      current_period_start: number;
      current_period_end: number;
    }[];
  };
};

type CheckoutSession = Json & { id: string; customer: string; status: string; price: string; subscription: string | null; metadata: Json };

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

/** stripe-node sends form bodies with bracketed keys (line_items[0][price]=…); arrays come back as objects keyed "0", "1"… */
function parseForm(text: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  return out;
}

export async function startStripeStandIn(options: { prices?: Record<string, Interval> } = {}) {
  const prices = options.prices ?? {};
  const state = {
    customers: new Map<string, Json & { id: string }>(),
    checkoutSessions: new Map<string, CheckoutSession>(),
    portalSessions: new Map<string, Json & { id: string }>(),
    subscriptions: new Map<string, StandInSubscription>(),
    /** Responses already given per Idempotency-Key, replayed as Stripe does. */
    idempotent: new Map<string, { status: number; body: unknown }>(),
    requests: [] as { method: string; path: string; body: Json }[],
    /** While true every call fails with a 503 Stripe says not to retry, as during an outage. */
    outage: false,
  };

  const fail = (status: number, message: string, code = "resource_missing") => ({
    status,
    body: { error: { type: "invalid_request_error", code, message } },
  });

  function route(method: string, url: URL, body: Json): { status: number; body: unknown } {
    const path = url.pathname;
    if (method === "POST" && path === "/v1/customers") {
      const customer = { id: id("cus"), object: "customer", name: body.name ?? null, email: body.email ?? null, metadata: body.metadata ?? {} };
      state.customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const customer = String(body.customer ?? "");
      if (!state.customers.has(customer)) return fail(400, `No such customer: '${customer}'`);
      const lineItems = Object.values((body.line_items ?? {}) as Record<string, Json>);
      const price = String(lineItems[0]?.price ?? "");
      if (!(price in prices)) return fail(400, `No such price: '${price}'`);
      const sessionId = id("cs_test");
      const session: CheckoutSession = {
        id: sessionId,
        object: "checkout.session",
        mode: body.mode,
        customer,
        client_reference_id: body.client_reference_id ?? null,
        metadata: (body.metadata ?? {}) as Json,
        subscription_data: body.subscription_data ?? null,
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        status: "open",
        subscription: null,
        price,
        url: `https://checkout.stripe.test/c/pay/${sessionId}`,
      };
      state.checkoutSessions.set(session.id, session);
      return { status: 200, body: session };
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      const customer = String(body.customer ?? "");
      if (!state.customers.has(customer)) return fail(400, `No such customer: '${customer}'`);
      const sessionId = id("bps");
      const session = { id: sessionId, object: "billing_portal.session", customer, return_url: body.return_url ?? null, url: `https://billing.stripe.test/p/session/${sessionId}` };
      state.portalSessions.set(session.id, session);
      return { status: 200, body: session };
    }
    const one = path.match(/^\/v1\/subscriptions\/([^/]+)$/);
    if (method === "GET" && one) {
      const subscription = state.subscriptions.get(one[1]);
      return subscription ? { status: 200, body: subscription } : fail(404, `No such subscription: '${one[1]}'`);
    }
    if (method === "GET" && path === "/v1/subscriptions") {
      const customer = url.searchParams.get("customer");
      const status = url.searchParams.get("status");
      // Like Stripe, the list leaves canceled subscriptions out unless asked for status=all.
      const data = [...state.subscriptions.values()]
        .filter((s) => !customer || s.customer === customer)
        .filter((s) => (status === "all" ? true : status ? s.status === status : s.status !== "canceled"))
        .sort((a, b) => b.created - a.created);
      return { status: 200, body: { object: "list", url: "/v1/subscriptions", has_more: false, data } };
    }
    return fail(404, `The stand-in does not play ${method} ${path}`, "unknown_route");
  }

  const server = http.createServer((request, response) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://stand-in");
      const method = request.method ?? "GET";
      const body = method === "POST" ? parseForm(text) : Object.fromEntries(url.searchParams);
      state.requests.push({ method, path: url.pathname, body });
      let result: { status: number; body: unknown };
      if (state.outage) {
        result = { status: 503, body: { error: { type: "api_error", message: "The stand-in is having an outage" } } };
        response.setHeader("stripe-should-retry", "false");
      } else if (!/^Bearer sk_/.test(request.headers.authorization ?? "")) {
        result = fail(401, "Invalid API Key provided", "api_key_invalid");
      } else {
        const key = request.headers["idempotency-key"];
        const remembered = method === "POST" && typeof key === "string" ? state.idempotent.get(`${url.pathname} ${key}`) : undefined;
        result = remembered ?? route(method, url, body);
        if (method === "POST" && typeof key === "string") state.idempotent.set(`${url.pathname} ${key}`, result);
      }
      response.writeHead(result.status, { "content-type": "application/json", "request-id": id("req") });
      response.end(JSON.stringify(result.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  function subscription(subscriptionId: string): StandInSubscription {
    const found = state.subscriptions.get(subscriptionId);
    if (!found) throw new Error(`The stand-in has no subscription ${subscriptionId}`);
    return found;
  }

  /** An event as Stripe would deliver it, carrying a snapshot of `object` as it is now. */
  function event(type: string, object: unknown) {
    return {
      id: id("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object) },
    };
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),

    /** The customer pays: an active subscription for the session's price; returns the checkout.session.completed event. */
    completeCheckout(sessionId: string) {
      const session = state.checkoutSessions.get(sessionId);
      if (!session) throw new Error(`The stand-in has no Checkout Session ${sessionId}`);
      if (session.status !== "open") throw new Error(`Checkout Session ${sessionId} is ${session.status}`);
      const created = nowSeconds();
      const interval = prices[session.price];
      const sub: StandInSubscription = {
        id: id("sub"),
        object: "subscription",
        customer: session.customer,
        status: "active",
        cancel_at_period_end: false,
        cancel_at: null,
        canceled_at: null,
        ended_at: null,
        created,
        metadata: ((session.subscription_data as Json | null)?.metadata ?? {}) as Record<string, string>,
        items: {
          object: "list",
          data: [
            {
              id: id("si"),
              object: "subscription_item",
              price: { id: session.price, object: "price", recurring: { interval } },
              quantity: 1,
              current_period_start: created,
              current_period_end: created + (interval === "year" ? 365 : 30) * DAY,
            },
          ],
        },
      };
      state.subscriptions.set(sub.id, sub);
      Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id });
      return event("checkout.session.completed", session);
    },

    setSubscriptionStatus(subscriptionId: string, status: Stripe.Subscription.Status) {
      subscription(subscriptionId).status = status;
    },

    /** Ends the subscription at once, as Stripe does when it is canceled or its retries run out. */
    cancel(subscriptionId: string) {
      Object.assign(subscription(subscriptionId), { status: "canceled", canceled_at: nowSeconds(), ended_at: nowSeconds(), cancel_at_period_end: false });
    },

    /** A customer.subscription.* event carrying the subscription as it is now. */
    subscriptionEvent(type: "customer.subscription.created" | "customer.subscription.updated" | "customer.subscription.deleted", subscriptionId: string) {
      return event(type, subscription(subscriptionId));
    },

    /** An invoice.* event for the subscription's latest invoice (the subscription id under parent, as since 2025). */
    invoiceEvent(type: "invoice.paid" | "invoice.payment_failed", subscriptionId: string) {
      const sub = subscription(subscriptionId);
      return event(type, {
        id: id("in"),
        object: "invoice",
        customer: sub.customer,
        status: type === "invoice.paid" ? "paid" : "open",
        parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: sub.id, metadata: sub.metadata } },
      });
    },

    /** Any event, e.g. a type Laurel ignores. */
    event,

    /** The raw body and Stripe-Signature header of a delivery of `payload`, signed with `secret`. */
    signedEvent(payload: unknown, secret: string) {
      const body = JSON.stringify(payload);
      return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
    },
  };
}

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;

export const STAND_IN_PRICES = {
  STRIPE_PRICE_PRO_MONTHLY: "price_pro_monthly",
  STRIPE_PRICE_PRO_YEARLY: "price_pro_yearly",
  STRIPE_PRICE_BUSINESS_MONTHLY: "price_business_monthly",
  // STRIPE_PRICE_BUSINESS_YEARLY stays unset, as on an install that sells no yearly Business plan.
} as const;

/**
 * For a test file: a stand-in that Laurel's Stripe client talks to, with billing configured
 * (secret key, webhook secret, the prices above) and links built on http://laurel.test.
 */
export function useStripeStandIn(webhookSecret = "whsec_stand_in") {
  let standIn: StripeStandIn;
  const names = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL", "BASE_URL", ...Object.keys(STAND_IN_PRICES)];
  beforeAll(async () => {
    standIn = await startStripeStandIn({
      prices: { price_pro_monthly: "month", price_pro_yearly: "year", price_business_monthly: "month", price_unknown_to_laurel: "month" },
    });
    Object.assign(process.env, STAND_IN_PRICES, {
      STRIPE_SECRET_KEY: "sk_test_stand_in",
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: standIn.url,
      BASE_URL: "http://laurel.test",
    });
    reloadEnv();
  });
  afterAll(async () => {
    for (const name of names) delete process.env[name];
    reloadEnv();
    await standIn.close();
  });
  return () => standIn;
}
