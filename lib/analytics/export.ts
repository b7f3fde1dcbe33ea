import "server-only";
import { Prisma } from "@/lib/db/generated/client.ts";
import { csvLine, writeCsv, type CsvValue } from "@/lib/csv/write";
import { db } from "@/lib/db";
import { publicUrls } from "@/lib/issuing/urls";
import { log } from "@/lib/log";
import { addDays, startOfDay, type AnalyticsRange } from "./range";
import { BENCHMARKS, findAnalyticsAchievement, type AnalyticsSummary } from "./summary";
import { utcTimestamp } from "./sql";

/**
 * The analytics CSV exports: the funnel (one small table of labelled sections) and the raw
 * events of a range, streamed page by page so a million events never sit in memory.
 */

/** `analytics-{slug}-{from}-{to}-funnel.csv`: the kind last, so both exports of a range can sit side by side. */
export function analyticsCsvFilename(orgSlug: string, range: Pick<AnalyticsRange, "from" | "to">, kind: "funnel" | "events"): string {
  return `analytics-${orgSlug}-${range.from}-${range.to}-${kind}.csv`;
}

export const FUNNEL_CSV_HEADER = [
  "section", "name", "count", "rate_from_previous", "previous_count", "rate", "benchmark_low", "benchmark_high",
  "visitors", "share_clicks", "shares", "issued", "claimed", "shared_credentials", "earn_clicks", "top_channel", "id", "url",
] as const;
type FunnelColumn = (typeof FUNNEL_CSV_HEADER)[number];

/** Rates as fractions (0.3 is 30%), to four places: a spreadsheet formats them as it likes. */
const fraction = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

/**
 * The funnel export, one row per fact, each labelled by `section`:
 * range, achievement (when narrowed to one), funnel (one per step: count, rate_from_previous,
 * previous_count), rate (share_rate and return_rate with the market's benchmark), channel,
 * achievement (each with activity, most visitors first), referrer (top 10), best_source.
 */
export function funnelCsv(summary: AnalyticsSummary): string {
  const rows: CsvValue[][] = [];
  const row = (cells: Partial<Record<FunnelColumn, CsvValue>>) => rows.push(FUNNEL_CSV_HEADER.map((column) => cells[column]));
  const { range } = summary;

  row({ section: "range", name: `${range.from}/${range.to}`, count: range.days });
  if (summary.achievement) {
    row({ section: "filter", name: summary.achievement.name, id: summary.achievement.id, url: publicUrls.achievement(summary.achievement.id) });
  }
  const previousCounts = {
    issued: summary.previous.issued,
    claimed: summary.previous.claimed,
    shared: summary.previous.sharedCredentials,
    clicked: summary.previous.shareClicks,
    cta_clicked: summary.previous.earnClicks,
  };
  for (const step of summary.funnel) {
    row({ section: "funnel", name: step.key, count: step.count, rate_from_previous: fraction(step.rate), previous_count: previousCounts[step.key] });
  }
  row({ section: "rate", name: "share_rate", rate: fraction(summary.rates.shareRate), benchmark_low: BENCHMARKS.shareRate.low, benchmark_high: BENCHMARKS.shareRate.high });
  row({ section: "rate", name: "return_rate", rate: fraction(summary.rates.returnRate), benchmark_low: BENCHMARKS.returnRate.low, benchmark_high: BENCHMARKS.returnRate.high });
  for (const channel of summary.channels) {
    row({ section: "channel", name: channel.channel, visitors: channel.visitors, share_clicks: channel.shareClicks, shares: channel.shares });
  }
  for (const achievement of summary.achievements) {
    row({
      section: "achievement",
      name: achievement.name,
      rate: fraction(achievement.shareRate),
      visitors: achievement.visitors,
      share_clicks: achievement.shareClicks,
      issued: achievement.issued,
      claimed: achievement.claimed,
      shared_credentials: achievement.sharedCredentials,
      earn_clicks: achievement.earnClicks,
      top_channel: achievement.topChannel,
      id: achievement.id,
      url: publicUrls.achievement(achievement.id),
    });
  }
  for (const referrer of summary.referrers) row({ section: "referrer", name: referrer.host, visitors: referrer.visitors });
  if (summary.bestSource) {
    const best = summary.bestSource;
    row({ section: "best_source", name: best.name, visitors: best.visitors, top_channel: best.channel, id: best.achievementId, url: publicUrls.achievement(best.achievementId) });
  }
  return writeCsv(FUNNEL_CSV_HEADER, rows);
}

