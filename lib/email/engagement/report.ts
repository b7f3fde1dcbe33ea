import { db } from "@/lib/db";
import { ENGAGEMENT_GOAL, ENGAGEMENT_KINDS, type EngagementKind } from "./kinds";

export type EngagementEmailRow = {
  kind: EngagementKind;
  goal: (typeof ENGAGEMENT_GOAL)[EngagementKind];
  sent: number;
  /** Emails one of whose links was followed (through Laurel's redirect; no pixels). */
  opened: number;
  /** Emails after which the person did what it asked: claimed, renewed, made progress, shared. */
  converted: number;
};

/**
 * What each kind of engagement email brought back, for emails sent between two UTC days
 * (inclusive). A conversion is read from what happened after the email: the credential claimed
 * (claim reminder), renewed (expiry), shared (you reached), or the learner active again in the
 * program (one step away, re-engagement).
 */
export async function engagementEmailReport(organizationId: string, range: { from: string; to: string }): Promise<EngagementEmailRow[]> {
  const from = new Date(`${range.from}T00:00:00.000Z`);
  const until = new Date(new Date(`${range.to}T00:00:00.000Z`).getTime() + 86_400_000);
  const rows = await db.$queryRaw<{ kind: string; sent: bigint; opened: bigint; converted: bigint }[]>`
    SELECT e."kind", count(*) AS "sent", count(e."openedAt") AS "opened",
      count(*) FILTER (WHERE CASE e."kind"
        WHEN 'claim_reminder' THEN EXISTS (SELECT 1 FROM "Credential" c WHERE c."id" = e."credentialId" AND c."claimedAt" >= e."sentAt")
        WHEN 'expiry_reminder' THEN EXISTS (SELECT 1 FROM "CredentialEvent" v WHERE v."credentialId" = e."credentialId" AND v."type" = 'renewed' AND v."createdAt" >= e."sentAt")
        WHEN 'level_reached' THEN EXISTS (SELECT 1 FROM "CredentialEvent" v WHERE v."credentialId" = e."credentialId" AND v."type" = 'shared' AND v."createdAt" >= e."sentAt")
        ELSE EXISTS (SELECT 1 FROM "ProgramLearner" l WHERE l."programId" = e."programId" AND l."email" = e."email" AND l."lastActivityAt" > e."sentAt")
      END) AS "converted"
    FROM "EngagementEmail" e
    WHERE e."organizationId" = ${organizationId} AND e."status" = 'sent' AND e."sentAt" >= ${from} AND e."sentAt" < ${until}
    GROUP BY e."kind"`;
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return ENGAGEMENT_KINDS.map((kind) => {
    const row = byKind.get(kind);
    return { kind, goal: ENGAGEMENT_GOAL[kind], sent: Number(row?.sent ?? 0), opened: Number(row?.opened ?? 0), converted: Number(row?.converted ?? 0) };
  });
}
