import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { eventChannel, shareChannel, type Channel } from "./channels";
import type { CredentialEventType } from "./events";
import { SHARE_TYPES } from "./sql";

/**
 * Kinds that repeat by the hundred on a shared credential: the timeline folds them into one
 * entry per UTC day and kind instead of listing every event.
 */
export const FOLDED_TYPES = ["viewed", "previewed", "clicked", "cta_clicked", "downloaded", "verified"] as const;
export type FoldedType = (typeof FOLDED_TYPES)[number];
export type MilestoneType = Exclude<CredentialEventType, FoldedType>;

/** At most this many entries (milestones and day groups), newest first. */
export const TIMELINE_LIMIT = 200;

export type TimelineMilestone = {
  kind: "milestone";
  id: string;
  type: MilestoneType;
  at: Date;
  /** The network of a share; null for everything else. */
  channel: Channel | null;
  /** An `issued` credential that an engagement program awarded: why (the rule, the metric, the event). */
  award?: TimelineAward;
};

/** What a program award records in its credential's `issued` event (see lib/programs/ingest.ts AwardReason). */
export type TimelineAward = {
  programId: string;
  programName: string;
  ruleId: string;
  kind: string;
  description: string;
  metric?: string;
  metricLabel?: string;
  value?: number;
  eventId?: string;
  credentials?: string[];
};

export type TimelineGroup = {
  kind: "group";
  type: FoldedType;
  /** The UTC day (YYYY-MM-DD). */
  day: string;
  first: Date;
  last: Date;
  count: number;
  /** Distinct visitors that day (a visitor's pseudonym changes daily). */
  visitors: number;
  /**
   * Most first. Views and share-link clicks: the channel (see CHANNELS); previews: the crawler's
   * name ("" when unknown); downloads: the format. Empty for kinds that carry none.
   */
  breakdown: { key: string; count: number }[];
};

export type TimelineEntry = TimelineMilestone | TimelineGroup;

export type CredentialEngagement = {
  /** People viewing the credential's pages: distinct visitors per day, added up. */
  visitors: number;
  /** Page views by people (crawler previews are never views). */
  views: number;
  /** Share actions on every network, opening LinkedIn's add-to-profile included. */
  shares: number;
  /** Follows of the credential's tracked share links. */
  shareClicks: number;
  /** "Earn this badge" clicks. */
  earnClicks: number;
  downloads: number;
  /** Link-preview crawlers (LinkedInBot, Twitterbot…). */
  previews: number;
  /** Fetches of the signed credential by verifiers. */
  verifications: number;
};

export type CredentialTimeline = {
  entries: TimelineEntry[];
  engagement: CredentialEngagement;
  /** Whether anyone engaged with it yet (any count but verifications). */
  hasEngagement: boolean;
  /** Older entries were left out (more than TIMELINE_LIMIT). */
  truncated: boolean;
};

type GroupRow = {
  day: Date;
  type: string;
  key: string | null;
  g_key: number;
  events: number;
  visitors: number;
  first: Date;
  last: Date;
};

const FOLDED = FOLDED_TYPES as readonly string[];

/**
 * A credential's timeline as its issuer reads it: milestones one by one and the repetitive kinds
 * folded per day, newest first, with the engagement totals. Two queries: the counts grouped by
 * day, kind and channel in SQL, and the latest milestones. Throws not_found unless the credential
 * belongs to the organization.
 */
