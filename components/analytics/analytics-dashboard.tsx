import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { CHANNELS } from "@/lib/analytics/channels";
import type { AnalyticsSummary } from "@/lib/analytics/summary";
import type { FieldErrors } from "@/lib/errors";
import { BestSource } from "./best-source";
import { ChartCard } from "./chart-card";
import { ActivityChart, ChannelChart, type ChartSeries } from "./charts";
import { FilterBar } from "./filter-bar";
import { dayDate, rangeQuery } from "./format";
import { Funnel } from "./funnel";
import { KpiTiles, PreviewsNote } from "./kpi-tiles";
import { TopAchievements, TopReferrers } from "./top-lists";

// Series colours with at least 4.5:1 against white: recharts writes legend text in them.
const COLORS = { issued: "#57534e", claimed: "#0369a1", shared: "#1f5f4a", visitors: "#1f5f4a", shareClicks: "#b45309" } as const;

/** The analytics page under its header: filters, headline, numbers, funnel, charts, exports. */
export async function AnalyticsDashboard({
  path,
  summary,
  achievements,
  problems,
  achievementMissing,
  raw,
}: {
  path: string;
  summary: AnalyticsSummary;
  achievements: { id: string; name: string; archived: boolean }[];
  problems: FieldErrors;
  achievementMissing: boolean;
  raw: { from?: string; to?: string; achievementId?: string };
}) {
  const [t, tChannel, format] = await Promise.all([getTranslations("analytics"), getTranslations("analytics.channels"), getFormatter()]);
  const { range } = summary;
  const day = (value: string) => format.dateTime(dayDate(value), { dateStyle: "medium" });
  const query = rangeQuery(range, summary.achievement?.id);
  const hasProblems = Object.keys(problems).length > 0;
  const number = (value: number) => format.number(value);
  const list = (items: string[]) => (items.length ? format.list(items, { type: "conjunction" }) : t("nothing"));

  const activitySeries: ChartSeries[] = (["issued", "claimed", "shared"] as const).map((key) => ({ key, name: t(`activity.${key}`), color: COLORS[key] }));
  const activityData = summary.series.map((point) => ({
    label: range.granularity === "week" ? t("activity.weekOf", { date: format.dateTime(dayDate(point.date), { month: "short", day: "numeric" }) }) : format.dateTime(dayDate(point.date), { month: "short", day: "numeric" }),
    issued: point.issued,
    claimed: point.claimed,
    shared: point.shared,
  }));
  const activityEmpty = summary.series.every((point) => point.issued + point.claimed + point.shared === 0);
  const busiest = summary.series.reduce((best, point) => (point.issued + point.claimed + point.shared > best.issued + best.claimed + best.shared ? point : best), summary.series[0]!);

  const channelSeries: ChartSeries[] = (["visitors", "shareClicks"] as const).map((key) => ({ key, name: t(`channelChart.${key}`), color: COLORS[key] }));
  const channelData = summary.channels.map((row) => ({ label: tChannel(row.channel), visitors: row.visitors, shareClicks: row.shareClicks }));
  const channelEmpty = summary.channels.every((row) => row.visitors + row.shareClicks === 0);
  const channelList = (field: "visitors" | "shareClicks") =>
    list(summary.channels.filter((row) => row[field] > 0).map((row) => t("channelChart.item", { channel: tChannel(row.channel), count: number(row[field]) })));

  return (
    <>
      <PageHeader
        title={summary.achievement ? t("titleFor", { name: summary.achievement.name }) : t("title")}
        description={t("period", { from: day(range.from), to: day(range.to), previousFrom: day(range.previous.from), previousTo: day(range.previous.to) })}
        actions={
          <div className="flex flex-wrap gap-2" role="group" aria-label={t("export.label")}>
            <a href={`${path}/funnel.csv?${query}`} download className={buttonClasses("secondary")}>{t("export.funnel")}</a>
            <a href={`${path}/events.csv?${query}`} download className={buttonClasses("secondary")}>{t("export.events")}</a>
          </div>
        }
      />
      <FilterBar
        path={path}
        values={
          hasProblems
            ? { from: raw.from ?? "", to: raw.to ?? "", achievementId: summary.achievement?.id ?? "" }
            : { from: range.from, to: range.to, achievementId: summary.achievement?.id ?? "" }
        }
        range={range}
        achievementId={summary.achievement?.id ?? null}
        achievements={achievements}
        problems={problems}
        achievementMissing={achievementMissing}
      />
      {!summary.hasData && (
        <div data-testid="analytics-no-data" className="mb-6 rounded-xl border-2 border-dashed border-stone-300 bg-white px-6 py-8 text-center">
          <h2 className="text-lg font-semibold text-stone-900">{t("noData.title")}</h2>
          <p className="mx-auto mt-2 max-w-xl text-sm text-stone-700">{t("noData.body")}</p>
        </div>
      )}
      <BestSource bestSource={summary.bestSource} />
      <KpiTiles totals={summary.totals} previous={summary.previous} />
      <PreviewsNote previews={summary.totals.previews} />
      <Funnel funnel={summary.funnel} rates={summary.rates} />
      <div className="mb-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ChartCard
          id="activity-chart"
          title={t(`activity.title.${range.granularity}`)}
          description={t("activity.description")}
          empty={activityEmpty}
          emptyText={t("activity.empty")}
          summary={t("activity.summary", {
            issued: number(summary.totals.issued),
            claimed: number(summary.totals.claimed),
            shared: number(summary.totals.sharedCredentials),
            busiest: activityData[summary.series.indexOf(busiest)]?.label ?? "",
          })}
          table={{
            caption: t(`activity.title.${range.granularity}`),
            columns: [t(`activity.${range.granularity}`), ...activitySeries.map((series) => series.name)],
            rows: summary.series.map((point, index) => ({
              id: point.date,
              cells: [activityData[index]!.label, number(point.issued), number(point.claimed), number(point.shared)],
            })),
          }}
        >
          <ActivityChart data={activityData} series={activitySeries} />
        </ChartCard>
        <ChartCard
          id="channel-chart"
          title={t("channelChart.title")}
          description={t("channelChart.description")}
          empty={channelEmpty}
          emptyText={t("channelChart.empty")}
          summary={t("channelChart.summary", { visitors: channelList("visitors"), shareClicks: channelList("shareClicks") })}
          table={{
            caption: t("channelChart.title"),
            columns: [t("channelChart.channel"), t("channelChart.visitors"), t("channelChart.shareClicks"), t("channelChart.shares")],
            rows: CHANNELS.map((channel) => {
              const row = summary.channels.find((entry) => entry.channel === channel) ?? { visitors: 0, shareClicks: 0, shares: 0 };
              return { id: channel, cells: [tChannel(channel), number(row.visitors), number(row.shareClicks), number(row.shares)] };
            }),
          }}
        >
          <ChannelChart data={channelData} series={channelSeries} />
        </ChartCard>
      </div>
      {/* grid-cols-1 (minmax(0, 1fr)): on a phone a wide table scrolls inside its card instead of widening the page. */}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="min-w-0 xl:col-span-2">
          <TopAchievements achievements={summary.achievements} />
        </div>
        <TopReferrers referrers={summary.referrers} />
      </div>
    </>
  );
}
