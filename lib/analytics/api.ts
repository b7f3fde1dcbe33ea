import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { publicUrls } from "@/lib/issuing/urls";
import { ENGAGEMENT_KINDS } from "@/lib/email/engagement/kinds";
import type { EngagementEmailRow } from "@/lib/email/engagement/report";
import { programInsightsResponseSchema, type ProgramInsightsResponse } from "@/lib/programs/insights-api";
import { CHANNELS, type Channel } from "./channels";
import { analyticsQuerySchema } from "./range";
import { BENCHMARKS, FUNNEL_STEPS, ratesOf, type AnalyticsSummary } from "./summary";

/**
 * The REST API's analytics shapes (GET /api/v1/analytics/summary): the query it accepts and the
 * answer it gives, documented in the OpenAPI document from these schemas.
 */

/**
 * The dashboard's query, but a parameter the API does not know is refused rather than ignored:
 * `?achievement=` for `?achievementId=` would otherwise answer with the whole organization.
 */
export const analyticsSummaryQuerySchema = analyticsQuerySchema
  .safeExtend({
    from: analyticsQuerySchema.shape.from.describe("First day, YYYY-MM-DD (UTC, included). Default: 29 days before `to`"),
    to: analyticsQuerySchema.shape.to.describe("Last day, YYYY-MM-DD (UTC, included). Default: today. At most 731 days in all"),
    achievementId: analyticsQuerySchema.shape.achievementId.describe("Only this achievement's credentials"),
    compare: analyticsQuerySchema.shape.compare.describe("What `previous` covers: `period` (default), the same number of days just before; `month`, the same days one calendar month earlier"),
    programId: z
      .preprocess((value) => (value === "" ? undefined : value), idSchema.optional())
      .describe("Also answer this engagement program's figures, in `program`"),
  })
  .catchall(z.unknown().refine(() => false, { message: "unknown_parameter" }));

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().nonnegative();
const rate = z.number().nonnegative().nullable();

const totalsSchema = z.object({
  issued: count.describe("Credentials issued"),
  emailed: count.describe("Claim emails sent"),
  opened: count.describe("Credentials whose claim email link was opened"),
  claimed: count.describe("Credentials accepted by their learner"),
  declined: count.describe("Credentials declined by their learner"),
  sharedCredentials: count.describe("Credentials shared for the first time (any network, or LinkedIn's add-to-profile opened)"),
  shares: count.describe("Share actions, every channel"),
  addedToProfile: count.describe("Times LinkedIn's add-to-profile form was opened from a credential's share buttons (a click: LinkedIn does not report whether the credential was then added)"),
  shareClicks: count.describe("Follows of tracked share links"),
  earnClicks: count.describe('"Earn this badge" clicks'),
  earnCredentials: count.describe('Credentials that sent a first visitor to "Earn this badge"'),
  visitors: count.describe("People viewing credential pages: distinct visitors per day, added up"),
  views: count.describe("Credential page views by people"),
  previews: count.describe("Link-preview crawler fetches (never counted as views)"),
  downloads: count,
  verified: count.describe("Fetches of the signed credential by verifiers"),
  revoked: count,
  expired: count,
});

const ratesSchema = z.object({
  shareRate: rate.describe("sharedCredentials / issued; null when none were issued"),
  returnRate: rate.describe("earnCredentials / issued: credentials that sent a visitor back; null when none were issued"),
});

const band = z.object({ low: z.number(), high: z.number() });
const channel = z.enum(CHANNELS);