export async function credentialTimeline(organizationId: string, credentialId: string): Promise<CredentialTimeline> {
  const [credential, rows] = await Promise.all([
    db.credential.findFirst({
      where: { id: credentialId, organizationId },
      select: {
        id: true,
        events: {
          where: { type: { notIn: [...FOLDED_TYPES] } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: TIMELINE_LIMIT + 1,
          select: { id: true, type: true, channel: true, createdAt: true, data: true },
        },
      },
    }),
    db.$queryRaw<GroupRow[]>`
      SELECT g."day", g."type", g."key", GROUPING(g."key")::int AS "g_key",
        COUNT(*)::int AS "events", COUNT(DISTINCT g."visitor")::int AS "visitors",
        MIN(g."createdAt") AS "first", MAX(g."createdAt") AS "last"
      FROM (
        SELECT (e."createdAt")::date AS "day", e."type",
          CASE WHEN e."type" = 'previewed' THEN COALESCE(LEFT(e."data"->>'agent', 60), '') ELSE COALESCE(e."channel", '') END AS "key",
          e."data"->>'visitor' AS "visitor", e."createdAt"
        FROM "CredentialEvent" e
        WHERE e."organizationId" = ${organizationId} AND e."credentialId" = ${credentialId}
      ) g
      GROUP BY GROUPING SETS ((g."day", g."type"), (g."day", g."type", g."key"))`,
  ]);
  if (!credential) throw notFound("Credential not found");

  const dayRows = rows.filter((row) => row.g_key === 1);
  const engagement = engagementOf(dayRows);
  const groups = groupsOf(dayRows, rows.filter((row) => row.g_key === 0));
  const milestones: TimelineMilestone[] = credential.events.map((event) => ({
    kind: "milestone",
    id: event.id,
    type: event.type as MilestoneType,
    at: event.createdAt,
    channel: (SHARE_TYPES as readonly string[]).includes(event.type) ? shareChannel(event.channel) : null,
    ...awardOf(event.type, event.data),
  }));
  const merged = mergeNewestFirst(milestones, groups);
  return {
    entries: merged.slice(0, TIMELINE_LIMIT),
    engagement,
    // Verifiers are machines checking it: their fetches alone are no one's attention.
    hasEngagement: Object.entries(engagement).some(([key, count]) => key !== "verifications" && count > 0),
    truncated: merged.length > TIMELINE_LIMIT,
  };
}

/** The program award an `issued` event carries, if any (other events' data stays private). */
function awardOf(type: string, data: unknown): { award?: TimelineAward } {
  const award = type === "issued" && data && typeof data === "object" ? (data as { award?: unknown }).award : undefined;
  if (!award || typeof award !== "object") return {};
  const a = award as Record<string, unknown>;
  if (typeof a.ruleId !== "string" || typeof a.description !== "string") return {};
  return {
    award: {
      programId: String(a.programId ?? ""),
      programName: String(a.programName ?? ""),
      ruleId: a.ruleId,
      kind: String(a.kind ?? ""),
      description: a.description,
      ...(typeof a.metric === "string" ? { metric: a.metric } : {}),
      ...(typeof a.metricLabel === "string" ? { metricLabel: a.metricLabel } : {}),
      ...(typeof a.value === "number" ? { value: a.value } : {}),
      ...(typeof a.eventId === "string" ? { eventId: a.eventId } : {}),
      ...(Array.isArray(a.credentials) ? { credentials: a.credentials.filter((c): c is string => typeof c === "string") } : {}),
    },
  };
}

function engagementOf(dayRows: GroupRow[]): CredentialEngagement {
  const sum = (types: readonly string[], field: "events" | "visitors") =>
    dayRows.reduce((total, row) => (types.includes(row.type) ? total + row[field] : total), 0);
  return {
    visitors: sum(["viewed"], "visitors"),
    views: sum(["viewed"], "events"),
    shares: sum(SHARE_TYPES, "events"),
    shareClicks: sum(["clicked"], "events"),
    earnClicks: sum(["cta_clicked"], "events"),
    downloads: sum(["downloaded"], "events"),
    previews: sum(["previewed"], "events"),
    verifications: sum(["verified"], "events"),
  };
}

/** The breakdown key of a folded event: channels as the charts name them, the rest as recorded. */
function breakdownKey(type: FoldedType, key: string): string | null {
  switch (type) {
    case "viewed":
    case "clicked":
      return eventChannel(type, key);
    case "previewed":
    case "downloaded":
      return key;
    default:
      // "Earn this badge" is clicked on the credential page itself; verifiers carry no channel.
      return null;
  }
}

function groupsOf(dayRows: GroupRow[], keyRows: GroupRow[]): TimelineGroup[] {
  const groups = new Map<string, TimelineGroup>();
  const id = (day: Date, type: string) => `${day.toISOString().slice(0, 10)}|${type}`;
  for (const row of dayRows) {
    if (!FOLDED.includes(row.type)) continue;
    groups.set(id(row.day, row.type), {
      kind: "group",
      type: row.type as FoldedType,
      day: row.day.toISOString().slice(0, 10),
      first: row.first,
      last: row.last,
      count: row.events,
      visitors: row.visitors,
      breakdown: [],
    });
  }
  for (const row of keyRows) {
    const group = groups.get(id(row.day, row.type));
    if (!group) continue;
    const key = breakdownKey(group.type, row.key ?? "");
    if (key === null) continue;
    const existing = group.breakdown.find((item) => item.key === key);
    if (existing) existing.count += row.events;
    else group.breakdown.push({ key, count: row.events });
  }
  for (const group of groups.values()) group.breakdown.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return [...groups.values()];
}

/** Newest first; a day's group goes above a milestone of the same moment (it happened since). */
function mergeNewestFirst(milestones: TimelineMilestone[], groups: TimelineGroup[]): TimelineEntry[] {
  const time = (entry: TimelineEntry) => (entry.kind === "group" ? entry.last : entry.at).getTime();
  return [...milestones, ...groups].sort((a, b) => time(b) - time(a) || (a.kind === b.kind ? 0 : a.kind === "group" ? -1 : 1));
}

export type EngagementCounts = { visitors: number; shares: number; shareClicks: number };

/**
 * Visitors, shares and share-link clicks of each listed credential of the organization, in one
 * grouped query; credentials with none are missing from the map.
 */
export async function credentialEngagementCounts(organizationId: string, credentialIds: string[]): Promise<Map<string, EngagementCounts>> {
  if (credentialIds.length === 0) return new Map();
  const rows = await db.$queryRaw<({ credentialId: string } & EngagementCounts)[]>`
    SELECT e."credentialId",
      -- a visitor's pseudonym changes daily: distinct (day, visitor) pairs are visitors per day, added up
      (COUNT(DISTINCT (e."createdAt")::date::text || ' ' || (e."data"->>'visitor')) FILTER (WHERE e."type" = 'viewed'))::int AS "visitors",
      (COUNT(*) FILTER (WHERE e."type" IN ('shared', 'added_to_profile')))::int AS "shares",
      (COUNT(*) FILTER (WHERE e."type" = 'clicked'))::int AS "shareClicks"
    FROM "CredentialEvent" e
    WHERE e."organizationId" = ${organizationId} AND e."credentialId" = ANY(${credentialIds}::text[])
      AND e."type" IN ('viewed', 'shared', 'added_to_profile', 'clicked')
    GROUP BY e."credentialId"`;
  return new Map(rows.map(({ credentialId, ...counts }) => [credentialId, counts]));
}
