"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { cn } from "@/components/ui/cn";
import { ActionForm, SubmitButton } from "@/components/ui/form";
import { BillingActionError } from "./billing-action-error";

type Interval = "month" | "year";

export type PlanCardData = {
  id: "free" | "pro" | "business";
  monthlyCredentials: number | null;
  members: number | null;
  features: readonly string[];
  display: { monthly: number; yearly: number } | null;
  offered: Record<Interval, boolean>;
};

/** Prices shown on the page; the amounts charged are the Stripe prices'. */
const DISPLAY_CURRENCY = "USD";

/**
 * Free, Pro and Business side by side with their limits and features, a monthly/yearly switch,
 * and an upgrade button per paid plan when the person may buy one (`canUpgrade`).
 */
export function PlanCards({
  org,
  plans,
  currentPlan,
  canUpgrade,
  note,
  action,
}: {
  org: string;
  plans: PlanCardData[];
  currentPlan: PlanCardData["id"];
  canUpgrade: boolean;
  /** Why there are no upgrade buttons, when there are none. */
  note?: string;
  action: (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;
}) {
  const t = useTranslations("billing.plans");
  const tName = useTranslations("billing.planName");
  const format = useFormatter();
  const [interval, setInterval] = useState<Interval>("month");
  const legendId = useId();
  const price = (amount: number) => format.number(amount, { style: "currency", currency: DISPLAY_CURRENCY, maximumFractionDigits: 0 });

  return (
    <div className="space-y-4">
      <fieldset className="inline-flex rounded-lg border border-stone-300 bg-white p-1" aria-labelledby={legendId}>
        <legend id={legendId} className="sr-only">{t("interval.label")}</legend>
        {(["month", "year"] as const).map((value) => (
          <label
            key={value}
            className={cn(
              "cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-700",
              interval === value ? "bg-brand-700 text-white" : "text-stone-800 hover:bg-stone-100",
            )}
          >
            <input type="radio" name="interval-choice" value={value} checked={interval === value} onChange={() => setInterval(value)} className="sr-only" />
            {t(`interval.${value}`)}
          </label>
        ))}
      </fieldset>
      {note && <p className="text-sm text-stone-700">{note}</p>}
      <ul className="grid gap-4 lg:grid-cols-3">
        {plans.map((plan) => {
          const current = plan.id === currentPlan;
          const name = tName(plan.id);
          return (
            <li
              key={plan.id}
              data-testid={`plan-${plan.id}`}
              aria-labelledby={`${legendId}-${plan.id}`}
              className={cn("flex flex-col rounded-xl border bg-white p-5 shadow-sm", current ? "border-brand-700 ring-1 ring-brand-700" : "border-stone-200")}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 id={`${legendId}-${plan.id}`} className="text-lg font-semibold text-stone-900">{name}</h3>
                {current && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-900">{t("current")}</span>}
              </div>
              <p className="mt-2 text-xl font-bold text-stone-900">
                {plan.display
                  ? interval === "month"
                    ? t("perMonth", { price: price(plan.display.monthly) })
                    : t("perYear", { price: price(plan.display.yearly) })
                  : t("noCost")}
              </p>
              <ul className="mt-4 flex-1 space-y-1.5 text-sm text-stone-800">
                <li>{plan.monthlyCredentials === null ? t("credentialsUnlimited") : t("credentials", { count: plan.monthlyCredentials })}</li>
                <li>{plan.members === null ? t("membersUnlimited") : t("members", { count: plan.members })}</li>
                {plan.features.length === 0 && <li>{t("laurelBranding")}</li>}
                {plan.features.map((feature) => (
                  <li key={feature} className="flex gap-2">
                    <span aria-hidden="true" className="text-brand-700">✓</span>
                    {t(`feature.${feature}`)}
                  </li>
                ))}
              </ul>
              {canUpgrade && plan.id !== "free" && (
                <div className="mt-4">
                  {plan.offered[interval] ? (
                    <ActionForm action={action}>
                      <input type="hidden" name="org" value={org} />
                      <input type="hidden" name="plan" value={plan.id} />
                      <input type="hidden" name="interval" value={interval} />
                      <SubmitButton pendingLabel={t("opening")} className="w-full">
                        {t("upgrade", { plan: name })}
                      </SubmitButton>
                      <BillingActionError />
                    </ActionForm>
                  ) : (
                    <p className="text-sm text-stone-700">{t("notOffered", { interval })}</p>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
