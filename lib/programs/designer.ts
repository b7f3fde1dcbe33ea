import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { badgeImageSrc } from "@/lib/issuing/achievements";
import { listIssuableAchievements } from "@/lib/issuing/issuable-achievements";
import { logoToDataUrl } from "@/lib/orgs/logo";
import { startApplyRule } from "./apply-rule";
import { ruleFromForm, type ProgramForm, type ruleFormSchema, type testEventFormSchema } from "./forms";
import { ingestEvents } from "./ingest";
import { addRule, checkRule, createProgram, getProgram, laddersOf, updateProgram, type Actor, type ProgramWithRules } from "./manage";
import { countQualifying } from "./qualify";

/**
 * What the dashboard's program pages do, behind their server actions: the list, saving the
 * program form, adding a rule (with the count of people who already qualify and the choice to
 * award them), following the job that awards them, and the dry run of an event.
 */

/** The programs of an organization with their rule and learner counts, newest first. */
export async function listProgramSummaries(organizationId: string, options: { includeArchived?: boolean } = {}) {
  const programs = await db.program.findMany({
    where: { organizationId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      visibility: true,
      archivedAt: true,
      _count: { select: { learners: true, rules: { where: { deletedAt: null } } } },
    },
  });
  return programs.map((p) => ({
    id: p.id,
    name: p.name,
    visibility: p.visibility as "public" | "members",
    archived: p.archivedAt !== null,
    rules: p._count.rules,
    learners: p._count.learners,
  }));
}

/** The largest program image accepted (it is stored in the row, as a data URL). */
export const MAX_PROGRAM_IMAGE_BYTES = 512 * 1024;

/** An uploaded program image through the one image intake, as the data URL setProgramImage stores. */
export function programImageFromUpload(file: File): Promise<string> {
  return logoToDataUrl(file, { field: "image", maxBytes: MAX_PROGRAM_IMAGE_BYTES });
}

/**
 * Saves the program form: creates the program, or changes it (metrics are the whole new list).
 * updateProgram's refusals about one metric are moved onto that metric's row, so the form shows
 * them beside the field: a kind that cannot change on its "aggregate" select.
 */
export async function saveProgramForm(organizationId: string, form: ProgramForm, actor: Actor = {}): Promise<{ id: string }> {
  const { programId, enrolUrl, ...fields } = form;
  if (!programId) {
    const created = await createProgram(organizationId, { ...fields, enrolUrl: enrolUrl ?? undefined }, actor);
    return { id: created.id };
  }
  try {
    await updateProgram(organizationId, programId, { ...fields, enrolUrl }, actor);
  } catch (error) {
    const issue = error instanceof AppError ? error.fields?.metrics : undefined;
    const index = issue?.params?.metric === undefined ? -1 : form.metrics.findIndex((m) => m.key === issue.params!.metric);
    if (issue && index >= 0) throw new AppError(error instanceof AppError ? error.code : "conflict", (error as Error).message, { [`metrics.${index}.aggregate`]: issue });
    throw error;
  }
  return { id: programId };
}

export type AddRuleOutcome =
  | { status: "confirm"; count: number }
  | { status: "added"; ruleId: string }
  | { status: "applying"; ruleId: string; jobId: string; total: number };

/**
 * Adds a rule from the designer. Asked plainly ("ask"), it adds the rule only when nobody would
 * get it at once; otherwise it answers how many already qualify, and the admin chooses to award
 * them now (the rule is added and applied by a job with progress) or only from now on.
 */
export async function addRuleFromDesigner(organizationId: string, input: z.infer<typeof ruleFormSchema>, actor: Actor = {}): Promise<AddRuleOutcome> {
  const rule = ruleFromForm(input.draft);
  const program = await getProgram(organizationId, input.programId);
  if (input.apply === "ask") {
    await checkRule(organizationId, program, rule);
    const count = await countQualifying(organizationId, program.id, rule);
    if (count > 0) return { status: "confirm", count };
  }
  const created = await addRule(organizationId, program.id, rule, actor);
  if (input.apply !== "now") return { status: "added", ruleId: created.id };
  const job = await startApplyRule(organizationId, program.id, created.id, actor.userId);
  return { status: "applying", ruleId: created.id, jobId: job.jobId, total: job.total };
}

