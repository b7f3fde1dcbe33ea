// The REST API's program shapes, free of server imports: the OpenAPI document and the reference
// page read them. Request bodies ARE the shared program schemas (./schemas.ts).
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { safeText } from "@/lib/text";
import { eventInputSchema, LEADERBOARD_PERIODS, MAX_EVENTS_PER_REQUEST, METRIC_AGGREGATES, PROGRAM_VISIBILITIES, programInputSchema, programPatchSchema, ruleInputSchema, RULE_KINDS, STREAK_UNITS } from "./schemas";

const unknownParameter = z.unknown().refine(() => false, { message: "unknown_parameter" });
const timestamp = z.iso.datetime();

export const programBodySchema = programInputSchema;
/** A PATCH names at least one field: an empty one is a mistake, not a no-op. */
export const programPatchBodySchema = programPatchSchema.refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "empty_patch" });
export const ruleBodySchema = ruleInputSchema;

export const listProgramsQuerySchema = z
  .object({ archived: z.enum(["true", "false"]).optional().describe("true: archived programs too (default false)") })
  .catchall(unknownParameter);

export const ruleResponseSchema = z.object({
  id: z.string(),
  achievementId: z.string(),
  achievementName: z.string(),
  kind: z.enum(RULE_KINDS),
  metric: z.string().optional().describe("target, streak and loyalty by activities: the metric read"),
  atLeast: z.number().optional().describe("target: the value to reach; loyalty: how many activities"),
  requires: z.array(z.string()).optional().describe("pathway: the achievements required"),
  count: z.number().int().optional().describe("pathway: how many of `requires` (all when absent)"),
  revokeWithRequirements: z.boolean().optional(),
  periods: z.number().int().optional().describe("streak: consecutive periods"),
  unit: z.enum(STREAK_UNITS).optional(),
  months: z.number().int().optional().describe("loyalty: months since the first activity"),
  withinDays: z.number().int().optional().describe("loyalty by activities: the window"),
  createdAt: timestamp,
});

export const programResponseSchema = z.object({
  id: z.string(),
  url: z.url().describe("The program's public page: /p/{id}"),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(PROGRAM_VISIBILITIES),
  enrolUrl: z.string().optional(),
  archived: z.boolean(),
  metrics: z.array(z.object({ key: z.string(), label: z.record(z.string(), z.string()), unit: z.string().optional(), aggregate: z.enum(METRIC_AGGREGATES) })),
  rules: z.array(ruleResponseSchema),
  createdAt: timestamp,
});

export const leaderboardResponseSchema = z.object({
  enabled: z.boolean().describe("false: the program shows no leaderboard (entries is empty)"),
  metric: z.string().optional().describe("The metric the board ranks by"),
  period: z.enum(LEADERBOARD_PERIODS).optional().describe("all: all time; month: this calendar month (UTC); 30d: the last 30 days"),
  size: z.number().int().optional().describe("Places shown"),
  entries: z
    .array(
      z.object({
        rank: z.number().int().describe("Ties share a rank (1, 2, 2, 4)"),
        handle: z.string().nullable().describe("The learner's public handle (profile at /u/{handle}), or null when their profile is private"),
        initials: z.string().describe("Shown when there is no public handle"),
        value: z.number(),
      }),
    )
    .describe("Only learners who chose to appear on the board, best first"),
});

export const programListResponseSchema = z.object({ data: z.array(programResponseSchema) });

/** What the API documents; the handler takes the list as is and checks each event on its own (./events-api.ts). */
export const eventsBodySchema = z.object({
  events: z.array(eventInputSchema).min(1).max(MAX_EVENTS_PER_REQUEST).describe(`1 to ${MAX_EVENTS_PER_REQUEST} events; each is accepted or rejected on its own`),
});

export const eventsResponseSchema = z.object({
  accepted: z.number().int().describe("New events stored"),
  duplicates: z.number().int().describe("Events whose id was already received (ignored, harmless)"),
  rejected: z
    .array(z.object({ index: z.number().int().describe("Position in `events`, from 0"), error: z.object({ code: z.string(), message: z.string(), field: z.string().describe("e.g. learner.email, metric, occurredAt") }) }))
    .describe("Events refused, each with the field at fault"),
});

export const progressQuerySchema = z
  .object({
    email: safeText().trim().toLowerCase().max(320).pipe(z.email()).describe("The learner's address"),
    programId: idSchema.optional().describe("Only this program"),
  })
  .catchall(unknownParameter);

export const progressResponseSchema = z.object({
  data: z.array(
    z.object({
      programId: z.string(),
      name: z.string(),
      metrics: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string().nullable(), value: z.number() })),
      earned: z.array(z.object({ achievementId: z.string(), name: z.string(), ruleId: z.string(), kind: z.string(), status: z.string(), credentialId: z.string().nullable(), awardedAt: timestamp })),
      next: z.array(
        z.object({
          ruleId: z.string(),
          achievementId: z.string(),
          name: z.string(),
          kind: z.string(),
          metric: z.string().nullable(),
          target: z.number(),
          current: z.number(),
          remaining: z.number(),
        }),
      ),
    }),
  ),
});
