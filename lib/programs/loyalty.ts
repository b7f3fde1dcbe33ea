import { db } from "@/lib/db";
import { log as rootLog } from "@/lib/log";
import { triggerAwardIssuing } from "./award-trigger";
import { addMonthsUTC } from "./periods";
import { ruleDescription } from "./rules";

const log = rootLog.child({ module: "programs" });

/**
 * Loyalty by months for learners who stopped sending events (those who send them are awarded by
 * the engine): every learner whose first activity is `months` calendar months (UTC) old or more
 * and who has no award of the achievement yet gets one (joining alone is no activity). One insert per rule, over the
 * ProgramLearner (program, first activity) index.
 */
export async function awardLoyaltyMonths(options: { now?: Date; organizationId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const rules = await db.programRule.findMany({
    where: { kind: "loyalty", months: { not: null }, deletedAt: null, program: { archivedAt: null }, ...(options.organizationId ? { organizationId: options.organizationId } : {}) },
    select: { id: true, organizationId: true, programId: true, achievementId: true, kind: true, months: true, program: { select: { name: true } }, achievement: { select: { name: true } } },
  });
  let awarded = 0;
  const organizations = new Set<string>();
  for (const rule of rules) {
    const months = rule.months!;
    // The index bound: a few days of slack for the end-of-month clamp, the exact test after it.
    const bound = new Date(addMonthsUTC(now, -months).getTime() + 4 * 86_400_000);
    const description = ruleDescription(rule, "", rule.achievement.name, "en");
    const count = await db.$executeRaw`
      INSERT INTO "ProgramAward" ("id", "organizationId", "programId", "ruleId", "achievementId", "email", "name", "status", "reason", "createdAt")
      SELECT gen_random_uuid()::text, ${rule.organizationId}, l."programId", ${rule.id}, ${rule.achievementId}, l."email", l."name", 'pending',
        jsonb_build_object('programId', ${rule.programId}::text, 'programName', ${rule.program.name}::text, 'ruleId', ${rule.id}::text, 'kind', 'loyalty',
          'description', ${description}::text, 'value', ${months}::int,
          'occurredAt', to_char(l."firstActivityAt" + make_interval(months => ${months}::int), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        (now() AT TIME ZONE 'UTC')
      FROM "ProgramLearner" l
      WHERE l."programId" = ${rule.programId} AND l."activities" > 0 AND l."firstActivityAt" <= ${bound.toISOString()}::timestamp(3)
        AND l."firstActivityAt" + make_interval(months => ${months}::int) <= ${now.toISOString()}::timestamp(3)
        AND NOT EXISTS (SELECT 1 FROM "ProgramAward" a WHERE a."organizationId" = ${rule.organizationId} AND a."achievementId" = ${rule.achievementId} AND a."email" = l."email")
      ORDER BY l."email"
      ON CONFLICT ("organizationId", "achievementId", "email") DO NOTHING`;
    awarded += count;
    if (count > 0) organizations.add(rule.organizationId);
  }
  for (const organizationId of organizations) triggerAwardIssuing(organizationId);
  if (awarded > 0) log.info({ awarded }, "loyalty awards for learners past their anniversary");
  return awarded;
}
