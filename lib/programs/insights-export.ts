import { writeCsv, type CsvValue } from "@/lib/csv/write";
import type { AnalyticsRange } from "@/lib/analytics/range";
import type { ProgramInsights } from "./insights";
import { medianDays } from "./insights-api";

/**
 * A program's analytics as one CSV, one row per fact labelled by `section`: range, program,
 * learners (each headline number), funnel (each step, rate over the active learners), level
 * (each level of each ladder), without_level (per ladder), awards (one per day or week).
 */

export const PROGRAM_INSIGHTS_CSV_HEADER = ["section", "key", "name", "date", "level", "at_least", "count", "reached", "rate", "median_days"] as const;
type Column = (typeof PROGRAM_INSIGHTS_CSV_HEADER)[number];

const LEARNER_FIGURES = ["learners", "active", "progressing", "completed", "inactive", "returned", "awards"] as const;

/** `program-{id}-{from}-{to}.csv`: an id, never a name someone typed, in a file name. */
export function programInsightsCsvFilename(programId: string, range: Pick<AnalyticsRange, "from" | "to">): string {
  return `program-${programId}-${range.from}-${range.to}.csv`;
}

export function programInsightsCsv(insights: ProgramInsights): string {
  const rows: CsvValue[][] = [];
  const row = (cells: Partial<Record<Column, CsvValue>>) => rows.push(PROGRAM_INSIGHTS_CSV_HEADER.map((column) => cells[column]));
  const rate = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
  row({ section: "range", key: "from", date: insights.range.from });
  row({ section: "range", key: "to", date: insights.range.to });
  row({ section: "program", key: insights.program.id, name: insights.program.name });
  for (const figure of LEARNER_FIGURES) row({ section: "learners", key: figure, count: insights[figure] });
  for (const step of insights.funnel) row({ section: "funnel", key: step.step, count: step.count, rate: rate(step.rate) });
  for (const ladder of insights.ladders) {
    for (const level of ladder.levels) {
      row({
        section: "level", key: ladder.metric, name: level.name, level: level.level, at_least: level.atLeast,
        count: level.learners, reached: level.reached, median_days: medianDays(level.medianSeconds),
      });
    }
    row({ section: "without_level", key: ladder.metric, count: ladder.withoutLevel });
  }
  for (const point of insights.series) row({ section: "awards", key: insights.range.granularity, date: point.date, count: point.awards });
  return writeCsv(PROGRAM_INSIGHTS_CSV_HEADER, rows);
}