export const analyticsSummaryResponseSchema = z.object({
  from: day.describe("First day of the range (UTC, included)"),
  to: day.describe("Last day of the range (UTC, included)"),
  days: z.number().int().positive(),
  granularity: z.enum(["day", "week"]).describe("The bucket of `series`: weeks past 60 days"),
  achievementId: z.string().nullable().describe("The achievement the answer is narrowed to, or null for the whole organization"),
  totals: totalsSchema,
  previous: z
    .object({ from: day, to: day, totals: totalsSchema, rates: ratesSchema })
    .describe("The same number of days just before, for comparison"),
  funnel: z
    .array(z.object({ step: z.enum(FUNNEL_STEPS), count, rate: rate.describe("This step over the one before (clicks may pass 1); null first or after 0") }))
    .describe("issued → claimed → shared → clicked (share links) → cta_clicked (earn this badge)"),
  rates: ratesSchema.describe("Fractions (0.3 is 30%), like every rate here; null when there is nothing to divide by"),
  benchmarks: z
    .object({ shareRate: band, returnRate: band })
    .describe("What the market quotes: 5–33% of credentials shared, 0–10% sending a visitor back to the issuer"),
  series: z
    .array(z.object({ date: day.describe("First day of the bucket"), issued: count, claimed: count, shared: count, visitors: count, shareClicks: count }))
    .describe("One point per day or week of the range, oldest first"),
  channels: z.array(z.object({ channel, visitors: count, shareClicks: count, shares: count })).describe("Every channel, in a fixed order"),
  achievements: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        url: z.url().describe("The achievement's public page: /b/{id}"),
        issued: count,
        claimed: count,
        sharedCredentials: count,
        shareRate: rate,
        visitors: count,
        shareClicks: count,
        earnClicks: count,
        topChannel: channel.nullable().describe("The channel that brought most visitors"),
        byChannel: z.record(channel, count).describe("Visitors by channel"),
      }),
    )
    .describe("Every achievement with activity in the range, most visitors first"),
  referrers: z.array(z.object({ host: z.string(), visitors: count })).describe("Top 10 referring sites by visitors"),
  bestSource: z
    .object({ achievementId: z.string(), name: z.string(), url: z.url(), channel, visitors: count })
    .nullable()
    .describe("The achievement and network (direct aside) that brought the most visitors"),
  hasData: z.boolean().describe("False when nothing happened in the range or the one before"),
  emails: z
    .array(
      z.object({
        kind: z.enum(ENGAGEMENT_KINDS).describe("claim_reminder, expiry_reminder, one_step_away, level_reached or re_engagement"),
        goal: z.enum(["claim", "renewal", "progress", "share"]).describe("What the email asks for, as `converted` counts it"),
        sent: count,
        opened: count.describe("Emails one of whose links was followed (Laurel's redirect records it; no tracking pixels)"),
        converted: count.describe("Emails after which the person claimed, renewed, made progress in the program or shared"),
      }),
    )
    .describe("The emails that bring people back, per kind, for emails sent in the range"),
  program: programInsightsResponseSchema
    .nullable()
    .describe("With `programId`: the program's learners (active, progressing, completed, inactive, returned), its funnel, awards per day and levels; null otherwise"),
});

export type AnalyticsSummaryResponse = z.infer<typeof analyticsSummaryResponseSchema>;

const allChannels = (byChannel: Partial<Record<Channel, number>>) =>
  Object.fromEntries(CHANNELS.map((name) => [name, byChannel[name] ?? 0])) as Record<Channel, number>;

/** The summary in the API's stable shape (field names are a contract: add, never rename). */
export function presentAnalyticsSummary(summary: AnalyticsSummary, program: ProgramInsightsResponse | null = null, emails: EngagementEmailRow[] = []): AnalyticsSummaryResponse {
  const { range } = summary;
  return {
    from: range.from,
    to: range.to,
    days: range.days,
    granularity: range.granularity,
    achievementId: range.achievementId,
    totals: summary.totals,
    previous: { from: range.previous.from, to: range.previous.to, totals: summary.previous, rates: ratesOf(summary.previous) },
    funnel: summary.funnel.map((step) => ({ step: step.key, count: step.count, rate: step.rate })),
    rates: summary.rates,
    benchmarks: { shareRate: { ...BENCHMARKS.shareRate }, returnRate: { ...BENCHMARKS.returnRate } },
    series: summary.series,
    channels: summary.channels,
    achievements: summary.achievements.map((row) => ({
      id: row.id,
      name: row.name,
      url: publicUrls.achievement(row.id),
      issued: row.issued,
      claimed: row.claimed,
      sharedCredentials: row.sharedCredentials,
      shareRate: row.shareRate,
      visitors: row.visitors,
      shareClicks: row.shareClicks,
      earnClicks: row.earnClicks,
      topChannel: row.topChannel,
      byChannel: allChannels(row.byChannel),
    })),
    referrers: summary.referrers,
    bestSource: summary.bestSource ? { ...summary.bestSource, url: publicUrls.achievement(summary.bestSource.achievementId) } : null,
    hasData: summary.hasData,
    emails,
    program,
  };
}
