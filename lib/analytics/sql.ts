import { Prisma } from "@/lib/db/generated/client.ts";

/**
 * SQL shared by the rollup job and the live part of the summary (today's events), so the two
 * count events the same way. Both read `"CredentialEvent" e JOIN "Credential" c`.
 */

/** Sharing on a network and opening LinkedIn's add-to-profile are one kind: a credential is shared once. */
export const SHARE_TYPES = ["shared", "added_to_profile"] as const;

/**
 * Columns (day, achievementId, type, channel, events, visitors, credentials) of events grouped
 * by the first four. `credentials`: for the first-time kinds (shared, clicked, cta_clicked,
 * opened), events that are their credential's first of the kind; for the rest (issued, claimed,
 * revoked…, once per credential anyway), distinct credentials.
 */
export const groupedEventColumns = Prisma.sql`
  (e."createdAt")::date AS "day",
  c."achievementId" AS "achievementId",
  e."type" AS "type",
  COALESCE(e."channel", '') AS "channel",
  COUNT(*)::int AS "events",
  COUNT(DISTINCT e."data"->>'visitor')::int AS "visitors",
  (COUNT(*) FILTER (WHERE e."type" IN ('shared', 'added_to_profile', 'clicked', 'cta_clicked', 'opened') AND NOT EXISTS (
    SELECT 1 FROM "CredentialEvent" p
    WHERE p."credentialId" = e."credentialId"
      AND p."type" = ANY (CASE WHEN e."type" IN ('shared', 'added_to_profile') THEN ARRAY['shared', 'added_to_profile'] ELSE ARRAY[e."type"] END)
      AND p."createdAt" <= e."createdAt" AND (p."createdAt", p."id") < (e."createdAt", e."id")
  )) + COUNT(DISTINCT e."credentialId") FILTER (WHERE e."type" NOT IN ('shared', 'added_to_profile', 'clicked', 'cta_clicked', 'opened')))::int AS "credentials"`;

export const groupedEventKeys = Prisma.sql`GROUP BY 1, 2, 3, 4`;

/** Columns (day, achievementId, referrer, views, visitors) of people's views that had a referrer. */
export const referrerColumns = Prisma.sql`
  (e."createdAt")::date AS "day",
  c."achievementId" AS "achievementId",
  LEFT(e."data"->>'referrer', 255) AS "referrer",
  COUNT(*)::int AS "views",
  COUNT(DISTINCT e."data"->>'visitor')::int AS "visitors"`;

export const referrerFilter = Prisma.sql`e."type" = 'viewed' AND COALESCE(e."data"->>'referrer', '') <> ''`;

/** A timestamp parameter for `timestamp(3)` columns, which hold UTC without a zone. */
export function utcTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString().replace("T", " ").replace("Z", "")}::timestamp`;
}
