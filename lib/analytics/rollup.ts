import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define";
import { isoDate, startOfDay } from "./range";
import { groupedEventColumns, groupedEventKeys, utcTimestamp } from "./sql";

const STATE_ID = "events";

/**
 * Events younger than this are left to the next run: an insert that started before the cutoff
 * may not be committed yet. The summary reads them live meanwhile.
 */
const SETTLE_MS = 2_000;

export type RollupResult = { fromDay: string; through: Date; rows: number; expired: number };

/** Where the rolled-up counts end; the summary reads events from here on live. */
export async function rolledUpThrough(): Promise<Date | null> {
  return (await db.analyticsRollup.findUnique({ where: { id: STATE_ID } }))?.rolledUpThrough ?? null;
}

/**
 * Counts credential events into AnalyticsDaily. Each run records the `expired` events that came
 * due, then recounts every day from the one the last run stopped in up to now, for all
 * organizations, in one transaction: readers see either the old or the new counts. The day the
 * last run stopped in is counted again, so late commits in it are picked up; rerunning changes
 * nothing.
 */
export async function rollUpAnalytics(now: Date = new Date()): Promise<RollupResult> {
  const through = new Date(now.getTime() - SETTLE_MS);
  const previous = await rolledUpThrough();
  const { count: expired, earliest } = await recordDueExpirations(previous, through);
  let fromDay = previous ? isoDate(previous) : await firstEventDay();
  if (earliest && (!fromDay || isoDate(earliest) < fromDay)) fromDay = isoDate(earliest);
  fromDay ??= isoDate(through);
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "AnalyticsDaily" WHERE "day" >= ${fromDay}::date`;
    const inserted = await tx.$executeRaw`
      INSERT INTO "AnalyticsDaily" ("day", "achievementId", "type", "channel", "referrer", "events", "visitors", "credentials", "organizationId")
      SELECT g."day", g."achievementId", g."type", g."channel", g."referrer", g."events", g."visitors", g."credentials", g."organizationId"
      FROM (
        SELECT ${groupedEventColumns}, e."organizationId" AS "organizationId"
        FROM "CredentialEvent" e JOIN "Credential" c ON c."id" = e."credentialId"
        WHERE e."createdAt" >= ${utcTimestamp(startOfDay(fromDay))} AND e."createdAt" < ${utcTimestamp(through)}
        GROUP BY 1, 2, 3, 4, 5, 9
      ) g`;
    await tx.analyticsRollup.upsert({
      where: { id: STATE_ID },
      create: { id: STATE_ID, rolledUpThrough: through },
      update: { rolledUpThrough: through },
    });
    return inserted;
  }, { timeout: 10 * 60_000 });
  return { fromDay, through, rows, expired };
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
  const lower = since ? Prisma.sql`AND c."validUntil" > ${utcTimestamp(new Date(since.getTime() - 86_400_000))}` : Prisma.empty;
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
  handler: async () => {
    const result = await rollUpAnalytics();
    return { ...result, through: result.through.toISOString() };
  },
  // Every five minutes; the dashboard adds the events since the last run live.
  schedule: { cron: "*/5 * * * *", data: {} },
  options: { policy: "singleton", retryLimit: 1, retryDelay: 60, expireInSeconds: 1800 },
  pollingIntervalSeconds: 30,
});
