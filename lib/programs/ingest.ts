import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sql, sqlTransaction, type SqlQuery } from "@/lib/db";
import { sqlState } from "@/lib/db/errors";
import { AppError, fieldErrorsFromZod } from "@/lib/errors";
import { log } from "@/lib/log";
import { triggerAwardIssuing } from "./award-trigger";
import { periodKind, trackedPeriods } from "./activity-periods";
import { addMonthsUTC, dayText, periodStart, runThrough, shiftPeriod } from "./periods";
import { isLoyaltyByMonths, metricLabel, ruleDescription, type EngineRule } from "./rules";
import { eventInputSchema, FUTURE_TOLERANCE_MS, isLaurelMetric, MAX_EVENTS_PER_REQUEST, STREAK_UNITS, type StreakUnit } from "./schemas";

export type IngestError = { code: string; message: string; field: string };

export type IngestResult = {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; error: IngestError }>;
  awards: Array<{ programId: string; ruleId: string; achievementId: string; email: string }>;
};

export type IngestOptions = { dryRun?: boolean; source?: "api" | "csv" | "laurel" };

/** Why an award was made: stored on the award and in its credential's `issued` event. */
export type AwardReason = {
  programId: string;
  programName: string;
  ruleId: string;
  kind: string;
  /** The rule in words (English), as it read when it awarded. */
  description: string;
  metric?: string;
  metricLabel?: string;
  /** The metric's value (target), periods in a row (streak), months or activities (loyalty). */
  value?: number;
  /** The sender's id of the event that crossed the line. */
  eventId?: string;
  occurredAt?: string;
  /** Pathway: the credentials counted. */
  credentials?: string[];
};

/** Ids the engine gives the events it derives from Laurel's own (see laurel-feed.ts). */
export const LAUREL_EVENT_PREFIX = "laurel:";

/** One event that passed every check: what the engine stores and evaluates. */
export type EngineEvent = {
  externalId: string;
  programId: string;
  email: string;
  name?: string;
  metric: string;
  value: number;
  occurredAt: Date;
};

type ProgramView = {
  id: string;
  name: string;
  metrics: Map<string, { aggregate: string; label: unknown }>;
  rules: Array<EngineRule & { achievementName: string }>;
  /** Laurel's metrics some rule of the program reads: those count without being declared. */
  laurelMetrics: Set<string>;
};

// Laurel's feed may name Laurel's metrics; senders may not (eventInputSchema refuses them).
const laurelEventSchema = eventInputSchema.extend({ metric: z.string().refine(isLaurelMetric, { message: "invalid_metric_key" }) });

const reject = (index: number, field: string, code: string, message: string) => ({ index, error: { code, message, field } });

/**
 * Takes a batch of engagement events (the API, a CSV upload, Laurel's own feed): checks each on
 * its own, stores those that pass and are new, updates the learners' aggregates and inserts the
 * awards the events earned, all in one transaction with set-based statements, so a crash leaves
 * nothing half-applied and a retry converges. The sender's `id` makes a replay a duplicate that
 * changes nothing. `dryRun` runs the same statements and rolls them back: it says what would be
 * awarded and writes nothing.
 */
export async function ingestEvents(organizationId: string, events: unknown[], options: IngestOptions = {}): Promise<IngestResult> {
  if (!Array.isArray(events)) throw new AppError("validation_failed", "events: invalid", { events: { code: "invalid" } });
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    throw new AppError("validation_failed", `At most ${MAX_EVENTS_PER_REQUEST} events per request`, { events: { code: "too_many_events", params: { max: MAX_EVENTS_PER_REQUEST } } });
  }
  const laurel = options.source === "laurel";
  const schema = laurel ? laurelEventSchema : eventInputSchema;
  const rejected: IngestResult["rejected"] = [];
  const parsed: Array<{ index: number; event: z.infer<typeof eventInputSchema> }> = [];
  events.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) parsed.push({ index, event: result.data });
    else {
      const [field, issue] = Object.entries(fieldErrorsFromZod(result.error))[0] ?? ["event", { code: "invalid" }];
      rejected.push(reject(index, field, issue.code, `${field}: ${issue.code}`));
    }
  });

  const programs = await loadPrograms(organizationId, [...new Set(parsed.map((p) => p.event.programId))]);
  const now = new Date();
  const rows: Array<EngineEvent & { index: number }> = [];
  for (const { index, event } of parsed) {
    const program = programs.get(event.programId);
    const metric = program?.metrics.get(event.metric);
    const occurredAt = event.occurredAt ?? now;
    if (!laurel && event.id.startsWith(LAUREL_EVENT_PREFIX)) rejected.push(reject(index, "id", "reserved_id", `id: ids starting with "${LAUREL_EVENT_PREFIX}" are Laurel's own`));
    else if (!program) rejected.push(reject(index, "programId", "unknown_program", "programId: no such program in this organization (or it is archived)"));
    else if (!metric && !program.laurelMetrics.has(event.metric)) rejected.push(reject(index, "metric", "unknown_metric", `metric: the program has no metric "${event.metric}"`));
    else if ((metric?.aggregate ?? "sum") === "sum" && event.value < 0) rejected.push(reject(index, "value", "negative_value", "value: a sum metric takes no negative values"));
    else if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) rejected.push(reject(index, "occurredAt", "occurred_in_future", "occurredAt: more than 5 minutes in the future"));
    else rows.push({ index, externalId: event.id, programId: event.programId, email: event.learner.email, name: event.learner.name, metric: event.metric, value: event.value, occurredAt });
  }
  rejected.sort((a, b) => a.index - b.index);

  const outcome = await applyEvents(organizationId, programs, rows, { dryRun: options.dryRun });
  return { accepted: outcome.accepted, duplicates: rows.length - outcome.accepted, rejected, awards: outcome.awards };
}

