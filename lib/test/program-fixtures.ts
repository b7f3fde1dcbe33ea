import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import type { z } from "zod";
import type { ruleInputSchema } from "@/lib/programs/schemas";
import { createOrgWith, createUser, unique } from "./factories";

type MetricSpec = { key: string; aggregate?: "sum" | "latest"; label?: string };

/** An organization (on its trial, so with a quota) with one program of `metrics`, and helpers. */
export async function programFixture(options: { metrics?: MetricSpec[]; name?: string } = {}) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Engaged Academy");
  const program = await createProgram(org.id, options);
  return { owner, org, program, ...helpers(org.id, program.id) };
}

export async function createProgram(organizationId: string, options: { metrics?: MetricSpec[]; name?: string } = {}) {
  return db.program.create({
    data: {
      organizationId,
      name: options.name ?? unique("Program"),
      metrics: { create: (options.metrics ?? [{ key: "courses_completed" }]).map((m) => ({ key: m.key, aggregate: m.aggregate ?? "sum", label: { en: m.label ?? m.key.replace(/_/g, " ") } })) },
    },
  });
}

export function helpers(organizationId: string, programId: string) {
  return {
    /** An achievement of the organization (criteria by narrative unless a URL is given). */
    achievement: async (name: string, criteria: { narrative?: string; id?: string } = { narrative: `Earn ${name}.` }) =>
      createAchievement(organizationId, parseInput(achievementInputSchema, { name, description: `${name} badge.`, criteria })),
    /** A rule of the program, stored as the rules API stores it. */
    rule: async (input: z.input<typeof ruleInputSchema>, inProgram = programId) => {
      const r = input as Record<string, unknown>;
      return db.programRule.create({
        data: {
          organizationId,
          programId: inProgram,
          achievementId: input.achievementId,
          kind: input.kind,
          metric: (r.metric as string | undefined) ?? null,
          atLeast: (r.atLeast as number | undefined) ?? null,
          requires: (r.requires as string[] | undefined) ?? [],
          count: (r.count as number | undefined) ?? null,
          periods: (r.periods as number | undefined) ?? null,
          unit: (r.unit as string | undefined) ?? null,
          months: (r.months as number | undefined) ?? null,
          withinDays: (r.withinDays as number | undefined) ?? null,
          revokeWithRequirements: (r.revokeWithRequirements as boolean | undefined) ?? false,
        },
      });
    },
    /** An event as the API takes it. */
    event: (email: string, metric: string, value: number, occurredAt?: Date | string, id = unique("evt"), inProgram = programId) => ({
      id,
      learner: { email },
      programId: inProgram,
      metric,
      value,
      ...(occurredAt ? { occurredAt: typeof occurredAt === "string" ? occurredAt : occurredAt.toISOString() } : {}),
    }),
  };
}

/** Row counts of every program table and of credentials, for one organization. */
export async function programRowCounts(organizationId: string) {
  const programIds = (await db.program.findMany({ where: { organizationId }, select: { id: true } })).map((p) => p.id);
  const inPrograms = { programId: { in: programIds } };
  return {
    programs: programIds.length,
    learners: await db.programLearner.count({ where: inPrograms }),
    metrics: await db.learnerMetric.count({ where: inPrograms }),
    periods: await db.learnerActivityPeriod.count({ where: inPrograms }),
    events: await db.programEvent.count({ where: { organizationId } }),
    awards: await db.programAward.count({ where: { organizationId } }),
    jobs: await db.programJob.count({ where: { organizationId } }),
    rules: await db.programRule.count({ where: { organizationId } }),
    credentials: await db.credential.count({ where: { organizationId } }),
  };
}
