import { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { CHANNELS, eventChannel, type Channel } from "./channels";
import { addDays, daysBetween, isoDate, startOfDay, type AnalyticsRange } from "./range";
import { rolledUpThrough } from "./rollup";
import { groupedEventColumns, groupedEventKeys, referrerColumns, referrerFilter, SHARE_TYPES, utcTimestamp } from "./sql";

/**
 * What the market quotes for digital credentials: the share of credentials their learners share
 * (5–33%), and the share that send a visitor back to the issuer's "earn this" page (0–10%).
 */
export const BENCHMARKS = {
  shareRate: { low: 0.05, high: 0.33 },
  returnRate: { low: 0, high: 0.1 },
} as const;

export const FUNNEL_STEPS = ["issued", "claimed", "shared", "clicked", "cta_clicked"] as const;
export type FunnelStepKey = (typeof FUNNEL_STEPS)[number];

export type FunnelStep = {
  key: FunnelStepKey;
  count: number;
  /** This step over the one before (may pass 1 for clicks: one share draws many); null first or after 0. */
  rate: number | null;
};

export type Totals = {
  issued: number;
  emailed: number;
  /** Claim emails whose link was opened (first time per credential). */
  opened: number;
  claimed: number;
  declined: number;
  /** Credentials shared for the first time (any channel, or LinkedIn's add-to-profile opened). */
  sharedCredentials: number;
  /** Share actions, every channel and time. */
  shares: number;
  /** Openings of LinkedIn's add-to-profile form (a click: LinkedIn does not say whether it was added). */
  addedToProfile: number;
  /** People who followed a tracked share link (/s/{code}). */
  shareClicks: number;
  /** "Earn this badge" clicks. */
  earnClicks: number;
  /** Credentials that sent at least one visitor to "earn this badge" for the first time. */
  earnCredentials: number;
  /** People viewing credential pages: distinct visitors per day, added up. */
  visitors: number;
  /** Page views by people (every load). */
  views: number;
  /** Link-preview crawlers (LinkedInBot, Twitterbot…): never counted as views. */
  previews: number;
  downloads: number;
  /** Fetches of the signed credential by verifiers (JSON-LD, OB 2.0). */
  verified: number;
  revoked: number;
  expired: number;
};

export type SeriesPoint = {
  /** First day of the bucket (YYYY-MM-DD). */
  date: string;
  issued: number;
  claimed: number;
  shared: number;
  visitors: number;
  shareClicks: number;
};

export type ChannelRow = { channel: Channel; visitors: number; shareClicks: number; shares: number };

export type AchievementRow = {
  id: string;
  name: string;
  issued: number;
  claimed: number;
  sharedCredentials: number;
  /** sharedCredentials / issued, null when none were issued in the range. */
  shareRate: number | null;
  visitors: number;
  shareClicks: number;
  earnClicks: number;
  /** The channel that brought most visitors, if any did. */
  topChannel: Channel | null;
  /** Visitors by the channel they came from. */
  byChannel: Partial<Record<Channel, number>>;
};

export type AnalyticsSummary = {
  range: AnalyticsRange;
  achievement: { id: string; name: string } | null;
  totals: Totals;
  previous: Totals;
  funnel: FunnelStep[];
  rates: { shareRate: number | null; returnRate: number | null };
  series: SeriesPoint[];
  channels: ChannelRow[];
  /** Every achievement with activity in the range, most visitors first (then share rate). */
  achievements: AchievementRow[];
  referrers: { host: string; visitors: number }[];
  /** The answer to "which badge brings the most new visitors, from which network?" */
  bestSource: { achievementId: string; name: string; channel: Channel; visitors: number } | null;
  /** False when nothing at all happened in the range or the one before. */
  hasData: boolean;
};

type Row = {
  g_day: number;
  g_achievement: number;
  day: Date | null;
  achievementId: string | null;
  type: string;
  channel: string | null;
  events: number;
  visitors: number;
  credentials: number;
};

/** Achievements of the organization for the filter, with archived ones last. */
export async function analyticsAchievementOptions(organizationId: string): Promise<{ id: string; name: string; archived: boolean }[]> {
  const rows = await db.achievement.findMany({
    where: { organizationId },
    select: { id: true, name: true, archivedAt: true },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  return rows.map((row) => ({ id: row.id, name: row.name, archived: Boolean(row.archivedAt) }));
}

/** The achievement a summary or export is narrowed to; not_found unless it is the organization's. */
export async function findAnalyticsAchievement(organizationId: string, achievementId: string): Promise<{ id: string; name: string }> {
  const achievement = await db.achievement.findFirst({ where: { id: achievementId, organizationId }, select: { id: true, name: true } });
  if (!achievement) throw notFound("No such achievement in this organization");
  return achievement;
}

/** The two rates the market quotes, of a period's totals (null when nothing was issued). */
export function ratesOf(totals: Totals): AnalyticsSummary["rates"] {
  return { shareRate: ratio(totals.sharedCredentials, totals.issued), returnRate: ratio(totals.earnCredentials, totals.issued) };
}

/**
 * The organization's engagement for a range: whole days from the rollups (whole months from the
 * monthly ones), the days since (today, mostly) from the events themselves, so it is never behind.
 * Throws not_found for another organization's achievement.
 */
export async function analyticsSummary(organizationId: string, range: AnalyticsRange): Promise<AnalyticsSummary> {
  const achievement = range.achievementId ? await findAnalyticsAchievement(organizationId, range.achievementId) : null;
  const watermark = (await rolledUpThrough()) ?? new Date(0);
  const [rows, previousRows, seriesRows, referrers] = await Promise.all([
    loadRows(organizationId, range.from, range.to, range.achievementId, watermark, true),
    loadRows(organizationId, range.previous.from, range.previous.to, range.achievementId, watermark, false),
    loadRolledSeries(organizationId, range, watermark),
    loadReferrers(organizationId, range, watermark),
  ]);
  const byTypeChannel = rows.filter((row) => row.g_day === 1 && row.g_achievement === 1);
  const totals = totalsOf(byTypeChannel);
  const previous = totalsOf(previousRows);
  const achievements = await achievementRows(organizationId, rows.filter((row) => row.g_achievement === 0));
  return {
    range,
    achievement,
    totals,
    previous,
    funnel: funnelOf(totals),
    rates: ratesOf(totals),
    series: seriesOf(range, [...seriesRows, ...rows.filter((row) => row.g_day === 0 && row.day)]),
    channels: channelsOf(byTypeChannel),
    achievements,
    referrers,
    bestSource: bestSourceOf(achievements),
    hasData: byTypeChannel.length > 0 || previousRows.length > 0,
  };
}

/**
 * Which rolled-up rows cover the range: days before the rollup's end (`watermark`, a midnight)
 * are rolled up; whole months among them are read from AnalyticsMonthly, the other days from
 * AnalyticsDaily. Null when no day of the range is rolled up yet.
 */
export function rolledSpan(from: string, to: string, watermark: Date): { to: string; months: { first: string; last: string; end: string } | null } | null {
  const lastRolled = addDays(isoDate(watermark), -1);
  const rolledTo = to < lastRolled ? to : lastRolled;
  if (rolledTo < from) return null;
  const first = from.endsWith("-01") ? from : nextMonth(from);
  // The last whole month ends on rolledTo, or is the month before rolledTo's.
  const last = addDays(rolledTo, 1).endsWith("-01") ? monthOf(rolledTo) : previousMonth(rolledTo);
  if (last < first) return { to: rolledTo, months: null };
  return { to: rolledTo, months: { first, last, end: addDays(nextMonth(last), -1) } };
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => {
  const date = new Date(`${monthOf(day)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return isoDate(date);
};
const previousMonth = (day: string) => {
  const date = new Date(`${monthOf(day)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - 1);
  return isoDate(date);
};

/**
 * One query: whole months from AnalyticsMonthly, other rolled-up days from AnalyticsDaily and the
 * days since from the events themselves, grouped four ways at once (GROUPING SETS): by type and
 * channel; by day (the live days only: rolled-up days come from loadRolledSeries); by
 * achievement and channel.
 */
async function loadRows(organizationId: string, from: string, to: string, achievementId: string | null, watermark: Date, detailed: boolean): Promise<Row[]> {
  const fromTs = startOfDay(from);
  const toTs = startOfDay(addDays(to, 1));
  const tailFrom = watermark > fromTs ? watermark : fromTs;
  const span = rolledSpan(from, to, watermark);
  const onAchievement = achievementId ? Prisma.sql`AND "achievementId" = ${achievementId}` : Prisma.empty;
  const onCredentialAchievement = achievementId ? Prisma.sql`AND c."achievementId" = ${achievementId}` : Prisma.empty;
  const months = span?.months
    ? Prisma.sql`
      SELECT NULL::date AS "day", "achievementId", "type", "channel", "events", "visitors", "credentials"
      FROM "AnalyticsMonthly"
      WHERE "organizationId" = ${organizationId} AND "month" BETWEEN ${span.months.first}::date AND ${span.months.last}::date ${onAchievement}
      UNION ALL`
    : Prisma.empty;
  const days = span
    ? Prisma.sql`
      SELECT NULL::date AS "day", "achievementId", "type", "channel", "events", "visitors", "credentials"
      FROM "AnalyticsDaily"
      WHERE "organizationId" = ${organizationId} AND "day" BETWEEN ${from}::date AND ${span.to}::date ${onAchievement}
        ${span.months ? Prisma.sql`AND "day" NOT BETWEEN ${span.months.first}::date AND ${span.months.end}::date` : Prisma.empty}
      UNION ALL`
    : Prisma.empty;
  const [groupings, sets] = detailed
    ? [
        Prisma.sql`GROUPING(s."day")::int AS "g_day", GROUPING(s."achievementId")::int AS "g_achievement", s."day", s."achievementId",`,
        Prisma.sql`GROUPING SETS ((s."type", s."channel"), (s."day", s."type"), (s."achievementId", s."type", s."channel"))`,
      ]
    : [Prisma.sql`1 AS "g_day", 1 AS "g_achievement",`, Prisma.sql`s."type", s."channel"`];
  return db.$queryRaw<Row[]>`
    WITH s AS (
      ${months}
      ${days}
      SELECT ${groupedEventColumns}
      FROM "CredentialEvent" e JOIN "Credential" c ON c."id" = e."credentialId"
      WHERE e."organizationId" = ${organizationId} AND e."createdAt" >= ${utcTimestamp(tailFrom)} AND e."createdAt" < ${utcTimestamp(toTs)} ${onCredentialAchievement}
      ${groupedEventKeys}
    )
    SELECT ${groupings} s."type", s."channel",
      SUM(s."events")::int AS "events", SUM(s."visitors")::int AS "visitors", SUM(s."credentials")::int AS "credentials"
    FROM s
    GROUP BY ${sets}`;
}

/** The activity chart's rolled-up days, from AnalyticsDayTotal. */
async function loadRolledSeries(organizationId: string, range: AnalyticsRange, watermark: Date): Promise<Row[]> {
  const span = rolledSpan(range.from, range.to, watermark);
  if (!span) return [];
  const onAchievement = range.achievementId ? Prisma.sql`AND "achievementId" = ${range.achievementId}` : Prisma.empty;
  return db.$queryRaw<Row[]>`
    SELECT 0 AS "g_day", 1 AS "g_achievement", "day", NULL AS "achievementId", "type", NULL AS "channel",
      SUM("events")::int AS "events", SUM("visitors")::int AS "visitors", SUM("credentials")::int AS "credentials"
    FROM "AnalyticsDayTotal"
    WHERE "organizationId" = ${organizationId} AND "day" BETWEEN ${range.from}::date AND ${span.to}::date ${onAchievement}
      AND "type" IN ('issued', 'claimed', 'shared', 'added_to_profile', 'viewed', 'clicked')
    GROUP BY "day", "type"`;
}

function totalsOf(rows: Row[]): Totals {
  const sum = (types: readonly string[], field: "events" | "visitors" | "credentials") =>
    rows.reduce((total, row) => (types.includes(row.type) ? total + row[field] : total), 0);
  return {
    issued: sum(["issued"], "events"),
    emailed: sum(["emailed"], "events"),
    opened: sum(["opened"], "credentials"),
    claimed: sum(["claimed"], "events"),
    declined: sum(["declined"], "events"),
    sharedCredentials: sum(SHARE_TYPES, "credentials"),
    shares: sum(SHARE_TYPES, "events"),
    addedToProfile: sum(["added_to_profile"], "events"),
    shareClicks: sum(["clicked"], "events"),
    earnClicks: sum(["cta_clicked"], "events"),
    earnCredentials: sum(["cta_clicked"], "credentials"),
    visitors: sum(["viewed"], "visitors"),
    views: sum(["viewed"], "events"),
    previews: sum(["previewed"], "events"),
    downloads: sum(["downloaded"], "events"),
    verified: sum(["verified"], "events"),
    revoked: sum(["revoked"], "events"),
    expired: sum(["expired"], "events"),
  };
}

function funnelOf(totals: Totals): FunnelStep[] {
  const counts: Record<FunnelStepKey, number> = {
    issued: totals.issued,
    claimed: totals.claimed,
    shared: totals.sharedCredentials,
    clicked: totals.shareClicks,
    cta_clicked: totals.earnClicks,
  };
  return FUNNEL_STEPS.map((key, index) => ({
    key,
    count: counts[key],
    rate: index === 0 ? null : ratio(counts[key], counts[FUNNEL_STEPS[index - 1]!]),
  }));
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function seriesOf(range: AnalyticsRange, rows: Row[]): SeriesPoint[] {
  const step = range.granularity === "week" ? 7 : 1;
  const points: SeriesPoint[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, step)) {
    points.push({ date: day, issued: 0, claimed: 0, shared: 0, visitors: 0, shareClicks: 0 });
  }
  for (const row of rows) {
    if (!row.day) continue;
    const point = points[Math.floor(daysBetween(range.from, row.day.toISOString().slice(0, 10)) / step)];
    if (!point) continue;
    if (row.type === "issued") point.issued += row.events;
    else if (row.type === "claimed") point.claimed += row.events;
    else if ((SHARE_TYPES as readonly string[]).includes(row.type)) point.shared += row.credentials;
    else if (row.type === "viewed") point.visitors += row.visitors;
    else if (row.type === "clicked") point.shareClicks += row.events;
  }
  return points;
}

function channelsOf(rows: Row[]): ChannelRow[] {
  const byChannel = new Map<Channel, ChannelRow>(CHANNELS.map((channel) => [channel, { channel, visitors: 0, shareClicks: 0, shares: 0 }]));
  for (const row of rows) {
    const target = byChannel.get(eventChannel(row.type, row.channel))!;
    if (row.type === "viewed") target.visitors += row.visitors;
    else if (row.type === "clicked") target.shareClicks += row.events;
    else if ((SHARE_TYPES as readonly string[]).includes(row.type)) target.shares += row.events;
  }
  return [...byChannel.values()];
}

/** The ten sites that referred the most visitors, from the referrer rollups plus today's views. */
async function loadReferrers(organizationId: string, range: AnalyticsRange, watermark: Date): Promise<{ host: string; visitors: number }[]> {
  const fromTs = startOfDay(range.from);
  const tailFrom = watermark > fromTs ? watermark : fromTs;
  const span = rolledSpan(range.from, range.to, watermark);
  const onAchievement = range.achievementId ? Prisma.sql`AND "achievementId" = ${range.achievementId}` : Prisma.empty;
  const onCredentialAchievement = range.achievementId ? Prisma.sql`AND c."achievementId" = ${range.achievementId}` : Prisma.empty;
  const months = span?.months
    ? Prisma.sql`
      SELECT "referrer", "visitors" FROM "AnalyticsReferrerMonthly"
      WHERE "organizationId" = ${organizationId} AND "month" BETWEEN ${span.months.first}::date AND ${span.months.last}::date ${onAchievement}
      UNION ALL`
    : Prisma.empty;
  const days = span
    ? Prisma.sql`
      SELECT "referrer", "visitors" FROM "AnalyticsReferrerDaily"
      WHERE "organizationId" = ${organizationId} AND "day" BETWEEN ${range.from}::date AND ${span.to}::date ${onAchievement}
        ${span.months ? Prisma.sql`AND "day" NOT BETWEEN ${span.months.first}::date AND ${span.months.end}::date` : Prisma.empty}
      UNION ALL`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ host: string; visitors: number }[]>`
    WITH s AS (
      ${months}
      ${days}
      SELECT t."referrer", t."visitors" FROM (
        SELECT ${referrerColumns}
        FROM "CredentialEvent" e JOIN "Credential" c ON c."id" = e."credentialId"
        WHERE e."organizationId" = ${organizationId} AND e."createdAt" >= ${utcTimestamp(tailFrom)} AND e."createdAt" < ${utcTimestamp(startOfDay(addDays(range.to, 1)))}
          AND ${referrerFilter} ${onCredentialAchievement}
        GROUP BY 1, 2, 3
      ) t
    )
    SELECT "referrer" AS "host", SUM("visitors")::int AS "visitors" FROM s
    GROUP BY "referrer" HAVING SUM("visitors") > 0
    ORDER BY 2 DESC, 1 ASC
    LIMIT 10`;
  return rows;
}

async function achievementRows(organizationId: string, rows: Row[]): Promise<AchievementRow[]> {
  const byId = new Map<string, Omit<AchievementRow, "name" | "shareRate" | "topChannel">>();
  for (const row of rows) {
    if (!row.achievementId) continue;
    let entry = byId.get(row.achievementId);
    if (!entry) {
      entry = { id: row.achievementId, issued: 0, claimed: 0, sharedCredentials: 0, visitors: 0, shareClicks: 0, earnClicks: 0, byChannel: {} };
      byId.set(row.achievementId, entry);
    }
    if (row.type === "issued") entry.issued += row.events;
    else if (row.type === "claimed") entry.claimed += row.events;
    else if ((SHARE_TYPES as readonly string[]).includes(row.type)) entry.sharedCredentials += row.credentials;
    else if (row.type === "cta_clicked") entry.earnClicks += row.events;
    else if (row.type === "clicked") entry.shareClicks += row.events;
    else if (row.type === "viewed") {
      entry.visitors += row.visitors;
      const channel = eventChannel(row.type, row.channel);
      entry.byChannel[channel] = (entry.byChannel[channel] ?? 0) + row.visitors;
    }
  }
  const names = new Map(
    (await db.achievement.findMany({ where: { organizationId, id: { in: [...byId.keys()] } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]),
  );
  return [...byId.values()]
    .map((entry) => ({
      ...entry,
      name: names.get(entry.id) ?? entry.id,
      shareRate: ratio(entry.sharedCredentials, entry.issued),
      topChannel: topChannelOf(entry.byChannel),
    }))
    .sort((a, b) => b.visitors - a.visitors || (b.shareRate ?? -1) - (a.shareRate ?? -1) || a.name.localeCompare(b.name));
}

function topChannelOf(byChannel: Partial<Record<Channel, number>>): Channel | null {
  let best: Channel | null = null;
  for (const channel of CHANNELS) {
    if ((byChannel[channel] ?? 0) > (best ? byChannel[best] ?? 0 : 0)) best = channel;
  }
  return best;
}

/** The achievement and network pair that brought the most visitors; "direct" is not a network. */
function bestSourceOf(achievements: AchievementRow[]): AnalyticsSummary["bestSource"] {
  let best: AnalyticsSummary["bestSource"] = null;
  for (const achievement of achievements) {
    for (const channel of CHANNELS) {
      if (channel === "direct") continue;
      const visitors = achievement.byChannel[channel] ?? 0;
      if (visitors > (best?.visitors ?? 0)) best = { achievementId: achievement.id, name: achievement.name, channel, visitors };
    }
  }
  return best;
}
