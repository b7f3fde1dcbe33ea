import { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isLoyaltyByMonths, pathwayNeeds, shapeOf, type RuleShape } from "./rules";
import { isLaurelMetric, type RuleInput } from "./schemas";

/** Credential events that count for each of Laurel's metrics (as the feed counts them). */
const LAUREL_TYPES: Record<string, string[]> = {
  "laurel.credentials_earned": ["issued"],
  "laurel.credentials_shared": ["shared", "added_to_profile"],
  "laurel.share_clicks": ["clicked"],
};

/**
 * Who qualifies for `rule` now, whatever crossed when: rows of (email, name, value), where value
 * is what the rule reads (the metric, credentials held, periods in a row, months, activities).
 * A scan of the program's aggregates, for the designer's count and for applying a rule; the
 * engine itself never runs it per event.
 */
export function qualifyingSql(organizationId: string, programId: string, rule: RuleShape, now: Date): Prisma.Sql {
  const at = now.toISOString();
  switch (rule.kind) {
    case "target":
      if (rule.metric && isLaurelMetric(rule.metric)) {
        // Laurel's metrics count from the credential events themselves: a rule being designed
        // sees the shares made before it existed.
        return Prisma.sql`
          SELECT c."recipientEmail" AS email, max(c."recipientName") AS name, count(*)::float8 AS value
          FROM "CredentialEvent" e JOIN "Credential" c ON c."id" = e."credentialId"
          WHERE e."organizationId" = ${organizationId} AND e."type" = ANY(${LAUREL_TYPES[rule.metric]}::text[])
          GROUP BY c."recipientEmail" HAVING count(*) >= ${rule.atLeast ?? 0}`;
      }
      return Prisma.sql`
        SELECT m."email", l."name", m."value" FROM "LearnerMetric" m
        JOIN "ProgramLearner" l ON l."programId" = m."programId" AND l."email" = m."email"
        WHERE m."programId" = ${programId} AND m."metric" = ${rule.metric ?? ""} AND m."value" >= ${rule.atLeast ?? 0}`;
    case "pathway":
      return Prisma.sql`
        SELECT c."recipientEmail" AS email, max(c."recipientName") AS name, count(DISTINCT c."achievementId")::float8 AS value
        FROM "Credential" c
        WHERE c."organizationId" = ${organizationId} AND c."achievementId" = ANY(${rule.requires ?? []}::text[])
          AND c."revokedAt" IS NULL AND (c."validUntil" IS NULL OR c."validUntil" > ${at}::timestamp(3))
        GROUP BY c."recipientEmail" HAVING count(DISTINCT c."achievementId") >= ${pathwayNeeds(rule)}`;
    case "streak": {
      // Gaps and islands: consecutive periods share (period number − row number). The periods
      // come from the events: LearnerActivityPeriod holds only kinds a saved rule reads, and a
      // draft rule is counted too.
      const unit = rule.unit === "month" ? "month" : "week";
      const index = unit === "month" ? Prisma.sql`(extract(year FROM p."start") * 12 + extract(month FROM p."start"))::int` : Prisma.sql`((p."start" - date '2000-01-03') / 7)`;
      return Prisma.sql`
        SELECT r."email", max(l."name") AS name, max(r.len)::float8 AS value FROM (
          SELECT g."email", count(*) AS len FROM (
            SELECT p."email", ${index} - row_number() OVER (PARTITION BY p."email" ORDER BY p."start") AS island
            FROM (
              SELECT DISTINCT e."email", date_trunc(${unit}, e."occurredAt")::date AS "start"
              FROM "ProgramEvent" e WHERE e."programId" = ${programId} AND e."metric" = ${rule.metric ?? ""}
            ) p
          ) g GROUP BY g."email", g.island
        ) r JOIN "ProgramLearner" l ON l."programId" = ${programId} AND l."email" = r."email"
        GROUP BY r."email" HAVING max(r.len) >= ${rule.periods ?? 1}`;
    }
    case "loyalty":
      if (isLoyaltyByMonths(rule)) {
        return Prisma.sql`
          SELECT l."email", l."name", ${rule.months}::float8 AS value FROM "ProgramLearner" l
          WHERE l."programId" = ${programId} AND l."firstActivityAt" + make_interval(months => ${rule.months}::int) <= ${at}::timestamp(3)`;
      }
      return Prisma.sql`
        SELECT w."email", max(l."name") AS name, max(w.n)::float8 AS value FROM (
          SELECT e."email", count(*) OVER (PARTITION BY e."email" ORDER BY e."occurredAt"
            RANGE BETWEEN make_interval(days => ${rule.withinDays ?? 1}::int) PRECEDING AND CURRENT ROW) AS n
          FROM "ProgramEvent" e WHERE e."programId" = ${programId} AND e."metric" = ${rule.metric ?? ""}
        ) w JOIN "ProgramLearner" l ON l."programId" = ${programId} AND l."email" = w."email"
        GROUP BY w."email" HAVING max(w.n) >= ${rule.atLeast ?? 1}`;
    default:
      return Prisma.sql`SELECT NULL::text AS email, NULL::text AS name, NULL::float8 AS value WHERE false`;
  }
}

/** Those of `qualifying` who hold the achievement neither by an award nor by a valid credential. */
export function notHoldingSql(organizationId: string, achievementId: string, qualifying: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT q."email", q."name", q."value" FROM (${qualifying}) q
    WHERE NOT EXISTS (SELECT 1 FROM "ProgramAward" a WHERE a."organizationId" = ${organizationId} AND a."achievementId" = ${achievementId} AND a."email" = q."email")
      AND NOT EXISTS (SELECT 1 FROM "Credential" c WHERE c."organizationId" = ${organizationId} AND c."recipientEmail" = q."email" AND c."achievementId" = ${achievementId}
        AND c."revokedAt" IS NULL AND (c."validUntil" IS NULL OR c."validUntil" > ${now.toISOString()}::timestamp(3)))`;
}

/**
 * How many learners qualify for `rule` now and hold its achievement neither by an award nor by
 * a valid credential: the designer's live count, and what applying the rule would award.
 */
export async function countQualifying(organizationId: string, programId: string, rule: RuleInput): Promise<number> {
  const program = await db.program.findFirst({ where: { id: programId, organizationId }, select: { id: true } });
  if (!program) throw notFound("Program not found");
  const now = new Date();
  const shape = shapeOf(rule);
  const [row] = await db.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS count FROM (${notHoldingSql(organizationId, rule.achievementId, qualifyingSql(organizationId, programId, shape, now), now)}) x`;
  return row?.count ?? 0;
}