/**
 * How many learners would qualify now for a rule being drafted: null while the draft is not a
 * whole rule yet (the admin is still typing), so the form shows nothing rather than an error.
 */
export async function countDraftRule(organizationId: string, programId: string, draft: Record<string, unknown>): Promise<number | null> {
  const program = await getProgram(organizationId, programId);
  let rule;
  try {
    rule = ruleFromForm(draft);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  return countQualifying(organizationId, program.id, rule);
}

/** A program job's progress, for the bar that follows it. */
export async function programJobProgress(organizationId: string, programId: string, jobId: string) {
  if (!isId(jobId)) throw notFound("Job not found");
  const job = await db.programJob.findFirst({
    where: { id: jobId, programId, organizationId },
    select: { id: true, kind: true, status: true, done: true, total: true, failed: true },
  });
  if (!job) throw notFound("Job not found");
  return job;
}

export type TestEventResult = {
  accepted: number;
  duplicates: number;
  rejected: Array<{ field: string; code: string; message: string }>;
  awards: Array<{ achievementId: string; achievementName: string }>;
};

/**
 * "Send this event for me": the event goes through the engine as a dry run, which writes
 * nothing and answers what it would have awarded, named for the admin.
 */
export async function tryEvent(organizationId: string, input: z.infer<typeof testEventFormSchema>): Promise<TestEventResult> {
  const program = await getProgram(organizationId, input.programId);
  const event = {
    id: `test-${randomUUID()}`,
    learner: { email: input.email },
    programId: program.id,
    metric: input.metric,
    value: input.value,
    ...(input.occurredAt && { occurredAt: input.occurredAt.toISOString() }),
  };
  const result = await ingestEvents(organizationId, [event], { dryRun: true, source: "api" });
  const ids = [...new Set(result.awards.map((award) => award.achievementId))];
  const names = new Map((await db.achievement.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]));
  return {
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: result.rejected.map(({ error }) => ({ field: error.field, code: error.code, message: error.message })),
    awards: ids.map((id) => ({ achievementId: id, achievementName: names.get(id) ?? id })),
  };
}

export type LadderRung = { ruleId: string; atLeast: number; achievementId: string; achievementName: string; imageSrc: string };

/** The ladders to draw: each metric with two or more target rules, lowest rung first. */
export function laddersToDraw(program: Pick<ProgramWithRules, "rules">, images: Map<string, string>): Array<{ metric: string; rungs: LadderRung[] }> {
  return [...laddersOf(program)]
    .filter(([, rules]) => rules.length >= 2)
    .map(([metric, rules]) => ({
      metric,
      rungs: rules.map((rule) => ({
        ruleId: rule.id,
        atLeast: rule.atLeast!,
        achievementId: rule.achievementId,
        achievementName: rule.achievement.name,
        imageSrc: images.get(rule.achievementId) ?? "",
      })),
    }));
}

/** Badge images of achievements, by id (the versioned public image). */
export async function achievementImages(organizationId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.achievement.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, version: true, imageUrl: true } });
  return new Map(rows.map((row) => [row.id, badgeImageSrc(row)]));
}

/** Everything the designer page shows: the program, the achievements to pick, names and images. */
export async function loadProgramDesigner(organizationId: string, programId: string) {
  const program = await getProgram(organizationId, programId);
  const issuable = await listIssuableAchievements(organizationId);
  const referenced = [...new Set(program.rules.flatMap((rule) => [rule.achievementId, ...rule.requires]))];
  const named = await db.achievement.findMany({ where: { organizationId, id: { in: referenced } }, select: { id: true, name: true } });
  const images = await achievementImages(organizationId, referenced);
  return {
    program,
    achievements: issuable.map((a) => ({ id: a.id, name: a.name })),
    names: new Map([...issuable.map((a) => [a.id, a.name] as const), ...named.map((a) => [a.id, a.name] as const)]),
    ladders: laddersToDraw(program, images),
  };
}
