import { isLaurelMetric } from "./schemas";

/**
 * Rules in plain language ("Award Silver when courses completed reaches 50"), for the designer
 * and the public program page. The words live in the catalog under `programs.describe`; this
 * file only picks the sentence and fills it, so it runs the same on the server and in tests.
 */

/** A translator for the `programs.describe` namespace (next-intl's `t`, or createTranslator's). */
export type DescribeTranslator = (key: string, values?: Record<string, string | number>) => string;

/** A rule as stored or presented: only the fields a sentence needs. */
export type DescribableRule = {
  kind: string;
  metric?: string | null;
  atLeast?: number | null;
  requires?: string[];
  count?: number | null;
  periods?: number | null;
  unit?: string | null;
  months?: number | null;
  withinDays?: number | null;
};

export type RuleNames = {
  /** The metric's label in the reader's language (see metricLabel). */
  metricLabel?: string;
  achievementName: string;
  /** A pathway's required achievements, by name, in the rule's order. */
  requiresNames?: string[];
};

export function describeRule(rule: DescribableRule, names: RuleNames, t: DescribeTranslator): string {
  const achievement = names.achievementName;
  const metric = names.metricLabel ?? rule.metric ?? "";
  switch (rule.kind) {
    case "target":
      return t("target", { achievement, metric, value: rule.atLeast ?? 0 });
    case "pathway": {
      const required = names.requiresNames ?? rule.requires ?? [];
      const list = required.join(", ");
      const count = rule.count ?? null;
      return count === null || count >= required.length ? t("pathwayAll", { achievement, list }) : t("pathwayAny", { achievement, list, count });
    }
    case "streak":
      return t(rule.unit === "month" ? "streakMonths" : "streakWeeks", { achievement, metric, periods: rule.periods ?? 0 });
    case "loyalty":
      if (rule.months !== null && rule.months !== undefined) return t("loyaltyMonths", { achievement, months: rule.months });
      return t("loyaltyActivities", { achievement, metric, count: rule.atLeast ?? 0, days: rule.withinDays ?? 0 });
    default:
      return t("unknown", { achievement });
  }
}

type MetricRow = { key: string; label: unknown };

/**
 * What a metric is called in the reader's language: the program's label (Spanish falls back
 * to English, then to the key), or the catalog's name for one of Laurel's own metrics.
 */
export function metricLabel(key: string, metrics: MetricRow[], locale: string, t: DescribeTranslator): string {
  if (isLaurelMetric(key)) return t(`laurelMetrics.${key.slice("laurel.".length)}`);
  const label = metrics.find((m) => m.key === key)?.label;
  if (label && typeof label === "object") {
    const labels = label as Record<string, unknown>;
    const text = labels[locale] ?? labels.en;
    if (typeof text === "string" && text.trim()) return text;
  }
  return key;
}
