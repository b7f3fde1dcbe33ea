import "server-only";
import { Prisma } from "@/lib/db/generated/client.ts";
import { addDays, daysBetween, startOfDay, type AnalyticsRange } from "@/lib/analytics/range";
import { utcTimestamp } from "@/lib/analytics/sql";
import { db } from "@/lib/db";
import { getProgramHead } from "./manage";
import { PROGRAM_JOINED } from "./schemas";

/**
 * A program's analytics for a range of UTC days: who was active, who is progressing or done,
 * where learners stand on each ladder and how long each level takes, awards per day, who went
 * quiet and who came back. A handful of set-based queries, whatever the number of learners.
 */

/** An award the learner holds: earned and neither revoked nor failed (pending ones are on their way). */
export const HOLDING_STATUSES = ["pending", "waiting", "issued", "held"] as const;
const holding = Prisma.raw(`(${HOLDING_STATUSES.map((status) => `'${status}'`).join(", ")})`);

/** Days without activity, counted back from the range's end, after which a learner is inactive. */
export const INACTIVE_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

export const PROGRAM_FUNNEL_STEPS = ["joined", "active", "progressing", "completed"] as const;
export type ProgramFunnelStep = (typeof PROGRAM_FUNNEL_STEPS)[number];

export type MetricLabel = Record<string, string>;

export type LadderLevel = {
  ruleId: string;
  /** 1 for the lowest threshold. */
  level: number;
  atLeast: number;
  achievementId: string;
  name: string;
  /** Learners for whom this is the highest level of the ladder they hold (now). */
  learners: number;
  /** Awards of this level created in the range. */
  reached: number;
  /** Median time from a learner's first activity to this level, over the awards of the range. */
  medianSeconds: number | null;
};

export type Ladder = {
  metric: string;
  /** The metric's labels per language; null for Laurel's own metrics (their labels are Laurel's). */
  label: MetricLabel | null;
  unit: string | null;
  levels: LadderLevel[];
  /** Learners of the program holding none of its levels. */
  withoutLevel: number;
};

export type ProgramInsights = {
  program: { id: string; name: string };
  range: AnalyticsRange;
  /** Learners whose first activity came before the range's end. */
  learners: number;
  /** Learners with activity in the range. */
  active: number;
  /** Active, holding at least one metric value, and not completed. */
  progressing: number;
  /** Active and holding every achievement the rules award (for a ladder, its top level). */
  completed: number;
  /** People who joined from the program's page in the range (a `program.joined` event each). */
  joined: number;
  funnel: { step: ProgramFunnelStep; count: number; rate: number | null }[];
  /** Last activity more than 30 days before the range's end. */
  inactive: number;
  /** Came back after 30 days or more without activity, in the range. */
  returned: number;
  awards: number;
  /** One point per day (or week past 60 days) of the range, oldest first. */
  series: { date: string; awards: number }[];
  /** Each metric with target rules, its levels by threshold (a single target is a ladder of one). */
  ladders: Ladder[];
  /** Whether the program has any learner at all by the range's end. */
  hasData: boolean;
};

type CountsRow = { learners: number; enrolled: number; joined: number; active: number; progressing: number; completed: number; inactive: number; returned: number };
type LevelRow = {
  id: string;
  metric: string;
  atLeast: number;
  achievementId: string;
  name: string;
  level: number;
  label: MetricLabel | null;
  unit: string | null;
  learners: number;
  reached: number;
  median: number | null;
};
type DayRow = { day: Date; awards: number };

