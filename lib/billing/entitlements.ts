import { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { FEATURES, GRACE_DAYS, PLANS, TRIAL_DAYS, type Feature, type Plan, type PlanId } from "./plans";

const DAY_MS = 86_400_000;

/** The organization fields that decide what it may do. */
export const billingSelect = {
  id: true,
  slug: true,
  createdAt: true,
  plan: true,
  billingInterval: true,
  subscriptionStatus: true,
  stripeCustomerId: true,
  stripeSubscriptionId: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  pastDueSince: true,
} as const satisfies Prisma.OrganizationSelect;

export type OrgBilling = Prisma.OrganizationGetPayload<{ select: typeof billingSelect }>;

/**
 * What an organization may do right now, and why:
 * - "self_hosted": SELF_HOSTED=true, no limits at all;
 * - "subscription": an active (or Stripe-trialing) paid plan;
 * - "grace": a paid plan whose payment failed less than GRACE_DAYS ago (a banner says so);
 * - "trial": a new organization's first TRIAL_DAYS on Pro, before it ever subscribed;
 * - "free": everything else, including a subscription past its grace period or canceled.
 */
export type Entitlements = {
  plan: PlanId;
  reason: "self_hosted" | "subscription" | "grace" | "trial" | "free";
  monthlyCredentials: number | null;
  members: number | null;
  features: readonly Feature[];
  trialEndsAt: Date | null;
  graceEndsAt: Date | null;
};

export function entitlementsOf(org: OrgBilling, now: Date = new Date()): Entitlements {
  if (env().SELF_HOSTED === "true") {
    return { plan: "business", reason: "self_hosted", monthlyCredentials: null, members: null, features: FEATURES, trialEndsAt: null, graceEndsAt: null };
  }
  const paid = (org.plan === "pro" || org.plan === "business") ? PLANS[org.plan] : null;
  if (paid && (org.subscriptionStatus === "active" || org.subscriptionStatus === "trialing")) return of(paid, "subscription");
  if (paid && org.subscriptionStatus === "past_due") {
    const graceEndsAt = new Date((org.pastDueSince ?? now).getTime() + GRACE_DAYS * DAY_MS);
    if (now < graceEndsAt) return { ...of(paid, "grace"), graceEndsAt };
  }
  const trialEndsAt = new Date(org.createdAt.getTime() + TRIAL_DAYS * DAY_MS);
  if (!org.stripeSubscriptionId && now < trialEndsAt) return { ...of(PLANS.pro, "trial"), trialEndsAt };
  return of(PLANS.free, "free");
}

function of(plan: Plan, reason: Entitlements["reason"]): Entitlements {
  return { plan: plan.id, reason, monthlyCredentials: plan.monthlyCredentials, members: plan.members, features: plan.features, trialEndsAt: null, graceEndsAt: null };
}

export async function organizationEntitlements(organizationId: string, now: Date = new Date()): Promise<Entitlements> {
  return entitlementsOf(await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: billingSelect }), now);
}

/** The billing page, where every limit message sends people. */
export const upgradePath = (slug: string) => `/dashboard/${slug}/billing`;

/** The cheapest plan that has a feature. */
export function planWith(feature: Feature): PlanId {
  return (["pro", "business"] as const).find((id) => PLANS[id].features.includes(feature)) ?? "business";
}

/** Refuses (HTTP 402, code payment_required) the first of `features` the organization's plan lacks. */
export function requireFeature(org: OrgBilling, ...features: Feature[]): Entitlements {
  const entitlements = entitlementsOf(org);
  const missing = features.find((feature) => !entitlements.features.includes(feature));
  if (missing) {
    throw new AppError("payment_required", `The ${entitlements.plan} plan does not include ${missing}; upgrade to ${planWith(missing)}`, undefined, {
      limit: "feature",
      feature: missing,
      plan: entitlements.plan,
      requiredPlan: planWith(missing),
      upgradeUrl: `${env().BASE_URL}${upgradePath(org.slug)}`,
    });
  }
  return entitlements;
}