export const EVENTS_CSV_HEADER = [
  "created_at", "type", "channel", "credential_id", "credential_url", "achievement_id", "achievement_name", "referrer", "visitor", "crawler_agent",
] as const;

/** Events per database round trip. */
export const EVENTS_PAGE_SIZE = 5_000;
/**
 * The most events one export holds; past it a last row says the export stopped there, and a
 * shorter range gets the rest.
 */
export const MAX_EXPORT_EVENTS = 1_000_000;

type EventRow = {
  id: string;
  createdAt: Date;
  type: string;
  channel: string | null;
  credentialId: string;
  achievementId: string;
  achievementName: string;
  referrer: string | null;
  visitor: string | null;
  agent: string | null;
};

async function eventsPage(organizationId: string, range: AnalyticsRange, after: { createdAt: Date; id: string } | null, limit: number): Promise<EventRow[]> {
  const onAchievement = range.achievementId ? Prisma.sql`AND c."achievementId" = ${range.achievementId}` : Prisma.empty;
  const afterLast = after ? Prisma.sql`AND (e."createdAt", e."id") > (${utcTimestamp(after.createdAt)}, ${after.id})` : Prisma.empty;
  // Only the referring host and the daily visitor pseudonym leave the data column: never an IP.
  return db.$queryRaw<EventRow[]>`
    SELECT e."id", e."createdAt", e."type", e."channel", e."credentialId", c."achievementId", a."name" AS "achievementName",
      e."data"->>'referrer' AS "referrer", e."data"->>'visitor' AS "visitor",
      CASE WHEN e."type" = 'previewed' THEN e."data"->>'agent' END AS "agent"
    FROM "CredentialEvent" e
    JOIN "Credential" c ON c."id" = e."credentialId" AND c."organizationId" = e."organizationId"
    JOIN "Achievement" a ON a."id" = c."achievementId"
    WHERE e."organizationId" = ${organizationId}
      AND e."createdAt" >= ${utcTimestamp(startOfDay(range.from))} AND e."createdAt" < ${utcTimestamp(startOfDay(addDays(range.to, 1)))}
      ${onAchievement} ${afterLast}
    ORDER BY e."createdAt", e."id"
    LIMIT ${limit}`;
}

function eventLine(event: EventRow): string {
  return csvLine([
    event.createdAt.toISOString(),
    event.type,
    event.channel,
    event.credentialId,
    publicUrls.credential(event.credentialId),
    event.achievementId,
    event.achievementName,
    event.referrer,
    event.visitor,
    event.agent,
  ]);
}

/**
 * The raw events of a range (and achievement), oldest first, as a CSV stream: pages of
 * `pageSize` by (createdAt, id), each fetched when the reader asks for more. Throws not_found
 * for an achievement of another organization before anything is sent.
 */
export async function eventsCsvStream(
  organizationId: string,
  range: AnalyticsRange,
  options: { pageSize?: number; maxRows?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  if (range.achievementId) await findAnalyticsAchievement(organizationId, range.achievementId);
  const pageSize = options.pageSize ?? EVENTS_PAGE_SIZE;
  const maxRows = options.maxRows ?? MAX_EXPORT_EVENTS;
  const encoder = new TextEncoder();
  let last: { createdAt: Date; id: string } | null = null;
  let written = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(EVENTS_CSV_HEADER)}\r\n`));
    },
    async pull(controller) {
      try {
        // One more than fits tells a full export from a cut one.
        const page = await eventsPage(organizationId, range, last, Math.min(pageSize, maxRows - written + 1));
        const fits = page.slice(0, maxRows - written);
        if (fits.length > 0) {
          controller.enqueue(encoder.encode(fits.map((event) => `${eventLine(event)}\r\n`).join("")));
          written += fits.length;
          last = fits[fits.length - 1]!;
        }
        if (page.length > fits.length) {
          controller.enqueue(encoder.encode(`${csvLine([`# truncated after ${maxRows} events: export a shorter range for the rest`])}\r\n`));
          controller.close();
        } else if (page.length < pageSize) {
          controller.close();
        }
      } catch (error) {
        log.error({ err: error, organizationId }, "analytics events export failed");
        controller.error(error);
      }
    },
  });
}