export async function programInsights(organizationId: string, programId: string, range: AnalyticsRange): Promise<ProgramInsights> {
  const program = await getProgramHead(organizationId, programId);
  const from = utcTimestamp(startOfDay(range.from));
  const endDate = startOfDay(addDays(range.to, 1));
  const end = utcTimestamp(endDate);
  const cutoff = utcTimestamp(new Date(endDate.getTime() - INACTIVE_AFTER_DAYS * DAY_MS));
  const org = organizationId;
  const id = program.id;

  const [[counts], levels, days] = await Promise.all([
    db.$queryRaw<CountsRow[]>`
      WITH learners AS (
        SELECT l."email", l."firstActivityAt", l."lastActivityAt", l."returnedAt", l."activities"
        FROM "ProgramLearner" l
        WHERE l."organizationId" = ${org} AND l."programId" = ${id}
      ),
      rules AS (
        SELECT r."id", r."kind", r."metric", r."atLeast", r."achievementId", r."createdAt"
        FROM "ProgramRule" r
        WHERE r."organizationId" = ${org} AND r."programId" = ${id} AND r."deletedAt" IS NULL
      ),
      -- What completing asks for: each ladder's top level and every other rule's achievement.
      required AS (
        SELECT "achievementId" FROM (
          SELECT DISTINCT ON ("metric") "achievementId" FROM rules WHERE "kind" = 'target'
          ORDER BY "metric", "atLeast" DESC, "createdAt" DESC, "id" DESC
        ) top
        UNION
        SELECT "achievementId" FROM rules WHERE "kind" <> 'target'
      ),
      completed AS (
        SELECT l."email" FROM learners l
        WHERE EXISTS (SELECT 1 FROM required)
          AND NOT EXISTS (
            SELECT 1 FROM required q
            WHERE NOT EXISTS (
              SELECT 1 FROM "ProgramAward" a
              WHERE a."organizationId" = ${org} AND a."achievementId" = q."achievementId" AND a."email" = l."email"
                AND a."status" IN ${holding} AND a."createdAt" < ${end}
            )
          )
      ),
      -- Joining is not activity: a learner who only joined has no activities yet.
      active AS (
        SELECT e."email" FROM "ProgramEvent" e
        WHERE e."organizationId" = ${org} AND e."programId" = ${id} AND e."occurredAt" >= ${from} AND e."occurredAt" < ${end} AND e."metric" <> ${PROGRAM_JOINED}
        UNION
        SELECT "email" FROM learners
        WHERE "activities" > 0 AND (("firstActivityAt" >= ${from} AND "firstActivityAt" < ${end}) OR ("lastActivityAt" >= ${from} AND "lastActivityAt" < ${end}))
      )
      SELECT
        (SELECT COUNT(*) FROM learners WHERE "firstActivityAt" < ${end})::int AS "learners",
        (SELECT COUNT(*) FROM learners)::int AS "enrolled",
        (SELECT COUNT(*) FROM "ProgramEvent" e
          WHERE e."organizationId" = ${org} AND e."programId" = ${id} AND e."metric" = ${PROGRAM_JOINED}
            AND e."occurredAt" >= ${from} AND e."occurredAt" < ${end})::int AS "joined",
        (SELECT COUNT(*) FROM active)::int AS "active",
        (SELECT COUNT(*) FROM active a
          WHERE NOT EXISTS (SELECT 1 FROM completed c WHERE c."email" = a."email")
            AND EXISTS (SELECT 1 FROM "LearnerMetric" m WHERE m."programId" = ${id} AND m."email" = a."email"))::int AS "progressing",
        (SELECT COUNT(*) FROM active a JOIN completed c ON c."email" = a."email")::int AS "completed",
        (SELECT COUNT(*) FROM learners WHERE "firstActivityAt" < ${end} AND "lastActivityAt" < ${cutoff})::int AS "inactive",
        (SELECT COUNT(*) FROM learners WHERE "returnedAt" >= ${from} AND "returnedAt" < ${end})::int AS "returned"`,
    db.$queryRaw<LevelRow[]>`
      WITH levels AS (
        SELECT r."id", r."metric", r."atLeast", r."achievementId", ach."name", m."label", m."unit",
          ROW_NUMBER() OVER (PARTITION BY r."metric" ORDER BY r."atLeast", r."createdAt", r."id")::int AS "level"
        FROM "ProgramRule" r
        JOIN "Achievement" ach ON ach."id" = r."achievementId" AND ach."organizationId" = ${org}
        LEFT JOIN "ProgramMetric" m ON m."programId" = r."programId" AND m."key" = r."metric"
        WHERE r."organizationId" = ${org} AND r."programId" = ${id} AND r."deletedAt" IS NULL AND r."kind" = 'target'
      ),
      held AS (
        SELECT lv."id", lv."metric", lv."level", a."email", a."status", a."createdAt"
        FROM levels lv
        JOIN "ProgramAward" a ON a."organizationId" = ${org} AND a."achievementId" = lv."achievementId"
        JOIN "ProgramLearner" l ON l."organizationId" = ${org} AND l."programId" = ${id} AND l."email" = a."email"
      ),
      highest AS (
        SELECT DISTINCT ON ("metric", "email") "id" FROM held
        WHERE "status" IN ${holding}
        ORDER BY "metric", "email", "level" DESC
      ),
      holders AS (SELECT "id", COUNT(*)::int AS "learners" FROM highest GROUP BY "id"),
      reached AS (
        SELECT a."achievementId", COUNT(*)::int AS "reached",
          percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM a."createdAt" - l."firstActivityAt"))) AS "median"
        FROM "ProgramAward" a
        JOIN "ProgramLearner" l ON l."organizationId" = ${org} AND l."programId" = ${id} AND l."email" = a."email"
        WHERE a."organizationId" = ${org} AND a."achievementId" IN (SELECT "achievementId" FROM levels)
          AND a."createdAt" >= ${from} AND a."createdAt" < ${end}
        GROUP BY a."achievementId"
      )
      SELECT lv."id", lv."metric", lv."atLeast", lv."achievementId", lv."name", lv."label", lv."unit", lv."level",
        COALESCE(h."learners", 0)::int AS "learners", COALESCE(r."reached", 0)::int AS "reached", r."median"
      FROM levels lv
      LEFT JOIN holders h ON h."id" = lv."id"
      LEFT JOIN reached r ON r."achievementId" = lv."achievementId"
      ORDER BY lv."metric", lv."level"`,
    db.$queryRaw<DayRow[]>`
      SELECT (a."createdAt")::date AS "day", COUNT(*)::int AS "awards"
      FROM "ProgramAward" a
      WHERE a."organizationId" = ${org} AND a."programId" = ${id} AND a."createdAt" >= ${from} AND a."createdAt" < ${end}
      GROUP BY 1`,
  ]);

  const funnelCounts = { joined: counts!.joined, active: counts!.active, progressing: counts!.progressing, completed: counts!.completed };
  return {
    program: { id: program.id, name: program.name },
    range,
    learners: counts!.learners,
    active: counts!.active,
    progressing: counts!.progressing,
    completed: counts!.completed,
    joined: counts!.joined,
    // Progressing and completed are both shares of the active learners (they never overlap).
    // Joins stand apart: most learners arrive through the organization's events, never joining.
    funnel: PROGRAM_FUNNEL_STEPS.map((step) => ({
      step,
      count: funnelCounts[step],
      rate: step === "joined" || step === "active" ? null : counts!.active > 0 ? funnelCounts[step] / counts!.active : null,
    })),
    inactive: counts!.inactive,
    returned: counts!.returned,
    awards: days.reduce((sum, row) => sum + row.awards, 0),
    series: seriesOf(range, days),
    ladders: laddersOf(levels, counts!.enrolled),
    hasData: counts!.learners > 0,
  };
}