/** The first day (UTC) of the month `at` falls in, as the quota counter keys it. */
export function usageMonth(at: Date = new Date()): string {
  return `${at.toISOString().slice(0, 7)}-01`;
}

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/**
 * Reserves up to `wanted` credentials of this month's quota, inside the caller's transaction
 * (the one that stores them), and returns how many it may issue. The counter row is locked
 * for the rest of the transaction, so parallel issuers queue on it and can't pass the quota
 * together; a transaction that fails gives its reservation back with everything else.
 */
export async function reserveIssuance(tx: Tx, organizationId: string, wanted: number, limit: number | null, now: Date = new Date()): Promise<number> {
  if (wanted <= 0) return 0;
  const month = usageMonth(now);
  await tx.$executeRaw`
    INSERT INTO "IssuanceUsage" ("organizationId", "month", "issued") VALUES (${organizationId}, ${month}::date, 0)
    ON CONFLICT ("organizationId", "month") DO NOTHING`;
  const rows = await tx.$queryRaw<{ granted: number }[]>`
    WITH current AS (
      SELECT "issued" FROM "IssuanceUsage" WHERE "organizationId" = ${organizationId} AND "month" = ${month}::date FOR UPDATE
    ), grant_ AS (
      SELECT CASE WHEN ${limit}::int IS NULL THEN ${wanted}::int ELSE LEAST(${wanted}::int, GREATEST(${limit}::int - "issued", 0)) END AS "granted" FROM current
    )
    UPDATE "IssuanceUsage" u SET "issued" = u."issued" + g."granted"
    FROM grant_ g
    WHERE u."organizationId" = ${organizationId} AND u."month" = ${month}::date
    RETURNING g."granted"`;
  return rows[0]?.granted ?? 0;
}

/** Gives back reserved quota that was not used (rows another run had already stored). */
export async function releaseIssuance(tx: Tx, organizationId: string, count: number, now: Date = new Date()): Promise<void> {
  if (count <= 0) return;
  await tx.$executeRaw`
    UPDATE "IssuanceUsage" SET "issued" = GREATEST("issued" - ${count}::int, 0)
    WHERE "organizationId" = ${organizationId} AND "month" = ${usageMonth(now)}::date`;
}

/** The quota refusal: names the limit, the plan and where to upgrade. */
export function quotaExceeded(slug: string, entitlements: Entitlements): AppError {
  return new AppError(
    "payment_required",
    `This month's quota of ${entitlements.monthlyCredentials} credentials on the ${entitlements.plan} plan is used up; upgrade for more`,
    undefined,
    { limit: "monthly_credentials", quota: entitlements.monthlyCredentials ?? 0, plan: entitlements.plan, upgradeUrl: `${env().BASE_URL}${upgradePath(slug)}` },
  );
}

/** Credentials issued this month, for the billing page. */
export async function issuedThisMonth(organizationId: string, now: Date = new Date()): Promise<number> {
  const row = await db.issuanceUsage.findUnique({ where: { organizationId_month: { organizationId, month: new Date(`${usageMonth(now)}T00:00:00Z`) } } });
  return row?.issued ?? 0;
}

/**
 * Refuses one more member past the plan's seat limit (payment_required, limit "members").
 * Inviting counts pending invitations too, so invitations can't outrun the seats; joining locks
 * the organization row, so two people accepting at once can't both take the last seat.
 */
export async function requireSeat(
  tx: Pick<Prisma.TransactionClient, "$queryRaw" | "membership" | "invitation" | "organization">,
  organizationId: string,
  options: { countPendingInvitations: boolean; exceptEmail?: string },
): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${organizationId} FOR UPDATE`;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: billingSelect });
  const entitlements = entitlementsOf(org);
  if (entitlements.members === null) return;
  const members = await tx.membership.count({ where: { organizationId } });
  const pending = options.countPendingInvitations
    ? await tx.invitation.count({
        where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, ...(options.exceptEmail ? { email: { not: options.exceptEmail } } : {}) },
      })
    : 0;
  if (members + pending + 1 > entitlements.members) {
    throw new AppError("payment_required", `The ${entitlements.plan} plan has ${entitlements.members} seats and they are taken; upgrade for more`, undefined, {
      limit: "members",
      seats: entitlements.members,
      plan: entitlements.plan,
      upgradeUrl: `${env().BASE_URL}${upgradePath(org.slug)}`,
    });
  }
}
