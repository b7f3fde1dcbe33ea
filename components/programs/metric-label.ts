import { isLaurelMetric } from "@/lib/programs/schemas";

type Translate = (key: string) => string;

/**
 * A metric's name for a person: the program's label in their language (English otherwise), or,
 * for Laurel's own metrics, Laurel's translated name.
 */
export function metricName(metric: string, label: Record<string, string> | null, locale: string, t: Translate): string {
  if (isLaurelMetric(metric)) return t(`laurelMetrics.${metric.slice("laurel.".length)}`);
  return label?.[locale] ?? label?.en ?? metric;
}
