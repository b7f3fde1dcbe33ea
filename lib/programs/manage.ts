import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { db, prismaQuery } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { publicPath } from "@/lib/http/url-contract";
import { isId } from "@/lib/ids";
import { achievementArchived } from "@/lib/issuing/issuable-achievements";
import { fillActivityPeriods } from "./activity-periods";
import { isLaurelMetric, type MetricInput, type ProgramInput, type ProgramPatch, type RuleInput } from "./schemas";

/**
 * Programs, their metrics and their rules: creation and change, for the dashboard and the API
 * alike. Every query is scoped by the organization the caller's door resolved; another
 * organization's program is "not found", exactly like a missing one.
 */

export type Actor = { userId?: string; ip?: string };

const programInclude = {
  metrics: { orderBy: { createdAt: "asc" } },
  rules: {
    where: { deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { achievement: { select: { id: true, name: true, archivedAt: true } } },
  },
} satisfies Prisma.ProgramInclude;

export type ProgramWithRules = Prisma.ProgramGetPayload<{ include: typeof programInclude }>;
export type ProgramRuleRow = ProgramWithRules["rules"][number];

/** The public page of a program. */
export const programUrl = (programId: string) => `${env().BASE_URL}${publicPath("program", { id: programId })}`;

const programNotFound = () => notFound("Program not found");

export async function findProgram(organizationId: string, programId: string): Promise<ProgramWithRules | null> {
  if (!isId(programId)) return null;
  return db.program.findFirst({ where: { id: programId, organizationId }, include: programInclude });
}

export async function getProgram(organizationId: string, programId: string): Promise<ProgramWithRules> {
  const program = await findProgram(organizationId, programId);
  if (!program) throw programNotFound();
  return program;
}

/** The program's id and name only, for readers that need no rules: the same 404 as getProgram. */
export async function getProgramHead(organizationId: string, programId: string) {
  const program = isId(programId) ? await db.program.findFirst({ where: { id: programId, organizationId }, select: { id: true, name: true, organizationId: true } }) : null;
  if (!program) throw programNotFound();
  return program;
}

export function listPrograms(organizationId: string, options: { includeArchived?: boolean } = {}): Promise<ProgramWithRules[]> {
  return db.program.findMany({
    where: { organizationId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: programInclude,
  });
}

const metricRow = (metric: MetricInput) => ({ key: metric.key, label: metric.label, unit: metric.unit ?? null, aggregate: metric.aggregate });

export async function createProgram(organizationId: string, input: ProgramInput, actor: Actor = {}): Promise<ProgramWithRules> {
  return db.$transaction(async (tx) => {
    const program = await tx.program.create({
      data: {
        organizationId,
        name: input.name,
        description: input.description,
        visibility: input.visibility,
        enrolUrl: input.enrolUrl ?? null,
        metrics: { create: input.metrics.map(metricRow) },
      },
      include: programInclude,
    });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.created", targetType: "program", targetId: program.id, ip: actor.ip, data: { name: input.name } });
    return program;
  });
}

/**
 * Changes a program. `metrics`, when given, is the whole new list: labels, units and kinds of
 * kept keys change in place; a metric a rule reads cannot be dropped, and a metric that already
 * holds values cannot change between `sum` and `latest` (its values would mean something else).
 */
export async function updateProgram(organizationId: string, programId: string, patch: ProgramPatch, actor: Actor = {}): Promise<ProgramWithRules> {
  return db.$transaction(async (tx) => {
    const program = await tx.program.findFirst({ where: { id: programId, organizationId }, include: programInclude });
    if (!program) throw programNotFound();
    if (patch.metrics) {
      const kept = new Set(patch.metrics.map((m) => m.key));
      const inUse = program.rules.find((rule) => rule.metric && !isLaurelMetric(rule.metric) && !kept.has(rule.metric));
      if (inUse) throw new AppError("conflict", `A rule reads the metric "${inUse.metric}"; delete the rule first`, { metrics: { code: "metric_in_use", params: { metric: inUse.metric! } } });
      const existing = new Map(program.metrics.map((m) => [m.key, m]));
      for (const metric of patch.metrics) {
        const before = existing.get(metric.key);
        if (before && before.aggregate !== metric.aggregate) {
          const holdsValues = await tx.learnerMetric.findFirst({ where: { programId, metric: metric.key }, select: { value: true } });
          if (holdsValues) throw new AppError("conflict", `The metric "${metric.key}" already holds values; its kind cannot change`, { metrics: { code: "aggregate_locked", params: { metric: metric.key } } });
        }
      }
      await tx.programMetric.deleteMany({ where: { programId, key: { notIn: [...kept] } } });
      for (const metric of patch.metrics) {
        await tx.programMetric.upsert({
          where: { programId_key: { programId, key: metric.key } },
          create: { programId, ...metricRow(metric) },
          update: metricRow(metric),
        });
      }
    }
    const updated = await tx.program.update({
      where: { id: programId },
      data: {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.visibility !== undefined && { visibility: patch.visibility }),
        ...(patch.enrolUrl !== undefined && { enrolUrl: patch.enrolUrl }),
      },
      include: programInclude,
    });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.updated", targetType: "program", targetId: programId, ip: actor.ip, data: { fields: Object.keys(patch) } });
    return updated;
  });
}

/** Archiving stops a program taking events; its awards and credentials stay. */
export async function setProgramArchived(organizationId: string, programId: string, archived: boolean, actor: Actor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.program.updateMany({ where: { id: programId, organizationId }, data: { archivedAt: archived ? new Date() : null } });
    if (count === 0) throw programNotFound();
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: archived ? "program.archived" : "program.restored", targetType: "program", targetId: programId, ip: actor.ip });
  });
}

