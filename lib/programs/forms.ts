import { z } from "zod";
import { dateSchema } from "@/lib/dates";
import { parseInput } from "@/lib/errors";
import { idSchema } from "@/lib/ids";
import { safeText } from "@/lib/text";
import {
  labelSchema,
  loyaltyRuleSchema,
  metricInputSchema,
  pathwayRuleSchema,
  programInputSchema,
  programPatchSchema,
  RULE_KINDS,
  ruleInputSchema,
  streakRuleSchema,
  targetRuleSchema,
  type RuleInput,
} from "./schemas";

/**
 * The dashboard's program forms as flat fields ("metrics.0.label.es", "requires.{id}"), turned
 * into the shared shapes of schemas.ts. Field names follow the input's paths, so a refusal lands
 * beside the field that caused it.
 */

type Flat = Record<string, unknown>;

/** "metrics.0.label.en" → { metrics: { 0: { label: { en } } } }, dropping empty strings. */
function unflatten(flat: Flat): Flat {
  const root: Flat = {};
  for (const [path, raw] of Object.entries(flat)) {
    const value = typeof raw === "string" ? raw.trim() : raw;
    if (value === "" || value === undefined) continue;
    const keys = path.split(".");
    let node: Flat = root;
    for (const key of keys.slice(0, -1)) {
      if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
      node = node[key] as Flat;
    }
    node[keys[keys.length - 1]] = value;
  }
  return root;
}

const rowsOf = (value: unknown): unknown[] =>
  value && typeof value === "object"
    ? Object.entries(value as Flat)
        .filter(([index]) => /^\d+$/.test(index))
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, row]) => row)
    : [];

/** A number typed into a form; anything else is left for zod to refuse by name. */
const numberOf = (value: unknown) => (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value);

// A metric row of the form: the label is the English and Spanish fields (Spanish optional).
const metricFormSchema = metricInputSchema.extend({ label: labelSchema });

/** The program form: details and the whole list of metrics. `programId` present = an edit. */
export const programFormSchema = z.preprocess(
  (form) => {
    const input = unflatten(form as Flat);
    return { ...input, metrics: rowsOf(input.metrics), enrolUrl: input.enrolUrl ?? null };
  },
  z.object({
    programId: idSchema.optional(),
    name: programInputSchema.shape.name,
    description: programInputSchema.shape.description,
    visibility: programInputSchema.shape.visibility,
    enrolUrl: programPatchSchema.shape.enrolUrl,
    metrics: z
      .array(metricFormSchema)
      .max(50)
      .refine((metrics) => new Set(metrics.map((m) => m.key)).size === metrics.length, { message: "duplicate_metric_key" }),
  }),
);
export type ProgramForm = z.infer<typeof programFormSchema>;

export const APPLY_CHOICES = ["ask", "now", "later"] as const;

/** The fields of the "Add rule" form, before the rule itself is read by its kind. */
export const ruleFormSchema = z.preprocess(
  (form) => ({ ...(form as Flat), draft: form }),
  z.object({
    programId: idSchema,
    /** ask: add it unless people already qualify (then say how many); now: add and award them; later: add, award from now on. */
    apply: z.enum(APPLY_CHOICES).default("ask"),
    draft: z.record(z.string(), z.unknown()),
  }),
);

const SCHEMA_OF_KIND = { target: targetRuleSchema, pathway: pathwayRuleSchema, streak: streakRuleSchema } as const;

/**
 * Reads the rule of the "Add rule" form: the kind picks the fields, each checked by the shared
 * schema for that kind (so errors name `atLeast`, `periods`, `requires`…), then the checks that
 * span fields (a pathway requiring itself, a count above the list).
 */
export function ruleFromForm(draft: Flat): RuleInput {
  const kind = parseInput(z.object({ kind: z.enum(RULE_KINDS) }), draft).kind;
  const base = { achievementId: draft.achievementId, kind };
  let candidate: Flat;
  switch (kind) {
    case "target":
      candidate = { ...base, metric: draft.metric, atLeast: numberOf(draft.atLeast) };
      break;
    case "pathway":
      candidate = {
        ...base,
        // One checkbox per achievement, named requires.{achievementId}.
        requires: Object.keys(draft)
          .filter((key) => key.startsWith("requires.") && draft[key] === "on")
          .map((key) => key.slice("requires.".length)),
        ...(draft.count !== undefined && draft.count !== "" && { count: numberOf(draft.count) }),
        revokeWithRequirements: draft.revokeWithRequirements === "on",
      };
      break;
    case "streak":
      candidate = { ...base, metric: draft.metric, periods: numberOf(draft.periods), unit: draft.unit };
      break;
    default:
      candidate =
        draft.loyaltyMode === "activities"
          ? { ...base, metric: draft.metric, atLeast: numberOf(draft.atLeast), withinDays: numberOf(draft.withinDays) }
          : { ...base, months: numberOf(draft.months) };
  }
  const parsed = kind === "loyalty" ? parseLoyalty(candidate) : parseInput(SCHEMA_OF_KIND[kind], candidate);
  return parseInput(ruleInputSchema, parsed);
}

// The loyalty schema is a union of two strict shapes; read the one the form chose, so its errors name fields.
function parseLoyalty(candidate: Flat) {
  const [months, activities] = loyaltyRuleSchema.options;
  return "months" in candidate ? parseInput(months, candidate) : parseInput(activities, candidate);
}

/** "Send this event for me": one event, as the admin typed it, to try without writing anything. */
export const testEventFormSchema = z.object({
  programId: idSchema,
  metric: safeText().trim().min(1).max(63),
  value: z.preprocess(numberOf, z.number().finite().min(-1e12).max(1e12)),
  email: safeText().trim().toLowerCase().max(320).pipe(z.email()),
  occurredAt: z.preprocess((value) => (value === "" ? undefined : value), dateSchema.optional()),
});
