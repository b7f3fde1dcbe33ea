import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { addDays, DEFAULT_RANGE_DAYS, isoDate, MAX_RANGE_DAYS, monthToDateQuery, type Comparison } from "@/lib/analytics/range";
import type { FieldErrors } from "@/lib/errors";
import { rangeQuery } from "./format";

const PRESETS = [
  { key: "thisMonth", days: "month" },
  { key: "last7", days: 7 },
  { key: "last30", days: 30 },
  { key: "last90", days: 90 },
  { key: "last12Months", days: 365 },
] as const;

// `compare` has no input of its own (presets set it) but a bad one is reported like the others.
const FIELDS = ["from", "to", "achievementId", "compare"] as const;

const inputClass = (invalid: boolean) =>
  cn("block w-full rounded-lg border bg-white px-3 py-2 text-sm text-stone-900", invalid ? "border-red-600" : "border-stone-300");

/**
 * The date range and achievement filter: a plain GET form (it works before any script loads)
 * and preset ranges as links. Problems with the query are listed here, each naming its field.
 */
export async function FilterBar({
  path,
  values,
  range,
  achievementId,
  achievements,
  problems,
  achievementMissing,
}: {
  path: string;
  values: { from: string; to: string; achievementId: string };
  range: { from: string; to: string; compare: Comparison };
  achievementId: string | null;
  /** The achievements to narrow to; without them the form filters dates only. */
  achievements?: { id: string; name: string; archived: boolean }[];
  problems: FieldErrors;
  achievementMissing: boolean;
}) {
  const t = await getTranslations("analytics");
  const today = isoDate(new Date());
  const errorId = (field: string) => `analytics-${field}-error`;
  const invalid = (field: string) => Boolean(problems[field]) || (field === "achievementId" && achievementMissing);
  const described = (field: string) => (invalid(field) ? { "aria-invalid": true as const, "aria-describedby": errorId(field) } : {});
  const messages = FIELDS.filter((field) => problems[field]).map((field) => {
    const code = problems[field]!.code;
    const reason = t.has(`errors.reasons.${code}`) ? t(`errors.reasons.${code}`, { max: MAX_RANGE_DAYS }) : t("errors.reasons.invalid");
    return { field, text: t("errors.field", { field: t(`errors.fields.${field}`), reason }) };
  });
  return (
    <div className="mb-6 space-y-3">
      <form
        method="get"
        role="search"
        aria-label={t("filters.label")}
        className={cn("grid gap-3 rounded-xl border border-stone-200 bg-white p-4 md:items-end", achievements ? "md:grid-cols-4" : "md:grid-cols-3")}
      >
        <div>
          <label htmlFor="analytics-from" className="block text-sm font-medium text-stone-800">{t("filters.from")}</label>
          <input id="analytics-from" type="date" name="from" defaultValue={values.from} className={inputClass(invalid("from"))} {...described("from")} />
        </div>
        <div>
          <label htmlFor="analytics-to" className="block text-sm font-medium text-stone-800">{t("filters.to")}</label>
          <input id="analytics-to" type="date" name="to" defaultValue={values.to} className={inputClass(invalid("to"))} {...described("to")} />
        </div>
        {achievements && (
          <div>
            <label htmlFor="analytics-achievement" className="block text-sm font-medium text-stone-800">{t("filters.achievement")}</label>
            <select id="analytics-achievement" name="achievementId" defaultValue={values.achievementId} className={inputClass(invalid("achievementId"))} {...described("achievementId")}>
              <option value="">{t("filters.allAchievements")}</option>
              {achievements.map((achievement) => (
                <option key={achievement.id} value={achievement.id}>
                  {achievement.archived ? t("filters.archived", { name: achievement.name }) : achievement.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <button type="submit" className={buttonClasses("primary", "w-full")}>{t("filters.apply")}</button>
        </div>
        <p className={cn("text-xs text-stone-600", achievements ? "md:col-span-4" : "md:col-span-3")}>{t("filters.hint", { max: MAX_RANGE_DAYS })}</p>
      </form>
      <nav aria-label={t("filters.presets")}>
        <ul className="flex flex-wrap gap-2">
          {PRESETS.map((preset) => {
            const presetRange = preset.days === "month" ? monthToDateQuery() : { from: addDays(today, -(preset.days - 1)), to: today, compare: "period" as const };
            const current = presetRange.from === range.from && presetRange.to === range.to && presetRange.compare === range.compare;
            return (
              <li key={preset.key}>
                <Link
                  href={`${path}?${rangeQuery(presetRange, achievementId)}`}
                  aria-current={current ? "true" : undefined}
                  className={cn(
                    "inline-block rounded-full border px-3 py-1 text-sm font-medium",
                    current ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800 hover:bg-stone-100",
                  )}
                >
                  {t(`filters.${preset.key}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {(messages.length > 0 || achievementMissing) && (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="analytics-query-errors">
          <ul className="space-y-1">
            {messages.map((message) => (
              <li key={message.field} id={errorId(message.field)} className="font-medium">{message.text}</li>
            ))}
            {achievementMissing && <li id={errorId("achievementId")} className="font-medium">{t("errors.achievementNotFound")}</li>}
          </ul>
          {messages.length > 0 && <p className="mt-1">{t("errors.fallback", { days: DEFAULT_RANGE_DAYS })}</p>}
        </div>
      )}
    </div>
  );
}