/**
 * The programs named by a batch (this organization's, not archived), with metrics and live rules.
 * One query straight to the driver: it runs for every batch, and Prisma's compiling of the nested
 * query cost more than the query.
 */
export async function loadPrograms(organizationId: string, programIds: string[]): Promise<Map<string, ProgramView>> {
  if (programIds.length === 0) return new Map();
  type RuleRow = Omit<EngineRule, "createdAt"> & { createdAt: number; achievementName: string };
  const programs = await sql<{ id: string; name: string; metrics: Array<{ key: string; aggregate: string; label: unknown }>; rules: RuleRow[] }>(
    `SELECT p."id", p."name",
      COALESCE((SELECT json_agg(json_build_object('key', m."key", 'aggregate', m."aggregate", 'label', m."label"))
        FROM "ProgramMetric" m WHERE m."programId" = p."id"), '[]'::json) AS "metrics",
      COALESCE((SELECT json_agg(json_build_object('id', r."id", 'programId', r."programId", 'achievementId', r."achievementId", 'kind', r."kind",
          'metric', r."metric", 'atLeast', r."atLeast", 'requires', r."requires", 'count', r."count", 'periods', r."periods", 'unit', r."unit",
          'months', r."months", 'withinDays', r."withinDays", 'revokeWithRequirements', r."revokeWithRequirements",
          'createdAt', ${EPOCH_MS('r."createdAt"')}, 'achievementName', a."name") ORDER BY r."createdAt", r."id")
        FROM "ProgramRule" r JOIN "Achievement" a ON a."id" = r."achievementId"
        WHERE r."programId" = p."id" AND r."deletedAt" IS NULL), '[]'::json) AS "rules"
    FROM "Program" p
    WHERE p."id" = ANY($1::text[]) AND p."organizationId" = $2 AND p."archivedAt" IS NULL`,
    [programIds, organizationId],
  );
  return new Map(
    programs.map((program) => [
      program.id,
      {
        id: program.id,
        name: program.name,
        metrics: new Map(program.metrics.map((m) => [m.key, { aggregate: m.aggregate, label: m.label }])),
        rules: program.rules.map((rule) => ({ ...rule, createdAt: new Date(rule.createdAt) })),
        laurelMetrics: new Set(program.rules.flatMap((rule) => (rule.metric && isLaurelMetric(rule.metric) ? [rule.metric] : []))),
      },
    ]),
  );
}

class RolledBack extends Error {}
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 5;

/**
 * Stores checked events and evaluates them in one transaction (retried whole on a deadlock),
 * then, once committed, asks for the awards to be issued. Duplicates are the rows not stored.
 */
export async function applyEvents(
  organizationId: string,
  programs: Map<string, ProgramView>,
  rows: EngineEvent[],
  options: { dryRun?: boolean } = {},
): Promise<{ accepted: number; awards: IngestResult["awards"] }> {
  // A repeated id within the batch is a duplicate of its first occurrence.
  const seen = new Set<string>();
  const unique = rows.filter((row) => (seen.has(row.externalId) ? false : (seen.add(row.externalId), true)));
  if (unique.length === 0) return { accepted: 0, awards: [] };

  for (let attempt = 1; ; attempt++) {
    let outcome: BatchOutcome | undefined;
    try {
      await sqlTransaction(async (query) => {
        outcome = await applyBatch(query, organizationId, programs, unique);
        if (options.dryRun) throw new RolledBack();
      });
    } catch (error) {
      if (error instanceof RolledBack) return outcome!;
      const state = sqlState(error);
      if (state && RETRYABLE.has(state) && attempt < ATTEMPTS) {
        log.info({ organizationId, attempt, state }, "event batch retried after a deadlock");
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
        continue;
      }
      throw error;
    }
    if (outcome!.awards.length > 0) triggerAwardIssuing(organizationId);
    return outcome!;
  }
}

