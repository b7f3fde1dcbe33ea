import { db } from "@/lib/db";
import { dayText, monthsBetween, periodStart, runThrough, shiftPeriod } from "./periods";
import { engineRuleSelect, isLoyaltyByMonths, metricLabel, pathwayNeeds } from "./rules";
import { isLaurelMetric, type StreakUnit } from "./schemas";

export { ruleDescription } from "./rules";

export type LearnerProgress = {
  programId: string;
  name: string;
  metrics: Array<{ key: string; label: string; unit: string | null; value: number }>;
  earned: Array<{ achievementId: string; name: string; ruleId: string; kind: string; status: string; credentialId: string | null; awardedAt: Date }>;
  /**
   * The rules not earned yet and what remains: the metric's distance to the target (target),
   * achievements still needed (pathway), periods in a row (streak), months or activities (loyalty).
   */
  next: Array<{ ruleId: string; achievementId: string; name: string; kind: string; metric: string | null; target: number; current: number; remaining: number }>;
};

const DAY_MS = 86_400_000;

/**
 * Where a learner stands in the organization's programs (or in one): their metrics, what they
 * earned, and what each rule still asks of them. Reads the learner's aggregates, a few activity
 * periods and the events of a window, never their whole history.
 */
export async function learnerProgress(organizationId: string, email: string, programId?: string, locale?: string): Promise<LearnerProgress[]> {
  const address = email.trim().toLowerCase();
  const now = new Date();
  const programIds = programId
    ? [programId]
    : [
        ...new Set([
          ...(await db.programLearner.findMany({ where: { organizationId, email: address }, select: { programId: true } })).map((l) => l.programId),
          ...(await db.programAward.findMany({ where: { organizationId, email: address }, select: { programId: true } })).map((a) => a.programId),
        ]),
      ];
  if (programIds.length === 0) return [];
  const programs = await db.program.findMany({
    where: { id: { in: programIds }, organizationId, archivedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      metrics: { orderBy: { createdAt: "asc" }, select: { key: true, label: true, unit: true } },
      rules: { where: { deletedAt: null }, orderBy: { createdAt: "asc" }, select: { ...engineRuleSelect, achievement: { select: { name: true } } } },
    },
  });
  // What the learner holds in the whole organization: an award or a valid credential.
  const [awards, credentials] = await Promise.all([
    db.programAward.findMany({
      where: { organizationId, email: address },
      orderBy: { createdAt: "asc" },
      select: { programId: true, achievementId: true, ruleId: true, status: true, credentialId: true, createdAt: true, rule: { select: { kind: true, achievement: { select: { name: true } } } } },
    }),
    db.credential.findMany({
      where: { organizationId, recipientEmail: address, revokedAt: null, OR: [{ validUntil: null }, { validUntil: { gt: now } }] },
      select: { achievementId: true },
    }),
  ]);
  const awarded = new Set(awards.filter((a) => a.status !== "revoked").map((a) => a.achievementId));
  const holds = new Set(credentials.map((c) => c.achievementId));

  const result: LearnerProgress[] = [];
  for (const program of programs) {
    const [values, learner] = await Promise.all([
      db.learnerMetric.findMany({ where: { programId: program.id, email: address }, select: { metric: true, value: true } }),
      db.programLearner.findUnique({ where: { programId_email: { programId: program.id, email: address } }, select: { firstActivityAt: true } }),
    ]);
    const valueOf = new Map(values.map((v) => [v.metric, v.value]));
    const laurelRead = [...new Set(program.rules.flatMap((r) => (r.metric && isLaurelMetric(r.metric) ? [r.metric] : [])))];
    const metrics = [
      ...program.metrics.map((m) => ({ key: m.key, label: metricLabel(m.key, m.label, locale), unit: m.unit, value: valueOf.get(m.key) ?? 0 })),
      ...laurelRead.map((key) => ({ key, label: metricLabel(key, null, locale), unit: null, value: valueOf.get(key) ?? 0 })),
    ];

    const next: LearnerProgress["next"] = [];
    for (const rule of program.rules) {
      if (awarded.has(rule.achievementId) || holds.has(rule.achievementId)) continue;
      let target = 0;
      let current = 0;
      if (rule.kind === "target") {
        target = rule.atLeast ?? 0;
        current = valueOf.get(rule.metric ?? "") ?? 0;
      } else if (rule.kind === "pathway") {
        target = pathwayNeeds(rule);
        current = rule.requires.filter((id) => holds.has(id)).length;
      } else if (rule.kind === "streak") {
        target = rule.periods ?? 0;
        current = await currentStreak(program.id, address, rule.metric ?? "", (rule.unit ?? "week") as StreakUnit, target, now);
      } else if (isLoyaltyByMonths(rule)) {
        target = rule.months ?? 0;
        current = learner ? monthsBetween(learner.firstActivityAt, now) : 0;
      } else if (rule.kind === "loyalty") {
        target = rule.atLeast ?? 0;
        current = await db.programEvent.count({
          where: { programId: program.id, email: address, metric: rule.metric ?? "", occurredAt: { gte: new Date(now.getTime() - (rule.withinDays ?? 0) * DAY_MS), lte: now } },
        });
      }
      next.push({ ruleId: rule.id, achievementId: rule.achievementId, name: rule.achievement.name, kind: rule.kind, metric: rule.metric, target, current, remaining: Math.max(0, target - current) });
    }
    result.push({
      programId: program.id,
      name: program.name,
      metrics,
      earned: awards
        .filter((a) => a.programId === program.id)
        .map((a) => ({ achievementId: a.achievementId, name: a.rule.achievement.name, ruleId: a.ruleId, kind: a.rule.kind, status: a.status, credentialId: a.credentialId, awardedAt: a.createdAt })),
      next,
    });
  }
  return result;
}

/**
 * The run of periods in a row that is still alive: through the current period, or through the
 * previous one (this week's activity may not have happened yet). Reads at most `periods` + 1 rows.
 */
async function currentStreak(programId: string, email: string, metric: string, unit: StreakUnit, periods: number, now: Date): Promise<number> {
  const thisPeriod = periodStart(now, unit);
  const from = shiftPeriod(thisPeriod, unit, -(periods + 1));
  const rows = await db.learnerActivityPeriod.findMany({
    where: { programId, email, metric, unit, start: { gte: from, lte: thisPeriod } },
    select: { start: true },
  });
  const starts = new Set(rows.map((r) => dayText(r.start)));
  return Math.max(runThrough(starts, thisPeriod, unit), runThrough(starts, shiftPeriod(thisPeriod, unit, -1), unit));
}
