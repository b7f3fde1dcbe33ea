import { organizationEntitlements } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { log as rootLog } from "@/lib/log";
import { triggerAwardIssuing } from "./award-trigger";
import { ruleDescription } from "./rules";

const log = rootLog.child({ module: "programs" });

/**
 * Loyalty by months for learners who stopped sending events (those who send them are awarded by
 * the engine): every learner whose first activity is `months` calendar months (UTC) old or more
 * and who has no award of the achievement yet gets one (joining alone is no activity), unless
 * they were past the anniversary already when the rule was added (those wait for the rule to be
 * applied, see qualifiedBeforeRule in ingest.ts). One insert per rule, over the program's learners.
 */
export async function awardLoyaltyMonths(options: { now?: Date; organizationId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const rules = await db.programRule.findMany({
    where: { kind: "loyalty", months: { not: null }, deletedAt: null, program: { archivedAt: null }, ...(options.organizationId ? { organizationId: options.organizationId } : {}) },
    select: { id: true, organizationId: true, programId: true, achievementId: true, kind: true, months: true, createdAt: true, program: { select: { name: true } }, achievement: { select: { name: true } } },
  });
  let awarded = 0;
  const organizations = new Set<string>();
  // Programs are a plan feature: the rules of an organization without it rest.
  const entitled = new Map<string, boolean>();
  for (const organizationId of new Set(rules.map((rule) => rule.organizationId))) {
    entitled.set(organizationId, (await organizationEntitlements(organizationId)).features.includes("programs"));
  }
  for (const rule of rules) {
    if (!entitled.get(rule.organizationId)) continue;
    const months = rule.months!;
    const description = ruleDescription(rule, "", rule.achievement.name, "en");
    const count = await db.$executeRaw`
      INSERT INTO "ProgramAward" ("id", "organizationId", "programId", "ruleId", "achievementId", "email", "name", "status", "reason", "createdAt")
      SELECT gen_random_uuid()::text, ${rule.organizationId}, l."programId", ${rule.id}, ${rule.achievementId}, l."email", l."name", 'pending',
        jsonb_build_object('programId', ${rule.programId}::text, 'programName', ${rule.program.name}::text, 'ruleId', ${rule.id}::text, 'kind', 'loyalty',
          'description', ${description}::text, 'value', ${months}::int,
          'occurredAt', to_char(l."firstActivityAt" + make_interval(months => ${months}::int), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        (now() AT TIME ZONE 'UTC')
      FROM "ProgramLearner" l
      WHERE l."programId" = ${rule.programId} AND l."activities" > 0
        AND l."firstActivityAt" + make_interval(months => ${months}::int) <= ${now.toISOString()}::timestamp(3)
        AND NOT (l."createdAt" < ${rule.createdAt.toISOString()}::timestamp(3)
          AND l."firstActivityAt" + make_interval(months => ${months}::int) <= ${rule.createdAt.toISOString()}::timestamp(3))
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
