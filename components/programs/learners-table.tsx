import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TableHead } from "@/components/ui/table-head";
import type { ProgramLearnerRow } from "@/lib/programs/learners";
import { metricName } from "./metric-label";

const AWARD_TONES: Record<string, string> = {
  issued: "border-green-300 bg-green-50 text-green-900",
  held: "border-green-300 bg-green-50 text-green-900",
  pending: "border-stone-300 bg-stone-50 text-stone-800",
  waiting: "border-amber-300 bg-amber-50 text-amber-900",
  revoked: "border-red-300 bg-red-50 text-red-900",
  failed: "border-red-300 bg-red-50 text-red-900",
};

/** A program's learners: who, when last active, their values, their achievements and a bar per ladder. */
export async function LearnersTable({ rows }: { rows: ProgramLearnerRow[] }) {
  const [t, format, locale] = await Promise.all([getTranslations("programInsights"), getFormatter(), getLocale()]);
  const number = (value: number) => format.number(value, { maximumFractionDigits: 2 });
  const withUnit = (value: number, unit: string | null) => (unit ? `${number(value)} ${unit}` : number(value));
  return (
    <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white p-4">
      <table className="w-full text-left text-sm" data-testid="program-learners">
        <caption className="sr-only">{t("learners.table")}</caption>
        <TableHead
          columns={[t("learners.columns.learner"), t("learners.columns.lastActivity"), t("learners.columns.metrics"), t("learners.columns.awards"), t("learners.columns.progress")]}
        />
        <tbody className="divide-y divide-stone-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid={`program-learner-${row.id}`} className="align-top">
              <th scope="row" className="py-3 pr-4 font-normal">
                <span className="block font-medium text-stone-900">{row.name ?? row.email}</span>
                {row.name && <span className="block text-stone-700">{row.email}</span>}
              </th>
              <td className="py-3 pr-4 text-stone-800">
                <span className="block">{format.dateTime(row.lastActivityAt, { dateStyle: "medium" })}</span>
                <span className="block text-xs text-stone-600">{t("learners.activities", { count: row.activities })}</span>
              </td>
              <td className="py-3 pr-4 text-stone-800">
                {row.metrics.length === 0 ? (
                  <span className="text-stone-600">{t("learners.noMetrics")}</span>
                ) : (
                  <ul className="space-y-0.5">
                    {row.metrics.map((metric) => (
                      <li key={metric.key}>{t("learners.metricValue", { metric: metricName(metric.key, metric.label, locale, t), value: withUnit(metric.value, metric.unit) })}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-3 pr-4">
                {row.awards.length === 0 ? (
                  <span className="text-stone-600">{t("learners.noAwards")}</span>
                ) : (
                  <ul className="flex flex-wrap gap-1">
                    {row.awards.map((award) => (
                      <li key={award.achievementId} className={`rounded-full border px-2 py-0.5 text-xs font-medium ${AWARD_TONES[award.status] ?? AWARD_TONES.pending}`}>
                        {t("learners.award", { name: award.name, status: t.has(`statuses.${award.status}`) ? t(`statuses.${award.status}`) : award.status })}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="min-w-56 py-3">
                {row.progress.length === 0 ? (
                  <span className="text-stone-600">{t("learners.noRules")}</span>
                ) : (
                  <ul className="space-y-2">
                    {row.progress.map((progress) => {
                      const metric = metricName(progress.metric, progress.label, locale, t);
                      const text = progress.next
                        ? t("learners.progressText", { current: number(progress.current), target: withUnit(progress.target, progress.unit), percent: progress.percent, next: progress.next.name })
                        : t("learners.progressDone", { current: withUnit(progress.current, progress.unit) });
                      return (
                        <li key={progress.metric}>
                          <div
                            role="progressbar"
                            aria-label={progress.next ? t("learners.progressLabel", { metric, next: progress.next.name }) : metric}
                            aria-valuemin={0}
                            aria-valuemax={100}
                            aria-valuenow={progress.percent}
                            aria-valuetext={text}
                            className="h-2 rounded-full bg-stone-100"
                          >
                            <div className="h-2 rounded-full bg-brand-700" style={{ width: `${progress.percent}%` }} />
                          </div>
                          <p className="mt-1 text-xs text-stone-700">
                            <span className="font-medium text-stone-900">{metric}</span> · {text}
                          </p>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