type BatchOutcome = { accepted: number; awards: IngestResult["awards"] };
type Candidate = { programId: string; rule: EngineRule & { achievementName: string }; email: string; name?: string; reason: AwardReason };

const iso = (date: Date) => date.toISOString();

let idCounter = 0;
/**
 * Ids for stored events in the shape of Prisma's cuid(), ordered by time: new rows go to the
 * right edge of the primary key's index instead of anywhere in it, so inserting stays as fast
 * with a billion events as with a thousand.
 */
function eventIds(count: number): string[] {
  const time = Date.now().toString(36).padStart(9, "0");
  const random = randomBytes(5 * count).toString("hex");
  return Array.from({ length: count }, (_, i) => {
    idCounter = (idCounter + 1) % 1_679_616;
    return `c${time}${idCounter.toString(36).padStart(4, "0")}${random.slice(i * 10, i * 10 + 10)}`;
  });
}
/**
 * A batch's rows as one JSON parameter, read with json_to_recordset: the driver sends one string
 * instead of thousands of array elements, several times faster than one array per column.
 */
const json = (rows: object[]) => JSON.stringify(rows);
const key = (...parts: string[]) => parts.join("\u0000");
/** A timestamp column as milliseconds since 1970 (UTC): the same number from pg and PGlite. */
const EPOCH_MS = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One batch, inside its transaction. Every statement is set-based (one per table, over arrays);
 * what is read afterwards is bounded per learner (their metric rows, a few activity periods, the
 * events of a window), never their history. Learners are locked first, in a fixed order, by the
 * upsert of their ProgramLearner rows: concurrent batches for one learner take turns, so each
 * reads the aggregates the previous one left.
 */
async function applyBatch(query: SqlQuery, organizationId: string, programs: Map<string, ProgramView>, rows: EngineEvent[]): Promise<BatchOutcome> {
  const receivedAt = new Date();
  const tracked = await trackedPeriods(query, [...new Set(rows.map((row) => row.programId))]);
  const sorted = [...rows].sort((a, b) => byText(a.externalId, b.externalId));
  const ids = eventIds(sorted.length);
  const inserted = await query<{ externalId: string }>(
    `INSERT INTO "ProgramEvent" ("id", "organizationId", "externalId", "programId", "email", "metric", "value", "occurredAt", "receivedAt")
    SELECT v.id, $1, v.ext, v.program, v.email, v.metric, v.value, v.at::timestamp(3), $2::timestamp(3)
    FROM json_to_recordset($3::json) AS v(id text, ext text, program text, email text, metric text, value float8, at text, ord int)
    ORDER BY v.ord
    ON CONFLICT ("organizationId", "externalId") DO NOTHING
    RETURNING "externalId"`,
    [organizationId, iso(receivedAt), json(sorted.map((r, ord) => ({ id: ids[ord], ext: r.externalId, program: r.programId, email: r.email, metric: r.metric, value: r.value, at: iso(r.occurredAt), ord })))],
  );
  const stored = new Set(inserted.map((row) => row.externalId));
  // In the batch's own order: a sum crosses a line at the event that took it there.
  const accepted = rows.filter((row) => stored.has(row.externalId));
  if (accepted.length === 0) return { accepted: 0, awards: [] };

  const learners = await upsertLearners(query, organizationId, accepted);
  const metricChanges = await updateMetrics(query, programs, accepted);
  const newPeriods = await insertPeriods(query, accepted, tracked);

  const candidates: Candidate[] = [];
  candidates.push(...targetAwards(programs, metricChanges));
  candidates.push(...(await streakAwards(query, programs, accepted, newPeriods)));
  candidates.push(...loyaltyMonthAwards(programs, accepted, learners));
  candidates.push(...(await loyaltyActivityAwards(query, programs, accepted)));
  const awards = await insertAwards(query, organizationId, candidates);
  return { accepted: accepted.length, awards };
}

const THIRTY_DAYS_MS = 30 * 86_400_000;

/** A learner as the batch left them: first activity, and when Laurel first heard of them. */
type KnownLearner = { firstActivityAt: Date; createdAt: Date };

/**
 * One row per learner touched: first and last activity, activities counted, the name, and
 * `returnedAt` when the batch brings them back after 30 days or more without activity.
 */
