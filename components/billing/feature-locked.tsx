import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { planWith, upgradePath, type Entitlements } from "@/lib/billing/entitlements";

/**
 * What a dashboard section shows when the organization's plan lacks its feature: what the
 * feature does, which plan has it, and the way to the plans.
 */
export async function FeatureLocked({
  feature,
  title,
  entitlements,
  slug,
}: {
  feature: "analytics" | "bulkIssue" | "programs" | "webhooks";
  title: string;
  entitlements: Entitlements;
  slug: string;
}) {
  const [t, tName] = await Promise.all([getTranslations("billing.locked"), getTranslations("billing.planName")]);
  return (
    <>
      <PageHeader title={title} />
      <section className="rounded-xl border border-stone-200 bg-white p-8 shadow-sm" aria-labelledby="feature-locked-title" data-testid="feature-locked">
        <h2 id="feature-locked-title" className="text-lg font-semibold text-stone-900">
          {t("title", { feature: t(`feature.${feature}`), plan: tName(planWith(feature)) })}
        </h2>
        <p className="mt-2 max-w-2xl text-sm text-stone-700">{t(`why.${feature}`)}</p>
        <p className="mt-2 max-w-2xl text-sm text-stone-700">{t("body", { current: tName(entitlements.plan) })}</p>
        <Link href={upgradePath(slug)} className={buttonClasses("primary", "mt-6")}>{t("seePlans")}</Link>
      </section>
    </>
  );
}
