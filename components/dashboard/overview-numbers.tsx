import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { dayDate, rangeQuery } from "@/components/analytics/format";
import { KpiChange } from "@/components/analytics/kpi-tiles";
import type { AnalyticsSummary, Totals } from "@/lib/analytics/summary";

/** Claimed or shared credentials over those issued in the same days; null when none were issued. */
const rateOf = (part: number, issued: number) => (issued > 0 ? part / issued : null);

/**
 * The overview's four numbers for this month so far, each against the same days of last month:
 * credentials issued, the share of them claimed and shared, and visitors to credential pages.
 * The rates are the analytics page's (its funnel's "claimed" step and its share rate).
 */
export async function OverviewNumbers({ summary, analyticsPath }: { summary: AnalyticsSummary; analyticsPath: string }) {
  const [t, format] = await Promise.all([getTranslations("dashboard.overview"), getFormatter()]);
  const { range, totals, previous } = summary;
  const percent = (ratio: number) => format.number(ratio, { style: "percent", maximumFractionDigits: 0 });
  const day = (value: string) => format.dateTime(dayDate(value), { day: "numeric", month: "long", timeZone: "UTC" });

  const count = (key: "issued" | "visitors") => ({ key, value: format.number(totals[key]), detail: <KpiChange value={totals[key]} before={previous[key]} /> });
  const rate = (key: "claimed" | "shared", part: (of: Totals) => number) => {
    const now = rateOf(part(totals), totals.issued);
    const before = rateOf(part(previous), previous.issued);
    return {
      key,
      value: now === null ? "—" : percent(now),
      detail: (
        <>
          <p className="mt-1 text-sm text-stone-700">{now === null ? t("numbers.noneIssued") : t("numbers.rateOfIssued", { count: format.number(part(totals)), issued: format.number(totals.issued) })}</p>
          <p className="text-sm text-stone-600">{before === null ? t("numbers.rateNoneLastMonth") : t("numbers.rateLastMonth", { rate: percent(before) })}</p>
        </>
      ),
    };
  };
  const tiles = [count("issued"), rate("claimed", (of) => of.claimed), rate("shared", (of) => of.sharedCredentials), count("visitors")];

  return (
    <div data-testid="overview-numbers">
      <h2 className="text-lg font-semibold text-stone-900">{t("numbersTitle")}</h2>
      <p className="mb-4 text-sm text-stone-700">
        {t("numbersBody", { from: day(range.from), to: day(range.to), previousFrom: day(range.previous.from), previousTo: day(range.previous.to) })}
      </p>
      <ul className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        {tiles.map((tile) => (
          <li key={tile.key} data-testid={`overview-${tile.key}`} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
            <p className="text-sm font-medium text-stone-700">{t(`numbers.${tile.key}`)}</p>
            <p className="mt-1 text-3xl font-bold tabular-nums text-stone-900" data-testid="overview-value">{tile.value}</p>
            {tile.detail}
          </li>
        ))}
      </ul>
      <Link href={`${analyticsPath}?${rangeQuery(range, null)}`} className="text-sm font-semibold text-brand-700 underline">{t("seeAnalytics")}</Link>
    </div>
  );
}