async function upsertLearners(query: SqlQuery, organizationId: string, events: EngineEvent[]): Promise<Map<string, KnownLearner>> {
  const groups = new Map<string, { programId: string; email: string; name: string | null; times: number[] }>();
  for (const event of events) {
    const id = key(event.programId, event.email);
    const group = groups.get(id) ?? { programId: event.programId, email: event.email, name: null, times: [] };
    if (event.name) group.name = event.name;
    group.times.push(event.occurredAt.getTime());
    groups.set(id, group);
  }
  const list = [...groups.values()].sort((a, b) => byText(a.programId, b.programId) || byText(a.email, b.email));
  // A gap of 30 days inside the batch is a return (if it also follows the stored last activity).
  const gapReturn = list.map((group) => {
    const times = [...group.times].sort((a, b) => a - b);
    let found: number | null = null;
    for (let i = 1; i < times.length; i++) if (times[i] - times[i - 1] >= THIRTY_DAYS_MS) found = times[i];
    return found === null ? null : new Date(found).toISOString();
  });
  const rows = await query<{ programId: string; email: string; firstActivityAt: number; createdAt: number }>(
    `INSERT INTO "ProgramLearner" AS l ("id", "organizationId", "programId", "email", "name", "firstActivityAt", "lastActivityAt", "activities", "returnedAt", "createdAt")
    SELECT gen_random_uuid()::text, $1, v.program, v.email, v.name, v.first::timestamp(3), v.last::timestamp(3), v.n, v.back::timestamp(3), (now() AT TIME ZONE 'UTC')::timestamp(3)
    FROM json_to_recordset($2::json) AS v(program text, email text, name text, first text, last text, n int, back text, ord int)
    ORDER BY v.ord
    ON CONFLICT ("programId", "email") DO UPDATE SET
      "name" = COALESCE(EXCLUDED."name", l."name"),
      -- A learner who only joined (from the program's page, no activity yet) starts with this batch.
      "firstActivityAt" = CASE WHEN l."activities" = 0 THEN EXCLUDED."firstActivityAt" ELSE LEAST(l."firstActivityAt", EXCLUDED."firstActivityAt") END,
      "lastActivityAt" = CASE WHEN l."activities" = 0 THEN EXCLUDED."lastActivityAt" ELSE GREATEST(l."lastActivityAt", EXCLUDED."lastActivityAt") END,
      "activities" = l."activities" + EXCLUDED."activities",
      "returnedAt" = CASE WHEN l."activities" = 0 THEN EXCLUDED."returnedAt" ELSE GREATEST(
        l."returnedAt",
        CASE WHEN EXCLUDED."firstActivityAt" >= l."lastActivityAt" + interval '30 days' THEN EXCLUDED."firstActivityAt" END,
        CASE WHEN EXCLUDED."returnedAt" >= l."lastActivityAt" + interval '30 days' THEN EXCLUDED."returnedAt" END) END
    RETURNING "programId", "email", ${EPOCH_MS('l."firstActivityAt"')} AS "firstActivityAt", ${EPOCH_MS('l."createdAt"')} AS "createdAt"`,
    [organizationId, json(list.map((g, ord) => ({ program: g.programId, email: g.email, name: g.name, first: new Date(Math.min(...g.times)).toISOString(), last: new Date(Math.max(...g.times)).toISOString(), n: g.times.length, back: gapReturn[ord], ord })))],
  );
  return new Map(rows.map((row) => [key(row.programId, row.email), { firstActivityAt: new Date(Number(row.firstActivityAt)), createdAt: new Date(Number(row.createdAt)) }]));
}

type MetricChange = {
  programId: string;
  email: string;
  name?: string;
  metric: string;
  before: number;
  after: number;
  /** After each event of the batch, in order: which event took the value where. */
  steps: Array<{ event: EngineEvent; value: number }>;
};

/**
 * The learners' metric values, one upsert for the batch. A sum adds the batch's total and the
 * value before is the value after minus it (the learner's row lock makes that exact under
 * concurrency). A `latest` metric keeps the reading with the latest occurredAt: its previous
 * value is read first, which the same lock keeps current until the transaction ends.
 */
