import type { SqlQuery } from "@/lib/db";
import type { StreakUnit } from "./schemas";

/**
 * The weeks and months in which a learner was active on a metric (LearnerActivityPeriod) are
 * what streaks are computed from, and only streaks read them: the engine records one kind
 * (program, metric, week or month) only while a live streak rule reads it. Adding such a rule
 * fills the kind from the events already stored. A transaction-scoped advisory lock per program
 * keeps the two apart: event batches hold it shared, the fill holds it alone, so every stored
 * event either had its periods recorded by its batch or is seen by the fill.
 */
const LOCK = (parameter: string) => `hashtextextended('laurel.program-periods:' || ${parameter}, 0)`;

/** The period kinds a batch records, as `programId \0 metric \0 unit`; takes the shared locks. */
export async function trackedPeriods(query: SqlQuery, programIds: string[]): Promise<Set<string>> {
  await query(`SELECT count(pg_advisory_xact_lock_shared(${LOCK("p")}))::int AS locked FROM (SELECT p FROM unnest($1::text[]) AS p ORDER BY p) AS ids`, [programIds]);
  // Read after the locks are held: a rule committed while this batch waited is seen.
  const rules = await query<{ programId: string; metric: string; unit: string }>(
    `SELECT DISTINCT "programId", "metric", "unit" FROM "ProgramRule" WHERE "programId" = ANY($1::text[]) AND "kind" = 'streak' AND "deletedAt" IS NULL`,
    [programIds],
  );
  return new Set(rules.map((rule) => periodKind(rule.programId, rule.metric, rule.unit)));
}

export const periodKind = (programId: string, metric: string, unit: string) => [programId, metric, unit].join("\u0000");

/**
 * Records the periods of one kind from the program's stored events, inside the transaction that
 * adds the streak rule reading them (which must commit for batches to record the kind from then
 * on). Waits for the batches in flight; idempotent.
 */
export async function fillActivityPeriods(query: SqlQuery, programId: string, metric: string, unit: StreakUnit): Promise<void> {
  await query(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${LOCK("$1::text")})) AS l`, [programId]);
  await query(
    `INSERT INTO "LearnerActivityPeriod" ("programId", "email", "metric", "unit", "start")
    SELECT DISTINCT e."programId", e."email", e."metric", $3::text, date_trunc($3::text, e."occurredAt")::date
    FROM "ProgramEvent" e WHERE e."programId" = $1 AND e."metric" = $2
    ON CONFLICT DO NOTHING`,
    [programId, metric, unit],
  );
}
