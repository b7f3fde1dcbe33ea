import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { decodeCursor, toPage, type Page } from "@/lib/api/pagination";
import { likeLiteral } from "@/lib/db/like";
import { db } from "@/lib/db";
import { safeText } from "@/lib/text";
import { type MetricLabel } from "./insights";
import { getProgramHead } from "./manage";

/**
 * A program's learners, most recently active first, each with their metric values, the awards
 * they earned and how far they are from the next level of each ladder: a few queries per page,
 * never one per learner.
 */

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const programLearnersQuerySchema = z.object({
  /** The start of an address, or part of a name. */
  q: z.preprocess(emptyToUndefined, safeText().trim().max(200).optional()),
  cursor: z.preprocess(emptyToUndefined, safeText().min(1).max(200).optional()),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ProgramLearnersQuery = z.input<typeof programLearnersQuerySchema>;

export type LearnerMetricValue = { key: string; label: MetricLabel | null; unit: string | null; value: number };
export type LearnerAward = { achievementId: string; name: string; status: string; createdAt: Date };
export type LearnerProgress = {
  metric: string;
  label: MetricLabel | null;
  unit: string | null;
  /** The learner's value of the metric (0 before any). */
  current: number;
  /** The next level's threshold, or the top one once every level is reached. */
  target: number;
  /** 0–100, floored: 100 only once the target is reached. */
  percent: number;
  /** Levels reached, of `levels`. */
  reached: number;
  levels: number;
  /** The achievement the next level awards; null once every level is reached. */
  next: { achievementId: string; name: string } | null;
};
export type ProgramLearnerRow = {
  id: string;
  email: string;
  name: string | null;
  firstActivityAt: Date;
  lastActivityAt: Date;
  activities: number;
  metrics: LearnerMetricValue[];
  awards: LearnerAward[];
  progress: LearnerProgress[];
};

type Level = { atLeast: number; achievementId: string; name: string };

export async function listProgramLearners(
  organizationId: string,
  programId: string,
  query: ProgramLearnersQuery = {},
): Promise<Page<ProgramLearnerRow>> {
  const { q, cursor, limit } = programLearnersQuerySchema.parse(query);
  const program = await getProgramHead(organizationId, programId);
  const search = q ? likeLiteral(q.toLowerCase()) : undefined;
  const after = cursor ? decodeCursor(cursor) : null;
  const where: Prisma.ProgramLearnerWhereInput = {
    organizationId,
    programId: program.id,
    AND: [
      search ? { OR: [{ email: { startsWith: search } }, { name: { contains: search, mode: "insensitive" } }] } : {},
      after ? { OR: [{ lastActivityAt: { lt: after.at } }, { lastActivityAt: after.at, id: { lt: after.id } }] } : {},
    ],
  };
  const [rows, metricDefinitions, rules] = await Promise.all([
    db.programLearner.findMany({
      where,
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: { id: true, email: true, name: true, firstActivityAt: true, lastActivityAt: true, activities: true },
    }),
    db.programMetric.findMany({ where: { programId: program.id }, orderBy: [{ createdAt: "asc" }, { key: "asc" }], select: { key: true, label: true, unit: true } }),
    db.programRule.findMany({
      where: { organizationId, programId: program.id, kind: "target", deletedAt: null, metric: { not: null }, atLeast: { not: null } },
      orderBy: [{ atLeast: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { metric: true, atLeast: true, achievementId: true, achievement: { select: { name: true } } },
    }),
  ]);
  const emails = rows.slice(0, limit).map((row) => row.email);
  const [values, awards] = emails.length
    ? await Promise.all([
        db.learnerMetric.findMany({ where: { programId: program.id, email: { in: emails } }, select: { email: true, metric: true, value: true } }),
        db.programAward.findMany({
          where: { organizationId, programId: program.id, email: { in: emails } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { email: true, achievementId: true, status: true, createdAt: true, rule: { select: { achievement: { select: { name: true } } } } },
        }),
      ])
    : [[], []];

  const definitions = new Map(metricDefinitions.map((metric) => [metric.key, { label: metric.label as MetricLabel, unit: metric.unit }]));
  const order = new Map(metricDefinitions.map((metric, index) => [metric.key, index]));
  const ladders = new Map<string, Level[]>();
  for (const rule of rules) {
    const levels = ladders.get(rule.metric!) ?? [];
    levels.push({ atLeast: rule.atLeast!, achievementId: rule.achievementId, name: rule.achievement.name });
    ladders.set(rule.metric!, levels);
  }
  const valuesOf = groupBy(values, (value) => value.email);
  const awardsOf = groupBy(awards, (award) => award.email);

  return toPage(
    rows,
    limit,
    (row) => ({ at: row.lastActivityAt, id: row.id }),
    (row): ProgramLearnerRow => {
      const mine = new Map((valuesOf.get(row.email) ?? []).map((value) => [value.metric, value.value]));
      const metrics = [...mine.entries()]
        .map(([key, value]) => ({ key, label: definitions.get(key)?.label ?? null, unit: definitions.get(key)?.unit ?? null, value }))
        .sort((a, b) => (order.get(a.key) ?? Infinity) - (order.get(b.key) ?? Infinity) || a.key.localeCompare(b.key));
      return {
        ...row,
        metrics,
        awards: (awardsOf.get(row.email) ?? []).map((award) => ({
          achievementId: award.achievementId,
          name: award.rule.achievement.name,
          status: award.status,
          createdAt: award.createdAt,
        })),
        progress: [...ladders.entries()].map(([metric, levels]) => progressOn(metric, levels, mine.get(metric) ?? 0, definitions.get(metric))),
      };
    },
  );
}

/** Where a value stands on a ladder (a lone target rule is a ladder of one level). */
export function progressOn(metric: string, levels: Level[], current: number, definition?: { label: MetricLabel; unit: string | null }): LearnerProgress {
  const next = levels.find((level) => level.atLeast > current) ?? null;
  const target = next ? next.atLeast : levels[levels.length - 1]!.atLeast;
  const percent = next ? Math.min(99, Math.max(0, Math.floor((current / target) * 100))) : 100;
  return {
    metric,
    label: definition?.label ?? null,
    unit: definition?.unit ?? null,
    current,
    target,
    percent,
    reached: levels.filter((level) => level.atLeast <= current).length,
    levels: levels.length,
    next: next ? { achievementId: next.achievementId, name: next.name } : null,
  };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