async function updateMetrics(query: SqlQuery, programs: Map<string, ProgramView>, events: EngineEvent[]): Promise<MetricChange[]> {
  const groups = new Map<string, EngineEvent[]>();
  for (const event of events) {
    const id = key(event.programId, event.email, event.metric);
    const group = groups.get(id);
    if (group) group.push(event);
    else groups.set(id, [event]);
  }
  const keys = [...groups.values()].map((group) => group[0]).sort((a, b) => byText(a.programId, b.programId) || byText(a.email, b.email) || byText(a.metric, b.metric));
  const isLatest = (event: EngineEvent) => programs.get(event.programId)?.metrics.get(event.metric)?.aggregate === "latest";
  const latestKeys = keys.filter(isLatest);
  const previous = new Map<string, { value: number; readingAt: Date }>();
  if (latestKeys.length > 0) {
    const old = await query<{ programId: string; email: string; metric: string; value: number; readingAt: number }>(
      `SELECT m."programId", m."email", m."metric", m."value", ${EPOCH_MS('m."readingAt"')} AS "readingAt"
      FROM json_to_recordset($1::json) AS k(program text, email text, metric text)
      JOIN "LearnerMetric" m ON m."programId" = k.program AND m."email" = k.email AND m."metric" = k.metric`,
      [json(latestKeys.map((k) => ({ program: k.programId, email: k.email, metric: k.metric })))],
    );
    for (const row of old) previous.set(key(row.programId, row.email, row.metric), { value: row.value, readingAt: new Date(Number(row.readingAt)) });
  }

  // Per key: the batch's delta (sum) or winning reading (latest), sent as one row each.
  const writes = keys.map((first) => {
    const group = groups.get(key(first.programId, first.email, first.metric))!;
    const latest = isLatest(first);
    let value = 0;
    let readingAt = latest ? (previous.get(key(first.programId, first.email, first.metric))?.readingAt ?? new Date(0)) : new Date(0);
    let changed = !latest;
    for (const event of group) {
      if (!latest) {
        value += event.value;
        if (event.occurredAt > readingAt) readingAt = event.occurredAt;
      } else if (event.occurredAt >= readingAt) {
        value = event.value;
        readingAt = event.occurredAt;
        changed = true;
      }
    }
    return { first, group, latest, value, readingAt, changed };
  });
  const sums = writes.filter((w) => !w.latest);
  const readings = writes.filter((w) => w.latest && w.changed);
  const upsert = (rows: typeof writes, add: boolean) =>
    query<{ programId: string; email: string; metric: string; value: number }>(
      `INSERT INTO "LearnerMetric" AS m ("programId", "email", "metric", "value", "readingAt", "updatedAt")
      SELECT v.program, v.email, v.metric, v.value, v.reading::timestamp(3), (now() AT TIME ZONE 'UTC')::timestamp(3)
      FROM json_to_recordset($1::json) AS v(program text, email text, metric text, value float8, reading text, ord int)
      ORDER BY v.ord
      ON CONFLICT ("programId", "email", "metric") DO UPDATE SET
        "value" = CASE WHEN $2::boolean THEN m."value" + EXCLUDED."value" ELSE EXCLUDED."value" END,
        "readingAt" = GREATEST(m."readingAt", EXCLUDED."readingAt"),
        "updatedAt" = EXCLUDED."updatedAt"
      RETURNING m."programId", m."email", m."metric", m."value"`,
      [json(rows.map((w, ord) => ({ program: w.first.programId, email: w.first.email, metric: w.first.metric, value: w.value, reading: iso(w.readingAt), ord }))), add],
    );
  const after = new Map<string, number>();
  for (const row of [...(sums.length ? await upsert(sums, true) : []), ...(readings.length ? await upsert(readings, false) : [])]) {
    after.set(key(row.programId, row.email, row.metric), row.value);
  }

  return writes.map(({ first, group, latest, value }) => {
    const id = key(first.programId, first.email, first.metric);
    const prior = previous.get(id);
    const before = latest ? (prior?.value ?? 0) : after.get(id)! - value;
    // Which event took the value where: a running sum in the batch's order, or the reading that won.
    let running = before;
    let readingAt = latest ? (prior?.readingAt ?? new Date(0)) : new Date(0);
    const steps = group.map((event) => {
      if (!latest) running += event.value;
      else if (event.occurredAt >= readingAt) {
        running = event.value;
        readingAt = event.occurredAt;
      }
      return { event, value: running };
    });
    return { programId: first.programId, email: first.email, name: group.findLast((event) => event.name)?.name, metric: first.metric, before, after: after.get(id) ?? before, steps };
  });
}