function seriesOf(range: AnalyticsRange, rows: DayRow[]): ProgramInsights["series"] {
  const step = range.granularity === "week" ? 7 : 1;
  const points: ProgramInsights["series"] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, step)) points.push({ date: day, awards: 0 });
  for (const row of rows) {
    const point = points[Math.floor(daysBetween(range.from, row.day.toISOString().slice(0, 10)) / step)];
    if (point) point.awards += row.awards;
  }
  return points;
}

function laddersOf(rows: LevelRow[], enrolled: number): Ladder[] {
  const ladders = new Map<string, Ladder>();
  for (const row of rows) {
    let ladder = ladders.get(row.metric);
    if (!ladder) {
      ladder = { metric: row.metric, label: row.label, unit: row.unit, levels: [], withoutLevel: enrolled };
      ladders.set(row.metric, ladder);
    }
    ladder.levels.push({
      ruleId: row.id,
      level: row.level,
      atLeast: row.atLeast,
      achievementId: row.achievementId,
      name: row.name,
      learners: row.learners,
      reached: row.reached,
      medianSeconds: row.median === null ? null : Math.round(Number(row.median)),
    });
    ladder.withoutLevel -= row.learners;
  }
  return [...ladders.values()];
}

/** A metric's label in a language, falling back to English, then to its key. */
export function metricLabel(label: MetricLabel | null, key: string, locale: string): string {
  return label?.[locale] ?? label?.en ?? key;
}
