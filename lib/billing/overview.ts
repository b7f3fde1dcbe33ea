import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { billingSelect, entitlementsOf, issuedThisMonth } from "./entitlements";
import { PLAN_IDS, PLANS, stripePriceId, type BillingInterval, type PlanId } from "./plans";
import { billingConfigured, LIVE_STATUSES } from "./stripe";

export type PlanOffer = {
  id: PlanId;
  monthlyCredentials: number | null;
  members: number | null;
  features: readonly string[];
  display: { monthly: number; yearly: number } | null;
  /** Which billing periods have a Stripe price on this install. */
  offered: Record<BillingInterval, boolean>;
};

/** Everything the billing page shows about one organization, read once. */
export async function loadBillingOverview(organizationId: string, now: Date = new Date()) {
  const [org, issued, members] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: billingSelect }),
    issuedThisMonth(organizationId, now),
    db.membership.count({ where: { organizationId } }),
  ]);
  const entitlements = entitlementsOf(org, now);
  const plans: PlanOffer[] = PLAN_IDS.map((id) => {
    const plan = PLANS[id];
    return {
      id,
      monthlyCredentials: plan.monthlyCredentials,
      members: plan.members,
      features: plan.features,
      display: plan.display,
      offered: id === "free" ? { month: false, year: false } : { month: Boolean(stripePriceId(id, "month")), year: Boolean(stripePriceId(id, "year")) },
    };
  });
  return {
    org,
    entitlements,
    usage: { issued, members },
    plans,
    configured: billingConfigured(),
    selfHosted: env().SELF_HOSTED === "true",
    hasLiveSubscription: Boolean(org.stripeSubscriptionId && org.subscriptionStatus && LIVE_STATUSES.includes(org.subscriptionStatus)),
    /** The first day of next month (UTC), when the monthly count starts again. */
    usageResetsAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
}

export type BillingOverview = Awaited<ReturnType<typeof loadBillingOverview>>;
