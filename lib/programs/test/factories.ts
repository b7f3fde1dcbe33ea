import { db } from "@/lib/db";
import { unique } from "@/lib/test/factories";

/**
 * Programs built row by row, as the engine would leave them, so the analytics and the learners
 * list can be tested on known numbers without running the engine.
 */

const DAY_MS = 86_400_000;
export const daysAgo = (days: number, from: Date = new Date()) => new Date(from.getTime() - days * DAY_MS);

type MetricSpec = { key: string; label?: Record<string, string>; unit?: string; aggregate?: "sum" | "latest" };
type RuleSpec =
  | { kind: "target"; metric: string; atLeast: number; achievement: string }
  | { kind: "pathway"; requires: string[]; achievement: string }
  | { kind: "streak"; metric: string; periods: number; unit: "week" | "month"; achievement: string }
  | { kind: "loyalty"; months: number; achievement: string };

/**
 * A program of the organization with its metrics, and rules awarding achievements created on the
 * way: `achievement` names one, and two rules naming the same name share it.
 */
export async function createProgram(
  organizationId: string,
  spec: { name?: string; metrics?: MetricSpec[]; rules?: RuleSpec[] } = {},
) {
  const program = await db.program.create({
    data: {
      organizationId,
      name: spec.name ?? unique("Program"),
      metrics: {
        create: (spec.metrics ?? []).map((metric) => ({
          key: metric.key,
          label: metric.label ?? { en: metric.key },
          unit: metric.unit ?? null,
          aggregate: metric.aggregate ?? "sum",
        })),
      },
    },
  });
  const achievements = new Map<string, { id: string; name: string }>();
  const achievementFor = async (name: string) => {
    const existing = achievements.get(name);
    if (existing) return existing;
    const created = await db.achievement.create({ data: { organizationId, name, description: `${name}.` }, select: { id: true, name: true } });
    achievements.set(name, created);
    return created;
  };
  const rules: { id: string; achievementId: string; name: string; kind: string; atLeast: number | null }[] = [];
  for (const rule of spec.rules ?? []) {
    const achievement = await achievementFor(rule.achievement);
    const requires = rule.kind === "pathway" ? await Promise.all(rule.requires.map(async (name) => (await achievementFor(name)).id)) : [];
    const created = await db.programRule.create({
      data: {
        organizationId,
        programId: program.id,
        achievementId: achievement.id,
        kind: rule.kind,
        metric: "metric" in rule ? rule.metric : null,
        atLeast: rule.kind === "target" ? rule.atLeast : null,
        requires,
        periods: rule.kind === "streak" ? rule.periods : null,
        unit: rule.kind === "streak" ? rule.unit : null,
        months: rule.kind === "loyalty" ? rule.months : null,
      },
    });
    rules.push({ id: created.id, achievementId: achievement.id, name: achievement.name, kind: rule.kind, atLeast: created.atLeast });
  }
  return { program, rules, achievements: Object.fromEntries(achievements) as Record<string, { id: string; name: string }> };
}

export type CreatedProgram = Awaited<ReturnType<typeof createProgram>>;

/**
 * A learner of the program: their place (first and last activity, returns), metric values,
 * awards (by achievement name, `after` days after their first activity) and events.
 */
export async function createLearner(
  created: CreatedProgram,
  spec: {
    email: string;
    name?: string;
    firstActivityAt: Date;
    lastActivityAt?: Date;
    activities?: number;
    returnedAt?: Date | null;
    metrics?: Record<string, number>;
    awards?: { achievement: string; after?: number; at?: Date; status?: string }[];
    events?: { metric: string; value?: number; occurredAt: Date }[];
  },
) {
  const { program } = created;
  const email = spec.email.toLowerCase();
  const learner = await db.programLearner.create({
    data: {
      organizationId: program.organizationId,
      programId: program.id,
      email,
      name: spec.name ?? null,
      firstActivityAt: spec.firstActivityAt,
      lastActivityAt: spec.lastActivityAt ?? spec.firstActivityAt,
      activities: spec.activities ?? spec.events?.length ?? 1,
      returnedAt: spec.returnedAt ?? null,
    },
  });
  for (const [metric, value] of Object.entries(spec.metrics ?? {})) {
    await db.learnerMetric.create({ data: { programId: program.id, email, metric, value, readingAt: spec.lastActivityAt ?? spec.firstActivityAt } });
  }
  for (const award of spec.awards ?? []) {
    const achievement = created.achievements[award.achievement];
    if (!achievement) throw new Error(`No achievement named ${award.achievement} in this program`);
    const rule = created.rules.find((candidate) => candidate.achievementId === achievement.id)!;
    const createdAt = award.at ?? new Date(spec.firstActivityAt.getTime() + (award.after ?? 0) * DAY_MS);
    const status = award.status ?? "issued";
    await db.programAward.create({
      data: {
        organizationId: program.organizationId,
        programId: program.id,
        ruleId: rule.id,
        achievementId: achievement.id,
        email,
        name: spec.name ?? null,
        status,
        reason: { ruleId: rule.id },
        createdAt,
        issuedAt: status === "issued" ? createdAt : null,
      },
    });
  }
  for (const event of spec.events ?? []) {
    await db.programEvent.create({
      data: {
        organizationId: program.organizationId,
        externalId: unique("event"),
        programId: program.id,
        email,
        metric: event.metric,
        value: event.value ?? 1,
        occurredAt: event.occurredAt,
      },
    });
  }
  return learner;
}