/** The image shown on the program's page, already through the image intake (a data: URL), or none. */
export async function setProgramImage(organizationId: string, programId: string, image: string | null, actor: Actor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.program.updateMany({ where: { id: programId, organizationId }, data: { image } });
    if (count === 0) throw programNotFound();
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.image_changed", targetType: "program", targetId: programId, ip: actor.ip });
  });
}

/**
 * Checks a rule against the program and the organization: the achievements are the
 * organization's and issuable, the metric is declared (or one of Laurel's), a `latest` metric
 * is not used for counting activities, and no other rule of the program awards the same
 * achievement. Throws a 4xx AppError naming the field.
 */
export async function checkRule(organizationId: string, program: ProgramWithRules, rule: RuleInput): Promise<void> {
  const achievementIds = [rule.achievementId, ...(rule.kind === "pathway" ? rule.requires : [])];
  const found = await db.achievement.findMany({ where: { organizationId, id: { in: achievementIds } }, select: { id: true, archivedAt: true } });
  const byId = new Map(found.map((a) => [a.id, a]));
  const awarded = byId.get(rule.achievementId);
  if (!awarded) throw new AppError("validation_failed", "No such achievement in this organization", { achievementId: { code: "unknown_achievement" } });
  if (awarded.archivedAt) throw achievementArchived();
  if (rule.kind === "pathway") {
    const missing = rule.requires.findIndex((id) => !byId.has(id));
    if (missing >= 0) throw new AppError("validation_failed", "A required achievement is not this organization's", { [`requires.${missing}`]: { code: "unknown_achievement" } });
  }
  if ("metric" in rule && rule.metric && !isLaurelMetric(rule.metric)) {
    const metric = program.metrics.find((m) => m.key === rule.metric);
    if (!metric) throw new AppError("validation_failed", `The program has no metric "${rule.metric}"`, { metric: { code: "unknown_metric", params: { metric: rule.metric } } });
  }
  const taken = program.rules.find((r) => r.achievementId === rule.achievementId);
  if (taken) throw new AppError("conflict", "Another rule of this program already awards this achievement", { achievementId: { code: "rule_exists", params: { ruleId: taken.id } } });
}

const ruleColumns = (rule: RuleInput) => ({
  kind: rule.kind,
  metric: "metric" in rule ? rule.metric : null,
  atLeast: "atLeast" in rule ? rule.atLeast : null,
  requires: rule.kind === "pathway" ? rule.requires : [],
  count: rule.kind === "pathway" ? (rule.count ?? null) : null,
  periods: rule.kind === "streak" ? rule.periods : null,
  unit: rule.kind === "streak" ? rule.unit : null,
  months: rule.kind === "loyalty" && "months" in rule ? rule.months : null,
  withinDays: rule.kind === "loyalty" && "withinDays" in rule ? rule.withinDays : null,
  revokeWithRequirements: rule.kind === "pathway" ? rule.revokeWithRequirements : false,
});