/** The activity periods of the batch, of the kinds streak rules read; returns those that are new. */
async function insertPeriods(query: SqlQuery, events: EngineEvent[], tracked: Set<string>): Promise<Set<string>> {
  const periods = new Map<string, { programId: string; email: string; metric: string; unit: StreakUnit; start: string }>();
  for (const event of events) {
    for (const unit of STREAK_UNITS) {
      if (!tracked.has(periodKind(event.programId, event.metric, unit))) continue;
      const start = dayText(periodStart(event.occurredAt, unit));
      periods.set(key(event.programId, event.email, event.metric, unit, start), { programId: event.programId, email: event.email, metric: event.metric, unit, start });
    }
  }
  if (periods.size === 0) return new Set();
  const list = [...periods.entries()].sort(([a], [b]) => byText(a, b)).map(([, period]) => period);
  const inserted = await query<{ programId: string; email: string; metric: string; unit: string; start: string }>(
    `INSERT INTO "LearnerActivityPeriod" ("programId", "email", "metric", "unit", "start")
    SELECT v.program, v.email, v.metric, v.unit, v.start::date
    FROM json_to_recordset($1::json) AS v(program text, email text, metric text, unit text, start text, ord int)
    ORDER BY v.ord
    ON CONFLICT DO NOTHING
    RETURNING "programId", "email", "metric", "unit", to_char("start", 'YYYY-MM-DD') AS "start"`,
    [json(list.map((p, ord) => ({ program: p.programId, email: p.email, metric: p.metric, unit: p.unit, start: p.start, ord })))],
  );
  return new Set(inserted.map((p) => key(p.programId, p.email, p.metric, p.unit, p.start)));
}

// A rule's words are the same for every award it makes in a batch: put together once.
const descriptions = new WeakMap<object, { description: string; label?: string }>();

function describe(program: ProgramView, rule: EngineRule & { achievementName: string }): { description: string; label?: string } {
  const known = descriptions.get(rule);
  if (known) return known;
  const label = rule.metric ? metricLabel(rule.metric, program.metrics.get(rule.metric)?.label) : undefined;
  const described = { description: ruleDescription(rule, label ?? "", rule.achievementName, "en"), label };
  descriptions.set(rule, described);
  return described;
}

function reasonFor(program: ProgramView, rule: EngineRule & { achievementName: string }, value: number, event: EngineEvent): AwardReason {
  const { description, label } = describe(program, rule);
  return {
    programId: program.id,
    programName: program.name,
    ruleId: rule.id,
    kind: rule.kind,
    description,
    metric: rule.metric ?? undefined,
    metricLabel: label,
    value,
    eventId: event.externalId,
    occurredAt: iso(event.occurredAt),
  };
}

/**
 * Targets award when the value crosses the line in this batch (before < atLeast ≤ after): a rule
 * added later leaves people already past it alone until it is applied. Every level of a ladder
 * crossed at once is awarded.
 */
function targetAwards(programs: Map<string, ProgramView>, changes: MetricChange[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const change of changes) {
    const program = programs.get(change.programId)!;
    for (const rule of program.rules) {
      if (rule.kind !== "target" || rule.metric !== change.metric || rule.atLeast == null) continue;
      if (!(change.before < rule.atLeast && rule.atLeast <= change.after)) continue;
      const step = change.steps.find((s) => s.value >= rule.atLeast!) ?? change.steps[change.steps.length - 1];
      candidates.push({ programId: program.id, rule, email: change.email, name: change.name, reason: reasonFor(program, rule, step.value, step.event) });
    }
  }
  return candidates;
}

/**
 * Streaks award when a new period of activity makes a run of `periods` in a row that no run
 * held before this batch. Only the periods around the new ones are read (a window of `periods`
 * either side), so the cost does not grow with the learner's history; an event that arrives
 * late fills its own period and can join two runs.
 */
