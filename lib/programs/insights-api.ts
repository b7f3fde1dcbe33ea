import { z } from "zod";
import { PROGRAM_FUNNEL_STEPS, type ProgramInsights } from "./insights";

/**
 * A program's figures as the REST API answers them (`program` in GET /api/v1/analytics/summary),
 * documented in the OpenAPI document from this schema.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().nonnegative();
const SECONDS_PER_DAY = 86_400;

export const programInsightsResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  learners: count.describe("Learners whose first activity came before the end of the range"),
  active: count.describe("Learners with activity in the range"),
  progressing: count.describe("Active learners holding at least one metric value who have not completed the program"),
  completed: count.describe("Active learners holding every achievement the program's rules award (for a ladder, its top level)"),
  joined: count.describe("People who joined the program from its page (/p/{id}) in the range"),
  inactive: count.describe("Learners whose last activity is more than 30 days before the end of the range"),
  returned: count.describe("Learners who came back in the range after 30 days or more without activity"),
  awards: count.describe("Achievements the program's rules awarded in the range"),
  funnel: z
    .array(z.object({ step: z.enum(PROGRAM_FUNNEL_STEPS), count, rate: z.number().nonnegative().nullable().describe("This step over the active learners; null for joined and active, or when nobody was active") }))
    .describe("joined (from the program's page), then active → progressing → completed"),
  series: z.array(z.object({ date: day.describe("First day of the bucket"), awards: count })).describe("Awards per day (per week past 60 days), oldest first"),
  ladders: z
    .array(
      z.object({
        metric: z.string(),
        label: z.record(z.string(), z.string()).nullable().describe("The metric's label per language; null for Laurel's own metrics"),
        unit: z.string().nullable(),
        withoutLevel: count.describe("Learners holding none of the levels"),
        levels: z.array(
          z.object({
            level: z.number().int().positive().describe("1 for the lowest threshold"),
            atLeast: z.number(),
            achievementId: z.string(),
            name: z.string(),
            learners: count.describe("Learners for whom this is the highest level they hold, now"),
            reached: count.describe("Awards of this level in the range"),
            medianDays: z.number().nonnegative().nullable().describe("Median days from a learner's first activity to this level, over the range's awards; null when none"),
          }),
        ),
      }),
    )
    .describe("Each metric with target rules, its levels by threshold (a single target is a ladder of one level)"),
});
export type ProgramInsightsResponse = z.infer<typeof programInsightsResponseSchema>;

export function presentProgramInsights(insights: ProgramInsights): ProgramInsightsResponse {
  return {
    id: insights.program.id,
    name: insights.program.name,
    learners: insights.learners,
    active: insights.active,
    progressing: insights.progressing,
    completed: insights.completed,
    joined: insights.joined,
    inactive: insights.inactive,
    returned: insights.returned,
    awards: insights.awards,
    funnel: insights.funnel,
    series: insights.series,
    ladders: insights.ladders.map((ladder) => ({
      metric: ladder.metric,
      label: ladder.label,
      unit: ladder.unit,
      withoutLevel: ladder.withoutLevel,
      levels: ladder.levels.map((level) => ({
        level: level.level,
        atLeast: level.atLeast,
        achievementId: level.achievementId,
        name: level.name,
        learners: level.learners,
        reached: level.reached,
        medianDays: medianDays(level.medianSeconds),
      })),
    })),
  };
}

/** Days to two decimals (about a quarter of an hour). */
export function medianDays(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / SECONDS_PER_DAY) * 100) / 100;
}
