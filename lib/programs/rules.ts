import type { Prisma } from "@/lib/db/generated/client.ts";
import { translatorFor } from "@/lib/i18n/translator";
import { isLaurelMetric, type RuleInput, type RuleKind } from "./schemas";

/**
 * A rule as the engine reads it: the stored row's fields (nullable where a kind does not use
 * them) or a rule being designed (RuleInput). Both describe, count and evaluate alike.
 */
export type RuleShape = {
  kind: RuleKind | string;
  achievementId: string;
  metric?: string | null;
  atLeast?: number | null;
  requires?: string[];
  count?: number | null;
  periods?: number | null;
  unit?: string | null;
  months?: number | null;
  withinDays?: number | null;
  revokeWithRequirements?: boolean;
};

/** A stored rule, with the fields the engine needs. */
export type EngineRule = RuleShape & { id: string; programId: string; createdAt: Date };

export const engineRuleSelect = {
  id: true,
  programId: true,
  achievementId: true,
  kind: true,
  metric: true,
  atLeast: true,
  requires: true,
  count: true,
  periods: true,
  unit: true,
  months: true,
  withinDays: true,
  revokeWithRequirements: true,
  createdAt: true,
} as const satisfies Prisma.ProgramRuleSelect;

/** Which loyalty a rule is: by months since the first activity, or by activities in a window. */
export const isLoyaltyByMonths = (rule: RuleShape) => rule.kind === "loyalty" && rule.months != null;

/** RuleInput as the nullable shape (a rule being designed has no row yet). */
export function shapeOf(rule: RuleInput): RuleShape {
  return { ...rule } as RuleShape;
}

/** How many of `requires` a pathway needs. */
export const pathwayNeeds = (rule: RuleShape) => rule.count ?? rule.requires?.length ?? 0;

/** A metric's label in `locale`: its own labels for declared metrics, Laurel's words for Laurel's. */
export function metricLabel(key: string, labels: unknown, locale?: string | null): string {
  if (isLaurelMetric(key)) {
    const { t } = translatorFor(locale);
    return t(`programs.rules.laurelMetrics.${key.slice("laurel.".length)}` as never);
  }
  const byLocale = (labels ?? {}) as Record<string, string>;
  return (locale && byLocale[locale]) || byLocale.en || key;
}

/**
 * The rule as a plain sentence, e.g. "Award Silver when courses completed reaches 50", in
 * `locale` (English by default). The designer shows it; awards store it as their reason.
 */
export function ruleDescription(rule: RuleShape, metricLabel: string, achievementName: string, locale?: string | null): string {
  const { t } = translatorFor(locale);
  const say = (key: string, values: Record<string, string | number>) => t(`programs.rules.describe.${key}` as never, { achievement: achievementName, metric: metricLabel, ...values } as never);
  switch (rule.kind) {
    case "target":
      return say("target", { atLeast: rule.atLeast ?? 0 });
    case "pathway": {
      const total = rule.requires?.length ?? 0;
      return rule.count == null || rule.count >= total ? say("pathwayAll", { total }) : say("pathwaySome", { count: rule.count, total });
    }
    case "streak":
      return say(rule.unit === "month" ? "streakMonth" : "streakWeek", { periods: rule.periods ?? 0 });
    case "loyalty":
      return isLoyaltyByMonths(rule) ? say("loyaltyMonths", { months: rule.months ?? 0 }) : say("loyaltyActivities", { atLeast: rule.atLeast ?? 0, withinDays: rule.withinDays ?? 0 });
    default:
      return achievementName;
  }
}
