import { Prisma } from "@/lib/db/generated/client.ts";

/**
 * SQL shared by the rollup job and the live tail the summary adds on top of it, so the two
 * count events the same way.
 */

/** Event types whose `credentials` column counts each credential once, ever (first occurrence). */
export const FIRST_TIME_TYPES = ["shared", "added_to_profile", "clicked", "cta_clicked", "opened"] as const;

/** Sharing on a network and adding to a LinkedIn profile are one kind: a credential is shared once. */
export const SHARE_TYPES = ["shared", "added_to_profile"] as const;

/**
 * Columns (day, achievementId, type, channel, referrer, events, visitors, credentials) of the
 * events of `e` joined with their credential `c`, grouped; the caller adds FROM/WHERE.
 * `credentials`: for first-time types, events that are their credential's first of the kind;
 * for the rest (issued, claimed, revoked…, once per credential anyway), distinct credentials.
 */
export const groupedEventColumns = Prisma.sql`
  (e."createdAt")::date AS "day",
  c."achievementId" AS "achievementId",
  e."type" AS "type",
  COALESCE(e."channel", '') AS "channel",
  CASE WHEN e."type" IN ('viewed', 'clicked', 'cta_clicked') THEN COALESCE(LEFT(e."data"->>'referrer', 255), '') ELSE '' END AS "referrer",
  COUNT(*)::int AS "events",
  COUNT(DISTINCT e."data"->>'visitor')::int AS "visitors",
  (COUNT(*) FILTER (WHERE e."type" IN ('shared', 'added_to_profile', 'clicked', 'cta_clicked', 'opened') AND NOT EXISTS (
    SELECT 1 FROM "CredentialEvent" p
    WHERE p."credentialId" = e."credentialId"
      AND p."type" = ANY (CASE WHEN e."type" IN ('shared', 'added_to_profile') THEN ARRAY['shared', 'added_to_profile'] ELSE ARRAY[e."type"] END)
      AND p."createdAt" <= e."createdAt" AND (p."createdAt", p."id") < (e."createdAt", e."id")
  )) + COUNT(DISTINCT e."credentialId") FILTER (WHERE e."type" NOT IN ('shared', 'added_to_profile', 'clicked', 'cta_clicked', 'opened')))::int AS "credentials"`;

export const groupedEventKeys = Prisma.sql`GROUP BY 1, 2, 3, 4, 5`;

/** A timestamp parameter for `timestamp(3)` columns, which hold UTC without a zone. */
export function utcTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString().replace("T", " ").replace("Z", "")}::timestamp`;
}