async function streakAwards(query: SqlQuery, programs: Map<string, ProgramView>, events: EngineEvent[], newPeriods: Set<string>): Promise<Candidate[]> {
  type Slot = { programId: string; email: string; name?: string; metric: string; unit: StreakUnit; fresh: Set<string>; lastEvent: Map<string, EngineEvent>; periods: number };
  const slots = new Map<string, Slot>();
  for (const event of events) {
    const program = programs.get(event.programId)!;
    for (const rule of program.rules) {
      if (rule.kind !== "streak" || rule.metric !== event.metric || !rule.periods) continue;
      const unit = rule.unit as StreakUnit;
      const start = dayText(periodStart(event.occurredAt, unit));
      if (!newPeriods.has(key(event.programId, event.email, event.metric, unit, start))) continue;
      const id = key(event.programId, event.email, event.metric, unit);
      const slot: Slot = slots.get(id) ?? { programId: event.programId, email: event.email, metric: event.metric, unit, fresh: new Set(), lastEvent: new Map(), periods: 0 };
      slot.fresh.add(start);
      if (event.name) slot.name = event.name;
      const last = slot.lastEvent.get(start);
      if (!last || event.occurredAt >= last.occurredAt) slot.lastEvent.set(start, event);
      slot.periods = Math.max(slot.periods, rule.periods);
      slots.set(id, slot);
    }
  }
  if (slots.size === 0) return [];
  const list = [...slots.values()];
  const bounds = list.map((slot) => {
    const starts = [...slot.fresh].sort();
    return { from: dayText(shiftPeriod(new Date(starts[0]), slot.unit, -slot.periods)), to: dayText(shiftPeriod(new Date(starts[starts.length - 1]), slot.unit, slot.periods)) };
  });
  const rows = await query<{ i: number; start: string }>(
    `SELECT k.i::int AS "i", to_char(p."start", 'YYYY-MM-DD') AS "start"
    FROM json_to_recordset($1::json) AS k(program text, email text, metric text, unit text, from_day date, to_day date, i int)
    JOIN "LearnerActivityPeriod" p ON p."programId" = k.program AND p."email" = k.email AND p."metric" = k.metric AND p."unit" = k.unit
      AND p."start" BETWEEN k.from_day AND k.to_day`,
    [json(list.map((s, n) => ({ program: s.programId, email: s.email, metric: s.metric, unit: s.unit, from_day: bounds[n].from, to_day: bounds[n].to, i: n + 1 })))],
  );
  const held = list.map(() => new Set<string>());
  for (const row of rows) held[row.i - 1].add(row.start);

  const candidates: Candidate[] = [];
  list.forEach((slot, n) => {
    const after = held[n];
    const before = new Set([...after].filter((start) => !slot.fresh.has(start)));
    const program = programs.get(slot.programId)!;
    for (const rule of program.rules) {
      if (rule.kind !== "streak" || rule.metric !== slot.metric || rule.unit !== slot.unit || !rule.periods) continue;
      for (const start of [...slot.fresh].sort()) {
        const run = runThrough(after, new Date(start), slot.unit);
        if (run < rule.periods) continue;
        // The runs this one joined: if any was long enough already, the streak is not new.
        const joined = longestRunWithin(before, after, new Date(start), slot.unit);
        if (joined >= rule.periods) continue;
        const event = slot.lastEvent.get(start)!;
        candidates.push({ programId: program.id, rule, email: slot.email, name: slot.name, reason: reasonFor(program, rule, run, event) });
        break;
      }
    }
  });
  return candidates;
}

