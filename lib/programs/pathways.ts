import { db, sqlTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { log } from "@/lib/log";
import { triggerAwardIssuing } from "./award-trigger";
import { insertAwards, type AwardReason, type IngestResult } from "./ingest";
import { ruleDescription } from "./rules";

/** Why a pathway badge was revoked (kept for the issuer, never published). */
export const PATHWAY_REVOKED_REASON = "A credential this pathway required was revoked";

type PathwayRow = {
  ruleId: string;
  programId: string;
  programName: string;
  achievementId: string;
  achievementName: string;
  requires: string[];
  count: number | null;
  revokeWithRequirements: boolean;
  email: string;
  held: number;
  credentials: string[] | null;
};

/**
 * Re-checks the pathways that count any of the touched achievements for the touched addresses:
 * a learner who now holds enough of them (valid, not revoked credentials this organization issued
 * to that address, by a rule or by hand) is awarded; one who no longer does loses the pathway
 * badge only when its rule says `revokeWithRequirements`. Reads the learner's credentials of
 * those achievements only. Called by Laurel's feed (credentials issued and revoked) and after
 * awards are issued.
 */
export async function evaluatePathways(
  organizationId: string,
  touched: Array<{ email: string; achievementId: string }>,
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<{ awarded: IngestResult["awards"]; revoked: string[] }> {
  if (touched.length === 0) return { awarded: [], revoked: [] };
  const now = options.now ?? new Date();
  const rows = await db.$queryRaw<PathwayRow[]>`
    SELECT DISTINCT ON (r."id", t.email)
      r."id" AS "ruleId", r."programId", p."name" AS "programName", r."achievementId", a."name" AS "achievementName",
      r."requires", r."count", r."revokeWithRequirements", t.email, h.held, h.credentials
    FROM unnest(${touched.map((t) => t.email)}::text[], ${touched.map((t) => t.achievementId)}::text[]) AS t(email, achievement)
    JOIN "ProgramRule" r ON r."organizationId" = ${organizationId} AND r."kind" = 'pathway' AND r."deletedAt" IS NULL AND t.achievement = ANY(r."requires")
    JOIN "Program" p ON p."id" = r."programId" AND p."archivedAt" IS NULL
    JOIN "Achievement" a ON a."id" = r."achievementId"
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT c."achievementId")::int AS held, array_agg(c."id" ORDER BY c."issuedAt") AS credentials
      FROM "Credential" c
      WHERE c."organizationId" = ${organizationId} AND c."recipientEmail" = t.email AND c."achievementId" = ANY(r."requires")
        AND c."revokedAt" IS NULL AND (c."validUntil" IS NULL OR c."validUntil" > ${now.toISOString()}::timestamp(3))
    ) h
    ORDER BY r."id", t.email`;

  const satisfied = rows.filter((row) => row.held >= (row.count ?? row.requires.length));
  const unmet = rows.filter((row) => row.revokeWithRequirements && row.held < (row.count ?? row.requires.length));
  const candidates = satisfied.map((row) => {
    const rule = { id: row.ruleId, kind: "pathway", achievementId: row.achievementId, requires: row.requires, count: row.count };
    const reason: AwardReason = {
      programId: row.programId,
      programName: row.programName,
      ruleId: row.ruleId,
      kind: "pathway",
      description: ruleDescription(rule, "", row.achievementName, "en"),
      value: row.held,
      credentials: row.credentials ?? [],
    };
    return { programId: row.programId, rule, email: row.email, reason };
  });

  let awarded: IngestResult["awards"] = [];
  if (candidates.length > 0 && !options.dryRun) {
    awarded = await sqlTransaction((query) => insertAwards(query, organizationId, candidates));
    if (awarded.length > 0) triggerAwardIssuing(organizationId);
  } else if (options.dryRun) {
    awarded = candidates.map((c) => ({ programId: c.programId, ruleId: c.rule.id, achievementId: c.rule.achievementId, email: c.email }));
  }
  const revoked = options.dryRun ? [] : await revokeUnmet(organizationId, unmet);
  return { awarded, revoked };
}

/** Pathway badges whose requirements are no longer met and whose rule says so: revoked, or never issued. */
async function revokeUnmet(organizationId: string, unmet: PathwayRow[]): Promise<string[]> {
  const revoked: string[] = [];
  for (const row of unmet) {
    const award = await db.programAward.findFirst({
      where: { organizationId, ruleId: row.ruleId, achievementId: row.achievementId, email: row.email, status: { in: ["pending", "waiting", "issued"] } },
      select: { id: true, status: true, credentialId: true },
    });
    if (!award) continue;
    if (award.status === "issued" && award.credentialId) {
      try {
        await revokeCredential(organizationId, award.credentialId, PATHWAY_REVOKED_REASON);
      } catch (error) {
        // Revoked meanwhile by hand or by another run: the award is revoked all the same.
        if (!(error instanceof AppError && error.code === "conflict")) throw error;
      }
      revoked.push(award.credentialId);
    }
    await db.programAward.updateMany({ where: { id: award.id, status: award.status }, data: { status: "revoked", waitingReason: null } });
    log.info({ organizationId, awardId: award.id, ruleId: row.ruleId }, "pathway award revoked with its requirements");
  }
  return revoked;
}
