import { getFormatter, getTranslations } from "next-intl/server";
import { TableHead } from "@/components/ui/table-head";
import type { AchievementRow, AnalyticsSummary } from "@/lib/analytics/summary";
import { SectionCard } from "./chart-card";
import { barWidth } from "./format";

/** Achievements by the share of their credentials that learners shared, best first. */
export function byShareRate(rows: AchievementRow[]): AchievementRow[] {
  return [...rows].sort((a, b) => (b.shareRate ?? -1) - (a.shareRate ?? -1) || b.visitors - a.visitors || a.name.localeCompare(b.name));
}

export async function TopAchievements({ achievements }: { achievements: AchievementRow[] }) {
  const [t, tChannel, format] = await Promise.all([getTranslations("analytics.achievements"), getTranslations("analytics.channels"), getFormatter()]);
  const rows = byShareRate(achievements);
  return (
    <SectionCard id="top-achievements" title={t("title")} description={t("description")} empty={rows.length === 0} emptyText={t("empty")}>
      {/* relative: the screen-reader caption stays inside this box. On a phone the table scrolls
          here, so the box takes focus (arrow keys scroll it) and is named for screen readers. */}
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={t("title")}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <TableHead columns={[t("achievement"), t("shareRate"), t("issued"), t("visitors"), t("topNetwork")]} />
          <tbody className="divide-y divide-stone-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="top-achievement-row">
                <th scope="row" className="py-2 pr-4 font-medium text-stone-900">{row.name}</th>
                <td className="py-2 pr-4">
                  <span className="flex items-center gap-2">
                    <span className="h-2 w-20 shrink-0 rounded-full bg-stone-100" aria-hidden="true">
                      <span className="block h-2 rounded-full bg-brand-700" style={{ width: barWidth(row.shareRate ?? 0, 1) }} />
                    </span>
                    <span data-testid="share-rate" className="tabular-nums text-stone-900">
                      {row.shareRate === null ? "—" : format.number(row.shareRate, { style: "percent", maximumFractionDigits: 0 })}
                    </span>
                  </span>
                </td>
                <td className="py-2 pr-4 tabular-nums text-stone-900">{format.number(row.issued)}</td>
                <td className="py-2 pr-4 tabular-nums text-stone-900" data-testid="visitors">{format.number(row.visitors)}</td>
                <td className="py-2 text-stone-900" data-testid="top-network">{row.topChannel ? tChannel(row.topChannel) : t("noNetwork")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SectionCard>
  );
}

/** The sites that sent people to credential pages, as a bar list. */
export async function TopReferrers({ referrers }: { referrers: AnalyticsSummary["referrers"] }) {
  const [t, format] = await Promise.all([getTranslations("analytics.referrers"), getFormatter()]);
  const max = Math.max(0, ...referrers.map((row) => row.visitors));
  return (
    <SectionCard id="top-referrers" title={t("title")} description={t("description")} empty={referrers.length === 0} emptyText={t("empty")}>
      <ol className="space-y-3">
        {referrers.map((row) => (
          <li key={row.host} data-testid="referrer-row">
            <div className="flex justify-between gap-2 text-sm">
              <span data-testid="referrer-host" className="truncate text-stone-900">{row.host}</span>
              <span className="tabular-nums text-stone-900">
                <span data-testid="referrer-visitors">{format.number(row.visitors)}</span>
                <span className="sr-only"> {t("visitors", { count: row.visitors })}</span>
              </span>
            </div>
            <div className="mt-1 h-2 rounded-full bg-stone-100" aria-hidden="true">
              <div className="h-2 rounded-full bg-sky-700" style={{ width: barWidth(row.visitors, max) }} />
            </div>
          </li>
        ))}
      </ol>
    </SectionCard>
  );
}
