import "server-only";
import type Stripe from "stripe";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { log } from "@/lib/log";
import { planForPrice, type BillingInterval, type PlanId } from "./plans";
import { LIVE_STATUSES, requireStripe } from "./stripe";

type Tx = Prisma.TransactionClient;

export type SyncResult = {
  organizationId: string;
  plan: PlanId;
  subscriptionStatus: string | null;
  /** Whether the plan or the status changed. */
  changed: boolean;
};

const ENDED = ["canceled", "incomplete_expired"];

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/** The customer's current subscription: a live one if any (best status first), else the newest ended one. */
function currentSubscription(subscriptions: Stripe.Subscription[]): Stripe.Subscription | null {
  const rank = (s: Stripe.Subscription) => {
    const live = LIVE_STATUSES.indexOf(s.status);
    return live === -1 ? LIVE_STATUSES.length : live;
  };
  return [...subscriptions].sort((a, b) => rank(a) - rank(b) || b.created - a.created)[0] ?? null;
}

/** Stripe's API moved the billing period from the subscription to its items in 2025; read either. */
function periodEnd(subscription: Stripe.Subscription): Date | null {
  const legacy = (subscription as { current_period_end?: number | null }).current_period_end;
  const seconds = legacy ?? subscription.items.data[0]?.current_period_end ?? null;
  return seconds ? new Date(seconds * 1000) : null;
}

/**
 * Makes the organization's billing columns match Stripe, read fresh from Stripe: webhook events
 * are only triggers, so replays and out-of-order deliveries end in Stripe's current state.
 * `stripeId` is a subscription id (sub_…) or a customer id (cus_…); the organization is the one
 * holding that customer, or `orgId` (from a Checkout Session) when none does yet.
 * Returns null when no organization matches (logged); throws when Stripe cannot be read.
 */
export async function syncSubscription(stripeId: string, options: { orgId?: string | null; tx?: Tx } = {}): Promise<SyncResult | null> {
  const stripe = requireStripe();
  let customerId: string;
  let orgId = options.orgId ?? null;
  if (stripeId.startsWith("sub_")) {
    const subscription = await stripe.subscriptions.retrieve(stripeId);
    customerId = idOf(subscription.customer)!;
    orgId ??= subscription.metadata?.orgId ?? null;
  } else if (stripeId.startsWith("cus_")) {
    customerId = stripeId;
  } else {
    throw new Error(`syncSubscription needs a Stripe subscription (sub_…) or customer (cus_…) id, got "${stripeId}"`);
  }

  const run = async (tx: Tx) => {
    const organizationId = await organizationFor(tx, customerId, orgId);
    if (!organizationId) return null;
    // One sync per organization at a time, and Stripe read under the lock: the last writer
    // writes the newest state, whatever order concurrent deliveries arrive in.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId} FOR UPDATE`;
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { plan: true, subscriptionStatus: true, stripeSubscriptionId: true, pastDueSince: true },
    });
    const { data } = await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 100 });
    const subscription = currentSubscription(data);
    const next = subscription ? stateOf(subscription, org.subscriptionStatus, org.pastDueSince) : noSubscription(org.stripeSubscriptionId);

    await tx.organization.update({ where: { id: organizationId }, data: next });
    const statusChanged = next.subscriptionStatus !== org.subscriptionStatus;
    if (next.plan !== org.plan || statusChanged) {
      await recordAudit(tx, {
        organizationId,
        action: next.plan !== org.plan ? "billing.plan_changed" : "billing.status_changed",
        targetType: "subscription",
        targetId: next.stripeSubscriptionId ?? undefined,
        data: { fromPlan: org.plan, toPlan: next.plan, fromStatus: org.subscriptionStatus, toStatus: next.subscriptionStatus },
      });
    }
    return { organizationId, plan: next.plan, subscriptionStatus: next.subscriptionStatus, changed: next.plan !== org.plan || statusChanged };
  };
  return options.tx ? run(options.tx) : db.$transaction(run, { timeout: 30_000 });
}

async function organizationFor(tx: Tx, customerId: string, orgId: string | null): Promise<string | null> {
  const byCustomer = await tx.organization.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
  if (byCustomer) return byCustomer.id;
  if (orgId) {
    // Laurel stores the customer before Checkout starts; adopt it only if the org has none.
    const { count } = await tx.organization.updateMany({ where: { id: orgId, stripeCustomerId: null }, data: { stripeCustomerId: customerId } });
    if (count === 1) return orgId;
  }
  log.warn({ customerId, orgId }, "Stripe customer belongs to no organization; subscription not synced");
  return null;
}

type BillingState = {
  plan: PlanId;
  billingInterval: BillingInterval | null;
  subscriptionStatus: string | null;
  stripeSubscriptionId?: string | null;
  currentPeriodEnd?: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
};

function stateOf(subscription: Stripe.Subscription, previousStatus: string | null, previousPastDueSince: Date | null): BillingState {
  const ended = ENDED.includes(subscription.status);
  const priceId = subscription.items.data[0]?.price.id ?? null;
  const priced = priceId ? planForPrice(priceId) : null;
  if (!priced && !ended) {
    log.error({ subscriptionId: subscription.id, priceId }, "Stripe subscription has a price no plan uses (check STRIPE_PRICE_*); the organization stays on Free");
  }
  const pastDue = subscription.status === "past_due";
  return {
    plan: ended || !priced ? "free" : priced.plan,
    billingInterval: priced?.interval ?? null,
    subscriptionStatus: subscription.status,
    stripeSubscriptionId: subscription.id,
    currentPeriodEnd: periodEnd(subscription),
    // The Billing Portal may cancel with a date (cancel_at) rather than the period-end flag.
    cancelAtPeriodEnd: !ended && (subscription.cancel_at_period_end || subscription.cancel_at != null),
    // The grace period counts from when the subscription first went past_due.
    pastDueSince: pastDue ? (previousStatus === "past_due" && previousPastDueSince ? previousPastDueSince : new Date()) : null,
  };
}

/** The customer has no subscription at all (never paid, or Stripe deleted it). */
function noSubscription(previousSubscriptionId: string | null): BillingState {
  return {
    plan: "free",
    billingInterval: null,
    subscriptionStatus: previousSubscriptionId ? "canceled" : null,
    cancelAtPeriodEnd: false,
    pastDueSince: null,
  };
}
