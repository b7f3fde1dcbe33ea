import { getTranslations } from "next-intl/server";
import type { AnalyticsSummary } from "@/lib/analytics/summary";

/** The headline: which badge brings the most new visitors, and from which network. */
export async function BestSource({ bestSource }: { bestSource: AnalyticsSummary["bestSource"] }) {
  const [t, tChannel] = await Promise.all([getTranslations("analytics.insight"), getTranslations("analytics.channels")]);
  return (
    <section aria-labelledby="analytics-insight-heading" data-testid="best-source" className="mb-6 rounded-xl border border-brand-200 bg-brand-50 p-5">
      <h2 id="analytics-insight-heading" className="text-sm font-semibold uppercase tracking-wide text-brand-800">{t("heading")}</h2>
      {bestSource ? (
        <p className="mt-2 text-xl text-stone-900">
          {t.rich("best", {
            name: bestSource.name,
            channel: tChannel(bestSource.channel),
            visitors: bestSource.visitors,
            strong: (chunks) => <strong className="font-bold">{chunks}</strong>,
          })}
        </p>
      ) : (
        <p className="mt-2 text-stone-800">{t("none")}</p>
      )}
    </section>
  );
}