/** The longest run of `before` inside the run of `after` that holds `through`. */
function longestRunWithin(before: Set<string>, after: Set<string>, through: Date, unit: StreakUnit): number {
  let start = through;
  while (after.has(dayText(shiftPeriod(start, unit, -1)))) start = shiftPeriod(start, unit, -1);
  let longest = 0;
  let current = 0;
  for (let p = start; after.has(dayText(p)); p = shiftPeriod(p, unit, 1)) {
    current = before.has(dayText(p)) ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/**
 * Loyalty by months: the learner's first activity in the program was at least `months` calendar
 * months before their latest event of the batch. Learners who stop sending events are found by
 * the daily job (loyalty.ts).
 */
function loyaltyMonthAwards(programs: Map<string, ProgramView>, events: EngineEvent[], learners: Map<string, KnownLearner>): Candidate[] {
  const latest = new Map<string, EngineEvent>();
  for (const event of events) {
    const id = key(event.programId, event.email);
    const seen = latest.get(id);
    if (!seen || event.occurredAt >= seen.occurredAt) latest.set(id, event);
  }
  const candidates: Candidate[] = [];
  for (const [id, event] of latest) {
    const program = programs.get(event.programId)!;
    const learner = learners.get(id);
    if (!learner) continue;
    for (const rule of program.rules) {
      if (!isLoyaltyByMonths(rule)) continue;
      const anniversary = addMonthsUTC(learner.firstActivityAt, rule.months!);
      if (anniversary > event.occurredAt) continue;
      if (qualifiedBeforeRule(learner, anniversary, rule.createdAt)) continue;
      candidates.push({ programId: program.id, rule, email: event.email, name: event.name, reason: { ...reasonFor(program, rule, rule.months!, event), metric: undefined, metricLabel: undefined } });
    }
  }
  return candidates;
}

/**
 * A learner Laurel knew and who was already past the anniversary when the rule was added: like a
 * target already passed, they wait for the rule to be applied to everyone who qualifies (after
 * the admin saw how many), not for their next event or the daily job.
 */
export function qualifiedBeforeRule(learner: KnownLearner, anniversary: Date, ruleCreatedAt: Date): boolean {
  return learner.createdAt < ruleCreatedAt && anniversary <= ruleCreatedAt;
}

/**
 * Loyalty by activities: `atLeast` events of the metric within `withinDays` (both ends count, as
 * in countQualifying). Reads, through the events index, only the learner's event times within
 * `withinDays` either side of the batch's events, and finds the fullest window holding one of
 * them: an event that arrives late completes the window it belongs to.
 */
async function loyaltyActivityAwards(query: SqlQuery, programs: Map<string, ProgramView>, events: EngineEvent[]): Promise<Candidate[]> {
  type Slot = { programId: string; email: string; name?: string; metric: string; rule: EngineRule & { achievementName: string }; fresh: EngineEvent[] };
  const slots = new Map<string, Slot>();
  for (const event of events) {
    const program = programs.get(event.programId)!;
    for (const rule of program.rules) {
      if (rule.kind !== "loyalty" || isLoyaltyByMonths(rule) || rule.metric !== event.metric || !rule.withinDays || rule.atLeast == null) continue;
      const id = key(rule.id, event.email);
      const slot = slots.get(id) ?? { programId: event.programId, email: event.email, metric: event.metric, rule, fresh: [] };
      slot.fresh.push(event);
      if (event.name) slot.name = event.name;
      slots.set(id, slot);
    }
  }
  if (slots.size === 0) return [];
  const list = [...slots.values()];
  const DAY = 86_400_000;
  const span = (slot: Slot) => {
    const times = slot.fresh.map((e) => e.occurredAt.getTime());
    return { from: iso(new Date(Math.min(...times) - slot.rule.withinDays! * DAY)), to: iso(new Date(Math.max(...times) + slot.rule.withinDays! * DAY)) };
  };
  const spans = list.map(span);
  const rows = await query<{ i: number; at: number }>(
    `SELECT k.i::int AS "i", ${EPOCH_MS('e."occurredAt"')} AS "at"
    FROM json_to_recordset($1::json) AS k(program text, email text, metric text, from_at text, to_at text, i int)
    JOIN "ProgramEvent" e ON e."programId" = k.program AND e."email" = k.email AND e."metric" = k.metric
      AND e."occurredAt" BETWEEN k.from_at::timestamp(3) AND k.to_at::timestamp(3)`,
    [json(list.map((s, n) => ({ program: s.programId, email: s.email, metric: s.metric, from_at: spans[n].from, to_at: spans[n].to, i: n + 1 })))],
  );
  const times = list.map(() => [] as number[]);
  for (const row of rows) times[row.i - 1].push(Number(row.at));

  const candidates: Candidate[] = [];
  list.forEach((slot, n) => {
    const width = slot.rule.withinDays! * DAY;
    const sorted = times[n].sort((a, b) => a - b);
    const fresh = [...slot.fresh].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    // The fullest window starting at an event and holding one of the batch's events.
    let best = 0;
    let crossing: EngineEvent | undefined;
    for (let i = 0, j = 0; i < sorted.length; i++) {
      while (j + 1 < sorted.length && sorted[j + 1] <= sorted[i] + width) j++;
      const inside = fresh.find((e) => e.occurredAt.getTime() >= sorted[i] && e.occurredAt.getTime() <= sorted[i] + width);
      if (inside && j - i + 1 > best) {
        best = j - i + 1;
        crossing = inside;
      }
    }
    if (crossing && best >= slot.rule.atLeast!) {
      const program = programs.get(slot.programId)!;
      candidates.push({ programId: program.id, rule: slot.rule, email: slot.email, name: slot.name, reason: reasonFor(program, slot.rule, best, crossing) });
    }
  });
  return candidates;
}

/**
 * Inserts the awards; the unique (organization, achievement, address) makes each exactly-once,
 * whichever rule, batch or retry gets there first. Returns those this transaction inserted.
 */
export async function insertAwards(
  query: SqlQuery,
  organizationId: string,
  candidates: Array<{ programId: string; rule: { id: string; achievementId: string }; email: string; name?: string | null; reason: AwardReason }>,
): Promise<IngestResult["awards"]> {
  if (candidates.length === 0) return [];
  const unique = new Map<string, (typeof candidates)[number]>();
  for (const candidate of candidates) {
    const id = key(candidate.rule.achievementId, candidate.email);
    if (!unique.has(id)) unique.set(id, candidate);
  }
  const list = [...unique.entries()].sort(([a], [b]) => byText(a, b)).map(([, candidate]) => candidate);
  return query<IngestResult["awards"][number]>(
    `INSERT INTO "ProgramAward" ("id", "organizationId", "programId", "ruleId", "achievementId", "email", "name", "status", "reason", "createdAt")
    SELECT gen_random_uuid()::text, $1, v.program, v.rule, v.achievement, v.email, v.name, 'pending', v.reason, (now() AT TIME ZONE 'UTC')::timestamp(3)
    FROM json_to_recordset($2::json) AS v(program text, rule text, achievement text, email text, name text, reason jsonb, ord int)
    ORDER BY v.ord
    ON CONFLICT ("organizationId", "achievementId", "email") DO NOTHING
    RETURNING "programId", "ruleId", "achievementId", "email"`,
    [organizationId, json(list.map((c, ord) => ({ program: c.programId, rule: c.rule.id, achievement: c.rule.achievementId, email: c.email, name: c.name ?? null, reason: c.reason, ord })))],
  );
}
