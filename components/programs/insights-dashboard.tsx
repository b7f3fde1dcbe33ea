import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ChartCard, SectionCard } from "@/components/analytics/chart-card";
import { ActivityChart, ChannelChart, type ChartSeries } from "@/components/analytics/charts";
import { FilterBar } from "@/components/analytics/filter-bar";
import { dayDate, rangeQuery } from "@/components/analytics/format";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import type { FieldErrors } from "@/lib/errors";
import type { ProgramInsights } from "@/lib/programs/insights";
import { medianDays } from "@/lib/programs/insights-api";
import { metricName } from "./metric-label";

// Colours with at least 4.5:1 against white: recharts writes legend text in them.
const COLORS = { awards: "#1f5f4a", learners: "#0369a1", funnel: "#57534e" } as const;

const KPIS = ["learners", "active", "progressing", "completed", "inactive", "returned", "awards"] as const;

/** The program analytics page under its header: range, key numbers, funnel, awards, levels, export. */
export async function ProgramInsightsDashboard({
  path,
  insights,
  problems,
  raw,
}: {
  path: string;
  insights: ProgramInsights;
  problems: FieldErrors;
  raw: { from?: string; to?: string };
}) {
  const [t, format, locale] = await Promise.all([getTranslations("programInsights"), getFormatter(), getLocale()]);
  const { range } = insights;
  const day = (value: string) => format.dateTime(dayDate(value), { dateStyle: "medium" });
  const short = (value: string) => format.dateTime(dayDate(value), { month: "short", day: "numeric" });
  const number = (value: number) => format.number(value);
  const percent = (ratio: number | null) => (ratio === null ? "—" : format.number(ratio, { style: "percent", maximumFractionDigits: 0 }));
  const hasProblems = Object.keys(problems).length > 0;

  const awardSeries: ChartSeries[] = [{ key: "awards", name: t("awardsChart.awards"), color: COLORS.awards }];
  const awardData = insights.series.map((point) => ({
    label: range.granularity === "week" ? t("awardsChart.weekOf", { date: short(point.date) }) : short(point.date),
    awards: point.awards,
  }));
  const busiest = insights.series.reduce((best, point, index) => (point.awards > insights.series[best]!.awards ? index : best), 0);

  const funnelData = insights.funnel.map((step) => ({ label: t(`funnel.steps.${step.step}`), learners: step.count }));
  const steps = Object.fromEntries(insights.funnel.map((step) => [step.step, number(step.count)]));

  return (
    <>
      <PageHeader
        title={t("titleFor", { name: insights.program.name })}
        description={t("period", { from: day(range.from), to: day(range.to) })}
        actions={
          <div role="group" aria-label={t("export.label")}>
            <a href={`${path}/export.csv?${rangeQuery(range, null)}`} download className={buttonClasses("secondary")}>{t("export.csv")}</a>
          </div>
        }
      />
      <FilterBar
        path={path}
        values={hasProblems ? { from: raw.from ?? "", to: raw.to ?? "", achievementId: "" } : { from: range.from, to: range.to, achievementId: "" }}
        range={range}
        achievementId={null}
        problems={problems}
        achievementMissing={false}
      />
      {!insights.hasData && (
        <div data-testid="program-insights-no-data" className="mb-6 rounded-xl border-2 border-dashed border-stone-300 bg-white px-6 py-8 text-center">
          <h2 className="text-lg font-semibold text-stone-900">{t("noData.title")}</h2>
          <p className="mx-auto mt-2 max-w-xl text-sm text-stone-700">{t("noData.body")}</p>
        </div>
      )}
      <section aria-labelledby="program-kpi-heading" className="mb-6">
        <h2 id="program-kpi-heading" className="sr-only">{t("kpi.heading")}</h2>
        <ul className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
          {KPIS.map((key) => (
            <li key={key} data-testid={`program-kpi-${key}`} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
              <p className="text-sm font-medium text-stone-700">{t(`kpi.${key}`)}</p>
              <p className="mt-1 text-3xl font-bold tabular-nums text-stone-900" data-testid="kpi-value">{number(insights[key])}</p>
              <p className="mt-1 text-xs text-stone-600">{t(`kpi.${key}Hint`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <div className="mb-6 grid gap-6 xl:grid-cols-2">
        <ChartCard
          id="program-funnel-chart"
          title={t("funnel.title")}
          description={`${t("funnel.description")} ${t("funnel.joinedNote")}`}
          empty={insights.active === 0 && insights.joined === 0}
          emptyText={t("funnel.empty")}
          summary={[
            insights.joined > 0 ? t("funnel.joinedSummary", { joined: insights.joined }) : null,
            t("funnel.summary", { active: insights.active, progressing: steps.progressing ?? "0", completed: steps.completed ?? "0" }),
          ].filter(Boolean).join(" ")}
          table={{
            caption: t("funnel.title"),
            columns: [t("funnel.step"), t("funnel.learners"), t("funnel.share")],
            rows: insights.funnel.map((step) => ({ id: step.step, cells: [t(`funnel.steps.${step.step}`), number(step.count), step.rate === null ? "—" : percent(step.rate)] })),
          }}
        >
          <ChannelChart data={funnelData} series={[{ key: "learners", name: t("funnel.learners"), color: COLORS.funnel }]} />
        </ChartCard>
        <ChartCard
          id="program-awards-chart"
          title={t(`awardsChart.title.${range.granularity}`)}
          description={t("awardsChart.description")}
          empty={insights.awards === 0}
          emptyText={t("awardsChart.empty")}
          summary={t("awardsChart.summary", { count: insights.awards, busiest: awardData[busiest]?.label ?? "" })}
          table={{
            caption: t(`awardsChart.title.${range.granularity}`),
            columns: [t(`awardsChart.${range.granularity}`), t("awardsChart.awards")],
            rows: insights.series.map((point, index) => ({ id: point.date, cells: [awardData[index]!.label, number(point.awards)] })),
          }}
        >
          <ActivityChart data={awardData} series={awardSeries} />
        </ChartCard>
      </div>
      {insights.ladders.length === 0 ? (
        <SectionCard id="program-levels" title={t("levels.noLaddersTitle")} empty emptyText={t("levels.noLadders")}>
          {null}
        </SectionCard>
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          {insights.ladders.map((ladder) => {
            const metric = metricName(ladder.metric, ladder.label, locale, t);
            const levelName = (level: { level: number; name: string }) => t("levels.levelName", { level: level.level, name: level.name });
            const held = ladder.levels.reduce((sum, level) => sum + level.learners, 0);
            return (
              <ChartCard
                key={ladder.metric}
                id={`program-levels-${ladder.metric.replaceAll(".", "-")}`}
                title={t("levels.title", { metric })}
                description={t("levels.description")}
                empty={held === 0}
                emptyText={t("levels.empty")}
                summary={t("levels.summary", {
                  none: ladder.withoutLevel,
                  levels: format.list(ladder.levels.map((level) => t("levels.item", { name: levelName(level), count: number(level.learners) })), { type: "conjunction" }),
                })}
                table={{
                  caption: t("levels.title", { metric }),
                  columns: [t("levels.level"), t("levels.threshold"), t("levels.learners"), t("levels.reached"), t("levels.median")],
                  rows: [
                    ...ladder.levels.map((level) => {
                      const days = medianDays(level.medianSeconds);
                      return {
                        id: level.ruleId,
                        cells: [
                          levelName(level),
                          ladder.unit ? `${number(level.atLeast)} ${ladder.unit}` : number(level.atLeast),
                          number(level.learners),
                          number(level.reached),
                          days === null ? t("levels.notReached") : t("levels.days", { days: Math.round(days * 10) / 10 }),
                        ],
                      };
                    }),
                    { id: "none", cells: [t("levels.none"), "—", number(ladder.withoutLevel), "—", "—"] },
                  ],
                }}
              >
                <ChannelChart
                  data={ladder.levels.map((level) => ({ label: levelName(level), learners: level.learners }))}
                  series={[{ key: "learners", name: t("levels.learners"), color: COLORS.learners }]}
                />
              </ChartCard>
            );
          })}
        </div>
      )}
    </>
  );
}
