import "server-only";
import { db } from "@/lib/db";
import { describeRule, metricLabel, type DescribeTranslator } from "./describe";

export type AwardWords = { rule: string; metric?: string };

/**
 * The rules that awarded credentials, in the reader's language: an award stores its reason in
 * English when it is made, and the timeline reads it later, in whatever language the admin uses.
 * Deleted rules keep their row (deletedAt), so an old award still reads right. Only this
 * organization's rules are read; an id it does not own is simply left out.
 */
export async function awardWords(organizationId: string, ruleIds: string[], locale: string, t: DescribeTranslator): Promise<Map<string, AwardWords>> {
  const ids = [...new Set(ruleIds)];
  if (ids.length === 0) return new Map();
  const rules = await db.programRule.findMany({
    where: { organizationId, id: { in: ids } },
    include: { achievement: { select: { name: true } }, program: { select: { metrics: { select: { key: true, label: true } } } } },
  });
  const required = new Map(
    (
      await db.achievement.findMany({
        where: { organizationId, id: { in: [...new Set(rules.flatMap((rule) => rule.requires))] } },
        select: { id: true, name: true },
      })
    ).map((achievement) => [achievement.id, achievement.name]),
  );
  return new Map(
    rules.map((rule) => {
      const metric = rule.metric ? metricLabel(rule.metric, rule.program.metrics, locale, t) : undefined;
      const sentence = describeRule(rule, { metricLabel: metric, achievementName: rule.achievement.name, requiresNames: rule.requires.map((id) => required.get(id) ?? id) }, t);
      return [rule.id, { rule: sentence, metric }];
    }),
  );
}
