import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Entitlements, OrgBilling } from "@/lib/billing/entitlements";
import { TRIAL_DAYS } from "@/lib/billing/plans";

const DAY_MS = 86_400_000;

const BADGE_TONES: Record<Entitlements["reason"], string> = {
  self_hosted: "bg-stone-100 text-stone-900",
  subscription: "bg-brand-50 text-brand-900",
  trial: "bg-sky-50 text-sky-900",
  grace: "bg-red-50 text-red-900",
  free: "bg-stone-100 text-stone-900",
};

/** Days left until `end`, counting a started day as a whole one. */
export function daysUntil(end: Date, now: Date): number {
  return Math.max(0, Math.ceil((end.getTime() - now.getTime()) / DAY_MS));
}

/**
 * The plan an organization is on and why: trial, subscription (renewal or cancellation), failed payment, Free, or self-hosted.
 * `brief`: only the first line (the overview's card), with `children` below it.
 */
export async function CurrentPlan({
  entitlements,
  org,
  now,
  brief = false,
  children,
}: {
  entitlements: Entitlements;
  org: Pick<OrgBilling, "billingInterval" | "subscriptionStatus" | "currentPeriodEnd" | "cancelAtPeriodEnd" | "stripeSubscriptionId">;
  now: Date;
  brief?: boolean;
  children?: ReactNode;
}) {
  const [t, tName, format] = await Promise.all([getTranslations("billing.current"), getTranslations("billing.planName"), getFormatter()]);
  const date = (value: Date) => format.dateTime(value, { dateStyle: "long" });
  const plan = tName(entitlements.plan);
  // Self-hosted installs have every feature of every plan; naming one of the plans would mislead.
  const heading = entitlements.reason === "self_hosted" ? t("selfHostedPlan") : plan;
  const lines: string[] = [];
  switch (entitlements.reason) {
    case "self_hosted":
      break;
    case "trial":
      if (entitlements.trialEndsAt) lines.push(t("trial", { plan, days: daysUntil(entitlements.trialEndsAt, now), date: date(entitlements.trialEndsAt) }));
      lines.push(t("trialBody", { trialDays: TRIAL_DAYS }));
      break;
    case "subscription":
      lines.push(t("active", { plan, interval: org.billingInterval ?? "month" }));
      if (org.currentPeriodEnd) lines.push(org.cancelAtPeriodEnd ? t("cancels", { date: date(org.currentPeriodEnd) }) : t("renews", { date: date(org.currentPeriodEnd) }));
      break;
    case "grace":
      if (entitlements.graceEndsAt) lines.push(t("grace", { plan, date: date(entitlements.graceEndsAt) }));
      lines.push(t("issuedStayValid"));
      break;
    case "free":
      lines.push(t("free"));
      if (org.subscriptionStatus === "past_due" || org.subscriptionStatus === "unpaid") lines.push(t("freeAfterPastDue"));
      else if (org.subscriptionStatus === "canceled") lines.push(t("freeAfterCancel"));
      else if (!org.stripeSubscriptionId) lines.push(t("freeAfterTrial"));
      lines.push(t("issuedStayValid"));
      break;
  }
  return (
    <Card>
      <CardHeader title={t("title")} />
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-2xl font-bold text-stone-900" data-testid="current-plan">{heading}</p>
        <span className={cn("rounded-full px-2.5 py-0.5 text-sm font-semibold", BADGE_TONES[entitlements.reason])} data-testid="plan-status">
          {t(`badge.${entitlements.reason}`)}
        </span>
      </div>
      {lines.length > 0 && (
        <div className="mt-3 space-y-1 text-sm text-stone-800" data-testid="plan-details">
          {(brief ? lines.slice(0, 1) : lines).map((line) => <p key={line}>{line}</p>)}
        </div>
      )}
      {children}
    </Card>
  );
}
