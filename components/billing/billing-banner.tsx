import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import type { Entitlements } from "@/lib/billing/entitlements";
import { daysUntil } from "./current-plan";

/** Trials ending this close get a reminder. */
const TRIAL_REMINDER_DAYS = 3;

/**
 * The dashboard's billing banner: a failed payment during its grace period (the date after which
 * the Free limits apply), or a trial about to end. Nothing otherwise.
 */
export async function BillingBanner({ entitlements, slug }: { entitlements: Entitlements; slug: string }) {
  const now = new Date();
  const ending =
    entitlements.reason === "grace" ? entitlements.graceEndsAt : entitlements.reason === "trial" ? entitlements.trialEndsAt : null;
  if (!ending) return null;
  const days = daysUntil(ending, now);
  if (entitlements.reason === "trial" && days > TRIAL_REMINDER_DAYS) return null;

  const [t, format] = await Promise.all([getTranslations("billing.banner"), getFormatter()]);
  const date = format.dateTime(ending, { dateStyle: "long" });
  const billing = `/dashboard/${slug}/billing`;
  const linkClasses = "ml-2 font-semibold underline underline-offset-2";
  return (
    <div className="mb-6" data-testid="billing-banner">
      {entitlements.reason === "grace" ? (
        <Alert tone="warning">
          {t("pastDue", { date })}
          <Link href={billing} className={linkClasses}>{t("update")}</Link>
        </Alert>
      ) : (
        <Alert tone="info">
          {t("trialEnding", { days, date })}
          <Link href={billing} className={linkClasses}>{t("seePlans")}</Link>
        </Alert>
      )}
    </div>
  );
}
