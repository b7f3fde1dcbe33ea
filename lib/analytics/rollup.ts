import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define";
import { addDays, isoDate, startOfDay } from "./range";
import { groupedEventColumns, referrerColumns, referrerFilter, utcTimestamp } from "./sql";

const STATE_ID = "events";

export type RollupResult = { fromDay: string; toDay: string | null; rows: number; expired: number };

/**
 * Where the rolled-up counts end (a UTC midnight): the summary reads AnalyticsDaily before it and
 * the events themselves from it on.
 */
export async function rolledUpThrough(): Promise<Date | null> {
  return (await db.analyticsRollup.findUnique({ where: { id: STATE_ID } }))?.rolledUpThrough ?? null;
}

/**
 * Counts credential events of whole UTC days into AnalyticsDaily and AnalyticsReferrerDaily (and
 * their sums per month, and per day and type for the chart), for all organizations: first it
 * records the `expired` events that came due, then it recounts each day from the one before the
 * last run's end (so writes that landed late, or just after midnight, are counted) through
 * yesterday, in one transaction, and moves the end to today's midnight. Readers see the old
 * counts or the new ones, never a mix; rerunning changes nothing. `fromDay` recounts from an
 * earlier day (a backfill).
 */
export async function rollUpAnalytics(options: { now?: Date; fromDay?: string } = {}): Promise<RollupResult> {
  const now = options.now ?? new Date();
  const today = isoDate(now);
  const previous = await rolledUpThrough();
  // Expiries are looked for a week back from the last run (or from a backfill's first day).
  const lookBack = previous ? new Date(previous.getTime() - 7 * 86_400_000) : null;
  const since = options.fromDay && lookBack && startOfDay(options.fromDay) < lookBack ? startOfDay(options.fromDay) : lookBack;
  const { count: expired, earliest } = await recordDueExpirations(since, now);
  let fromDay = options.fromDay ?? (previous ? addDays(isoDate(previous), -1) : await firstEventDay()) ?? today;
  if (earliest && isoDate(earliest) < fromDay) fromDay = isoDate(earliest);
  const rows = await db.$transaction(async (tx) => {
    // One rollup at a time: two would delete and insert the same rows.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('analytics.rollup'))`;
    const fromTs = utcTimestamp(startOfDay(fromDay));
    const toTs = utcTimestamp(startOfDay(today));
    const fromMonth = `${fromDay.slice(0, 7)}-01`;
    for (const table of ["AnalyticsDaily", "AnalyticsDayTotal", "AnalyticsReferrerDaily"]) {
      await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE "day" >= ${fromDay}::date`;
    }
    for (const table of ["AnalyticsMonthly", "AnalyticsReferrerMonthly"]) {
      await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE "month" >= ${fromMonth}::date`;
    }
    const inserted = fromDay < today ? await tx.$executeRaw`
      INSERT INTO "AnalyticsDaily" ("day", "achievementId", "type", "channel", "events", "visitors", "credentials", "organizationId")
      SELECT ${groupedEventColumns}, e."organizationId"
      FROM "CredentialEvent" e JOIN "Credential" c ON c."id" = e."credentialId"
      WHERE e."createdAt" >= ${fromTs} AND e."createdAt" < ${toTs}
      GROUP BY 1, 2, 3, 4, 8` : 0;
    await tx.$executeRaw`
      INSERT INTO "AnalyticsReferrerDaily" ("day", "achievementId", "referrer", "views", "visitors", "organizationId")
      SELECT ${referrerColumns}, e."organizationId"
      FROM "CredentialEvent" e JOIN "Credential" c ON c."id" = e."credentialId"
      WHERE e."createdAt" >= ${fromTs} AND e."createdAt" < ${toTs} AND ${referrerFilter}
      GROUP BY 1, 2, 3, 6`;
    // The month and chart tables are sums of the daily rows: recount the months and days touched.
    await tx.$executeRaw`
      INSERT INTO "AnalyticsMonthly" ("organizationId", "month", "achievementId", "type", "channel", "events", "visitors", "credentials")
      SELECT "organizationId", date_trunc('month', "day")::date, "achievementId", "type", "channel", SUM("events")::int, SUM("visitors")::int, SUM("credentials")::int
      FROM "AnalyticsDaily" WHERE "day" >= ${fromMonth}::date
      GROUP BY 1, 2, 3, 4, 5`;
    await tx.$executeRaw`
      INSERT INTO "AnalyticsReferrerMonthly" ("organizationId", "month", "achievementId", "referrer", "views", "visitors")
      SELECT "organizationId", date_trunc('month', "day")::date, "achievementId", "referrer", SUM("views")::int, SUM("visitors")::int
      FROM "AnalyticsReferrerDaily" WHERE "day" >= ${fromMonth}::date
      GROUP BY 1, 2, 3, 4`;
    await tx.$executeRaw`
      INSERT INTO "AnalyticsDayTotal" ("organizationId", "day", "achievementId", "type", "events", "visitors", "credentials")
      SELECT "organizationId", "day", "achievementId", "type", SUM("events")::int, SUM("visitors")::int, SUM("credentials")::int
      FROM "AnalyticsDaily" WHERE "day" >= ${fromDay}::date
      GROUP BY 1, 2, 3, 4`;
    await tx.analyticsRollup.upsert({
      where: { id: STATE_ID },
      create: { id: STATE_ID, rolledUpThrough: startOfDay(today) },
      update: { rolledUpThrough: startOfDay(today) },
    });
    return inserted;
  }, { timeout: 10 * 60_000 });
  return { fromDay, toDay: fromDay < today ? addDays(today, -1) : null, rows, expired };
}

async function firstEventDay(): Promise<string | null> {
  const first = await db.credentialEvent.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return first ? isoDate(first.createdAt) : null;
}

/**
 * An `expired` event for each credential whose validity ended (and that was not revoked first),
 * dated when it ended. The id is derived from the credential's, so a credential expires once.
 */
async function recordDueExpirations(since: Date | null, through: Date): Promise<{ count: number; earliest: Date | null }> {
  const lower = since ? Prisma.sql`AND c."validUntil" > ${utcTimestamp(since)}` : Prisma.empty;
  const rows = await db.$queryRaw<{ createdAt: Date }[]>`
    INSERT INTO "CredentialEvent" ("id", "organizationId", "credentialId", "type", "createdAt")
    SELECT 'expired_' || c."id", c."organizationId", c."id", 'expired', c."validUntil"
    FROM "Credential" c
    WHERE c."validUntil" <= ${utcTimestamp(through)} ${lower}
      AND (c."revokedAt" IS NULL OR c."revokedAt" > c."validUntil")
    ON CONFLICT ("id") DO NOTHING
    RETURNING "createdAt"`;
  const earliest = rows.reduce<Date | null>((min, row) => (!min || row.createdAt < min ? row.createdAt : min), null);
  return { count: rows.length, earliest };
}

export const analyticsRollupJob = defineJob({
  name: "analytics.rollup",
  description: "Counts credential events per day into AnalyticsDaily and records expirations.",
  schema: z.object({}),
  handler: async () => rollUpAnalytics(),
  // Every 15 minutes: a day is rolled up soon after midnight, and again in case of late writes.
  schedule: { cron: "*/15 * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 1, retryDelay: 60, expireInSeconds: 1800 },
  pollingIntervalSeconds: 30,
});
