import { z } from "zod";
import { dateSchema } from "@/lib/dates";
import { idSchema } from "@/lib/ids";
import { safeText } from "@/lib/text";

/**
 * The shapes of engagement programs, shared by the REST API, the dashboard forms, the CSV
 * upload of events and the engine, so none of them can drift from the others.
 */

export const PROGRAM_VISIBILITIES = ["public", "members"] as const;
export const METRIC_AGGREGATES = ["sum", "latest"] as const;
export const RULE_KINDS = ["target", "pathway", "streak", "loyalty"] as const;
export const STREAK_UNITS = ["week", "month"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export type StreakUnit = (typeof STREAK_UNITS)[number];
export type MetricAggregate = (typeof METRIC_AGGREGATES)[number];

/**
 * Laurel's own engagement, counted for every learner of every program without being declared:
 * credentials the learner was issued by the organization, shared, and the clicks on their share
 * links. Always `sum`.
 */
export const LAUREL_METRICS = ["laurel.credentials_earned", "laurel.credentials_shared", "laurel.share_clicks"] as const;
export type LaurelMetric = (typeof LAUREL_METRICS)[number];
export const isLaurelMetric = (key: string): key is LaurelMetric => (LAUREL_METRICS as readonly string[]).includes(key);
/** The metric of the event recorded when someone joins from /p/{id}: no program can declare it (keys have no dots). */
export const PROGRAM_JOINED = "program.joined";

/** What events name: lower-case letters, digits and underscores, starting with a letter. */
export const METRIC_KEY = /^[a-z][a-z0-9_]{0,62}$/;
export const metricKeySchema = z.string().trim().regex(METRIC_KEY, { message: "invalid_metric_key" });
/** A metric a rule may read: one of the program's, or one of Laurel's. */
export const ruleMetricSchema = z.string().trim().refine((key) => METRIC_KEY.test(key) || isLaurelMetric(key), { message: "invalid_metric_key" });

/** Labels per language; English is required, others optional. */
export const labelSchema = z.object({ en: safeText().trim().min(1).max(80) }).catchall(safeText().trim().min(1).max(80));

export const metricInputSchema = z.object({
  key: metricKeySchema,
  label: z.union([safeText().trim().min(1).max(80).transform((en) => ({ en })), labelSchema]),
  unit: safeText().trim().max(30).optional(),
  aggregate: z.enum(METRIC_AGGREGATES).default("sum"),
});
export type MetricInput = z.infer<typeof metricInputSchema>;

const httpsUrl = safeText()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/ }));

const programFields = {
  name: safeText().trim().min(1).max(120),
  description: safeText().trim().max(2000),
  visibility: z.enum(PROGRAM_VISIBILITIES),
  metrics: z
    .array(metricInputSchema)
    .max(50)
    .refine((metrics) => new Set(metrics.map((m) => m.key)).size === metrics.length, { message: "duplicate_metric_key" }),
};

export const programInputSchema = z.object({
  ...programFields,
  description: programFields.description.default(""),
  visibility: programFields.visibility.default("public"),
  enrolUrl: httpsUrl.optional(),
  metrics: programFields.metrics.default([]),
});
export type ProgramInput = z.infer<typeof programInputSchema>;

/**
 * A PATCH: any field; `metrics` replaces the list (a metric that rules read cannot be dropped).
 * Built without the creation defaults, so a field left out stays as it is (a default here would
 * wipe the description and the metrics of every PATCH that does not name them).
 */
export const programPatchSchema = z.object(programFields).partial().extend({
  enrolUrl: httpsUrl.nullable().optional(),
});
export type ProgramPatch = z.infer<typeof programPatchSchema>;

const positiveInt = (max: number) => z.number().int().min(1).max(max);
const threshold = z.number().finite().min(0).max(1e12);
const ruleBase = { achievementId: idSchema };

export const targetRuleSchema = z.object({ ...ruleBase, kind: z.literal("target"), metric: ruleMetricSchema, atLeast: threshold });
export const pathwayRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal("pathway"),
  requires: z.array(idSchema).min(1).max(50),
  /** Any N of `requires`; all of them when absent. */
  count: positiveInt(50).optional(),
  /** Revoke the pathway badge when a credential it counted is revoked (default: keep it). */
  revokeWithRequirements: z.boolean().default(false),
});
export const streakRuleSchema = z.object({ ...ruleBase, kind: z.literal("streak"), metric: ruleMetricSchema, periods: positiveInt(520), unit: z.enum(STREAK_UNITS) });
/** Loyalty: N months since the first activity, or N activities of a metric within a window of days. */
export const loyaltyRuleSchema = z.union([
  z.object({ ...ruleBase, kind: z.literal("loyalty"), months: positiveInt(600) }).strict(),
  z.object({ ...ruleBase, kind: z.literal("loyalty"), metric: ruleMetricSchema, atLeast: positiveInt(1_000_000), withinDays: positiveInt(3660) }).strict(),
]);

export const ruleInputSchema = z.union([targetRuleSchema, pathwayRuleSchema, streakRuleSchema, loyaltyRuleSchema]).superRefine((rule, context) => {
  if (rule.kind === "pathway") {
    if (new Set(rule.requires).size !== rule.requires.length) context.addIssue({ code: "custom", path: ["requires"], message: "duplicate_achievement" });
    if (rule.requires.includes(rule.achievementId)) context.addIssue({ code: "custom", path: ["requires"], message: "requires_itself" });
    if (rule.count !== undefined && rule.count > rule.requires.length) context.addIssue({ code: "custom", path: ["count"], message: "count_above_requires" });
  }
});
export type RuleInput = z.infer<typeof ruleInputSchema>;

export const MAX_EVENTS_PER_REQUEST = 1000;
/** An event may be dated at most this far in the future (clocks drift). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * One event as the API and the CSV take it. Checks that need the program (does the metric
 * exist, is a `sum` value negative) are the engine's; this is what can be checked alone.
 */
export const eventInputSchema = z.object({
  id: safeText().trim().min(1).max(200),
  learner: z.object({
    email: safeText().trim().toLowerCase().max(320).pipe(z.email()),
    name: safeText().trim().max(200).optional(),
  }),
  programId: idSchema,
  /** Laurel's own metrics are counted by Laurel; a sender cannot post them. */
  metric: metricKeySchema,
  value: z.number().finite().min(-1e12).max(1e12),
  occurredAt: dateSchema.optional(),
});
export type EventInput = z.infer<typeof eventInputSchema>;

/** A leaderboard ranks over all time, this calendar month (UTC) or the last 30 days. */
export const LEADERBOARD_PERIODS = ["all", "month", "30d"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];
export const LEADERBOARD_SIZES = [5, 10, 25, 50] as const;

/** The designer's leaderboard settings: off (no `enabled`), or a metric, a period and a size. */
export const leaderboardSettingsSchema = z.object({
  programId: idSchema,
  enabled: z.enum(["on"]).optional(),
  metric: ruleMetricSchema.optional(),
  period: z.enum(LEADERBOARD_PERIODS).default("all"),
  size: z.coerce.number().int().refine((n) => (LEADERBOARD_SIZES as readonly number[]).includes(n), { message: "invalid_size" }).default(10),
});
export type LeaderboardSettingsInput = z.infer<typeof leaderboardSettingsSchema>;
