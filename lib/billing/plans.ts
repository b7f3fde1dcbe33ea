import { env } from "@/lib/env";

/**
 * Laurel's plans, in one place: change a number here and the limits, the billing page and the
 * API's 402 answers all follow. Prices live in Stripe; their ids come from the environment.
 */
export const PLAN_IDS = ["free", "pro", "business"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const FEATURES = ["api", "bulkIssue", "analytics", "programs", "ownBranding", "webhooks", "customEmailSender", "sso", "lti", "prioritySupport"] as const;
export type Feature = (typeof FEATURES)[number];

export type Plan = {
  id: PlanId;
  /** Credentials issued per calendar month (UTC); null: no limit. */
  monthlyCredentials: number | null;
  /** Members, owners included; null: no limit. */
  members: number | null;
  features: readonly Feature[];
  /** Shown on the billing page, in the plan's currency (prices themselves are Stripe's). */
  display: { monthly: number; yearly: number } | null;
};

export const PLANS: Record<PlanId, Plan> = {
  free: { id: "free", monthlyCredentials: 50, members: 2, features: [], display: null },
  pro: {
    id: "pro",
    monthlyCredentials: 2_000,
    members: 10,
    features: ["api", "bulkIssue", "analytics", "programs", "ownBranding", "lti"],
    display: { monthly: 49, yearly: 490 },
  },
  business: {
    id: "business",
    monthlyCredentials: 25_000,
    members: null,
    features: ["api", "bulkIssue", "analytics", "programs", "ownBranding", "webhooks", "customEmailSender", "sso", "lti", "prioritySupport"],
    display: { monthly: 299, yearly: 2_990 },
  },
};

/** A new organization uses Pro for this long before it needs a plan (no card asked). */
export const TRIAL_DAYS = 14;
/** A past_due subscription keeps its plan this long, with a banner, then falls back to Free. */
export const GRACE_DAYS = 7;

export type BillingInterval = "month" | "year";

/** The Stripe price ids of the paid plans, from the environment (null when unset). */
export function stripePriceId(plan: Exclude<PlanId, "free">, interval: BillingInterval): string | null {
  const config = env();
  const ids = {
    pro: { month: config.STRIPE_PRICE_PRO_MONTHLY, year: config.STRIPE_PRICE_PRO_YEARLY },
    business: { month: config.STRIPE_PRICE_BUSINESS_MONTHLY, year: config.STRIPE_PRICE_BUSINESS_YEARLY },
  };
  return ids[plan][interval] ?? null;
}

/** Which plan and interval a Stripe price id stands for, or null for an unknown price. */
export function planForPrice(priceId: string): { plan: Exclude<PlanId, "free">; interval: BillingInterval } | null {
  for (const plan of ["pro", "business"] as const) {
    for (const interval of ["month", "year"] as const) {
      if (stripePriceId(plan, interval) === priceId) return { plan, interval };
    }
  }
  return null;
}