/**
 * Adds a rule. It awards from the next event on; people who already qualify get it only when an
 * admin applies the rule to them (lib/programs/apply-rule.ts), after seeing how many they are.
 */
export async function addRule(organizationId: string, programId: string, rule: RuleInput, actor: Actor = {}) {
  const program = await getProgram(organizationId, programId);
  await checkRule(organizationId, program, rule);
  return db.$transaction(async (tx) => {
    const created = await tx.programRule.create({
      data: { organizationId, programId, achievementId: rule.achievementId, ...ruleColumns(rule) },
      include: { achievement: { select: { id: true, name: true, archivedAt: true } } },
    });
    // A streak reads activity periods, recorded only for kinds a streak rule reads: fill them now.
    if (rule.kind === "streak") await fillActivityPeriods(prismaQuery(tx), programId, rule.metric, rule.unit);
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.rule_added", targetType: "program", targetId: programId, ip: actor.ip, data: { ruleId: created.id, kind: rule.kind, achievementId: rule.achievementId } });
    return created;
  });
}

/** Deletes a rule: it awards nothing more; what it awarded stays issued. */
export async function deleteRule(organizationId: string, programId: string, ruleId: string, actor: Actor = {}): Promise<void> {
  if (!isId(ruleId)) throw notFound("Rule not found");
  await db.$transaction(async (tx) => {
    const { count } = await tx.programRule.updateMany({ where: { id: ruleId, programId, organizationId, deletedAt: null }, data: { deletedAt: new Date() } });
    if (count === 0) throw notFound("Rule not found");
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.rule_deleted", targetType: "program", targetId: programId, ip: actor.ip, data: { ruleId } });
  });
}

/** A rule as the API and the designer describe it: the same fields it was created with. */
export function presentRule(rule: ProgramRuleRow) {
  const base = { id: rule.id, achievementId: rule.achievementId, achievementName: rule.achievement.name, kind: rule.kind, createdAt: rule.createdAt.toISOString() };
  switch (rule.kind) {
    case "target":
      return { ...base, metric: rule.metric!, atLeast: rule.atLeast! };
    case "pathway":
      return { ...base, requires: rule.requires, ...(rule.count !== null && { count: rule.count }), revokeWithRequirements: rule.revokeWithRequirements };
    case "streak":
      return { ...base, metric: rule.metric!, periods: rule.periods!, unit: rule.unit! };
    default:
      return rule.months !== null ? { ...base, months: rule.months } : { ...base, metric: rule.metric!, atLeast: rule.atLeast!, withinDays: rule.withinDays! };
  }
}

/** The ladders of a program: its target rules grouped by metric, lowest level first. */
export function laddersOf(program: Pick<ProgramWithRules, "rules">): Map<string, ProgramRuleRow[]> {
  const ladders = new Map<string, ProgramRuleRow[]>();
  for (const rule of program.rules) {
    if (rule.kind !== "target" || !rule.metric) continue;
    ladders.set(rule.metric, [...(ladders.get(rule.metric) ?? []), rule]);
  }
  for (const rules of ladders.values()) rules.sort((a, b) => a.atLeast! - b.atLeast!);
  return ladders;
}

export function presentProgram(program: ProgramWithRules) {
  return {
    id: program.id,
    url: programUrl(program.id),
    name: program.name,
    description: program.description,
    visibility: program.visibility as "public" | "members",
    ...(program.enrolUrl && { enrolUrl: program.enrolUrl }),
    archived: program.archivedAt !== null,
    metrics: program.metrics.map((m) => ({ key: m.key, label: m.label as Record<string, string>, ...(m.unit && { unit: m.unit }), aggregate: m.aggregate as "sum" | "latest" })),
    rules: program.rules.map(presentRule),
    createdAt: program.createdAt.toISOString(),
  };
}
