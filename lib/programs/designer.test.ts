import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { createAchievement, setAchievementArchived } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { solidPng } from "@/lib/test/images";

const { addRuleFromDesigner, countDraftRule, listProgramSummaries, programImageFromUpload, programJobProgress, saveProgramForm, tryEvent } = await import("./designer");
const { programFormSchema, ruleFormSchema, ruleFromForm, testEventFormSchema } = await import("./forms");
const { getProgram } = await import("./manage");
const { ingestEvents } = await import("./ingest");
const { runApplyRule } = await import("./apply-rule");

/** Learners reaching `value` courses each, through the real engine. */
async function learnersAt(orgId: string, programId: string, count: number, value: number) {
  const events = Array.from({ length: count }, (_, i) => ({ id: `seed-${programId}-${i}-${value}`, learner: { email: `learner${i}.${programId}@example.com` }, programId, metric: "courses_completed", value }));
  const result = await ingestEvents(orgId, events);
  expect(result).toMatchObject({ accepted: count, rejected: [] });
}

/**
 * A program's rows in every program table, and its organizations' credentials, to show a dry run
 * wrote nothing (scoped: other test files write these tables at the same time).
 */
const programRows = async (programId: string, organizationIds: string[]) =>
  Promise.all([
    db.programEvent.count({ where: { programId } }),
    db.programLearner.count({ where: { programId } }),
    db.learnerMetric.count({ where: { programId } }),
    db.learnerActivityPeriod.count({ where: { programId } }),
    db.programAward.count({ where: { programId } }),
    db.credential.count({ where: { organizationId: { in: organizationIds } } }),
  ]);

const achievement = (orgId: string, name: string) =>
  createAchievement(orgId, parseInput(achievementInputSchema, { name, description: `${name}.`, criteria: { narrative: "Learn." } }));

/** The program form as the browser posts it: flat fields. */
const programForm = (fields: Record<string, string>) =>
  parseInput(programFormSchema, {
    name: "Course Champions",
    description: "",
    visibility: "public",
    enrolUrl: "",
    "metrics.0.key": "courses_completed",
    "metrics.0.label.en": "Courses completed",
    "metrics.0.label.es": "Cursos completados",
    "metrics.0.aggregate": "sum",
    ...fields,
  });

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Designer Academy");
  const { id } = await saveProgramForm(org.id, programForm({}), { userId: owner.id });
  const [bronze, silver, gold] = await Promise.all(["Bronze", "Silver", "Gold"].map((name) => achievement(org.id, name)));
  return { owner, org, programId: id, bronze, silver, gold };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, "refused").toBeInstanceOf(AppError);
  return error as AppError;
};
const formRefusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("not refused");
};

describe("the program form", () => {
  it("creates a program with its metrics in both languages, then edits it in place", async () => {
    const { org, programId } = await setup();
    const created = await getProgram(org.id, programId);
    expect(created).toMatchObject({ name: "Course Champions", visibility: "public", enrolUrl: null });
    expect(created.metrics.map((m) => [m.key, m.label, m.aggregate])).toEqual([["courses_completed", { en: "Courses completed", es: "Cursos completados" }, "sum"]]);

    await saveProgramForm(
      org.id,
      programForm({ programId, name: "Champions", visibility: "members", enrolUrl: "https://academy.example/join", "metrics.0.label.es": "", "metrics.1.key": "level", "metrics.1.label.en": "Level", "metrics.1.aggregate": "latest" }),
    );
    const edited = await getProgram(org.id, programId);
    expect(edited).toMatchObject({ name: "Champions", visibility: "members", enrolUrl: "https://academy.example/join" });
    expect(edited.metrics.map((m) => [m.key, m.label, m.aggregate])).toEqual([["courses_completed", { en: "Courses completed" }, "sum"], ["level", { en: "Level" }, "latest"]]);
    // Emptying the enrol URL removes it.
    await saveProgramForm(org.id, programForm({ programId, enrolUrl: "" }));
    expect((await getProgram(org.id, programId)).enrolUrl).toBeNull();
  });

  it("refuses bad fields by name, before anything is written", () => {
    expect(formRefusal(() => programForm({ name: "" })).fields).toMatchObject({ name: { code: "required" } });
    expect(formRefusal(() => programForm({ "metrics.0.key": "Courses Completed" })).fields).toMatchObject({ "metrics.0.key": { code: "invalid_metric_key" } });
    expect(formRefusal(() => programForm({ "metrics.0.label.en": "" })).fields).toHaveProperty(["metrics.0.label.en"]);
    expect(formRefusal(() => programForm({ "metrics.1.key": "courses_completed", "metrics.1.label.en": "Again" })).fields).toMatchObject({ metrics: { code: "duplicate_metric_key" } });
    expect(formRefusal(() => programForm({ enrolUrl: "javascript:alert(1)" })).fields).toHaveProperty("enrolUrl");
    expect(formRefusal(() => programForm({ visibility: "secret" })).fields).toMatchObject({ visibility: { code: "invalid_choice" } });
  });

  it("shows updateProgram's refusals on the metric they are about", async () => {
    const { org, programId, bronze } = await setup();
    await db.learnerMetric.create({ data: { programId, email: "lee@example.com", metric: "courses_completed", value: 3, readingAt: new Date() } });
    const locked = await refusal(saveProgramForm(org.id, programForm({ programId, "metrics.0.aggregate": "latest" })));
    expect(locked.fields).toEqual({ "metrics.0.aggregate": { code: "aggregate_locked", params: { metric: "courses_completed" } } });

    await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "10" }));
    const inUse = await refusal(saveProgramForm(org.id, programForm({ programId, "metrics.0.key": "hours", "metrics.0.label.en": "Hours" })));
    expect(inUse.code).toBe("conflict");
    expect(inUse.fields).toEqual({ metrics: { code: "metric_in_use", params: { metric: "courses_completed" } } });
    expect((await getProgram(org.id, programId)).metrics.map((m) => m.key)).toEqual(["courses_completed"]);
  });

  it("lists programs with their rule and learner counts, and never another organization's", async () => {
    const { org, programId, bronze } = await setup();
    const other = await setup();
    await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "10" }));
    await db.programLearner.create({ data: { organizationId: org.id, programId, email: "lee@example.com", firstActivityAt: new Date(), lastActivityAt: new Date() } });
    expect(await listProgramSummaries(org.id)).toEqual([{ id: programId, name: "Course Champions", visibility: "public", archived: false, rules: 1, learners: 1 }]);
    expect((await listProgramSummaries(other.org.id)).map((p) => p.id)).toEqual([other.programId]);
    await expect(saveProgramForm(other.org.id, programForm({ programId }))).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the rule form", () => {
  const draft = (fields: Record<string, string>) => ruleFromForm(fields);

  it("reads each kind's fields", () => {
    const id = "cachievement0000000000001";
    const other = ["cachievement0000000000002", "cachievement0000000000003"];
    expect(draft({ achievementId: id, kind: "target", metric: "courses_completed", atLeast: "50" })).toEqual({ achievementId: id, kind: "target", metric: "courses_completed", atLeast: 50 });
    expect(draft({ achievementId: id, kind: "pathway", [`requires.${other[0]}`]: "on", [`requires.${other[1]}`]: "on", count: "1", revokeWithRequirements: "on" })).toEqual({
      achievementId: id, kind: "pathway", requires: other, count: 1, revokeWithRequirements: true,
    });
    expect(draft({ achievementId: id, kind: "pathway", [`requires.${other[0]}`]: "on", count: "" })).toEqual({ achievementId: id, kind: "pathway", requires: [other[0]], revokeWithRequirements: false });
    expect(draft({ achievementId: id, kind: "streak", metric: "events_attended", periods: "4", unit: "week" })).toEqual({ achievementId: id, kind: "streak", metric: "events_attended", periods: 4, unit: "week" });
    // Fields of the other kinds left in the form are ignored.
    expect(draft({ achievementId: id, kind: "loyalty", loyaltyMode: "months", months: "12", metric: "x", atLeast: "3" })).toEqual({ achievementId: id, kind: "loyalty", months: 12 });
    expect(draft({ achievementId: id, kind: "loyalty", loyaltyMode: "activities", metric: "logins", atLeast: "10", withinDays: "30" })).toEqual({
      achievementId: id, kind: "loyalty", metric: "logins", atLeast: 10, withinDays: 30,
    });
  });

  it("names the field at fault", () => {
    const id = "cachievement0000000000001";
    expect(formRefusal(() => draft({ achievementId: id, kind: "target", metric: "courses_completed", atLeast: "" })).fields).toHaveProperty("atLeast");
    expect(formRefusal(() => draft({ achievementId: id, kind: "target", metric: "courses_completed", atLeast: "-1" })).fields).toHaveProperty("atLeast");
    expect(formRefusal(() => draft({ achievementId: id, kind: "streak", metric: "x", periods: "0", unit: "week" })).fields).toHaveProperty("periods");
    expect(formRefusal(() => draft({ achievementId: id, kind: "loyalty", loyaltyMode: "activities", metric: "x", atLeast: "2" })).fields).toHaveProperty("withinDays");
    expect(formRefusal(() => draft({ achievementId: id, kind: "pathway" })).fields).toHaveProperty("requires");
    expect(formRefusal(() => draft({ achievementId: id, kind: "pathway", [`requires.${id}`]: "on" })).fields).toMatchObject({ requires: { code: "requires_itself" } });
    expect(formRefusal(() => draft({ achievementId: id, kind: "pathway", "requires.cachievement0000000000002": "on", count: "2" })).fields).toMatchObject({ count: { code: "count_above_requires" } });
    expect(formRefusal(() => draft({ achievementId: "nope", kind: "target", metric: "m", atLeast: "1" })).fields).toMatchObject({ achievementId: { code: "invalid_format" } });
    expect(formRefusal(() => draft({ achievementId: id, kind: "bounty" })).fields).toMatchObject({ kind: { code: "invalid_choice" } });
  });

  it("adds a rule at once when nobody qualifies yet", async () => {
    const { org, programId, bronze } = await setup();
    const outcome = await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "10" }));
    expect(outcome).toMatchObject({ status: "added" });
    expect((await getProgram(org.id, programId)).rules.map((r) => [r.achievement.name, r.atLeast])).toEqual([["Bronze", 10]]);
  });

  it("asks first when learners already qualify, then awards them now through a job, or only from now on", async () => {
    const { org, owner, programId, silver, gold } = await setup();
    await learnersAt(org.id, programId, 12, 60);
    const form = { programId, achievementId: silver.id, kind: "target", metric: "courses_completed", atLeast: "50" };
    expect(await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, form))).toEqual({ status: "confirm", count: 12 });
    expect((await getProgram(org.id, programId)).rules).toEqual([]);

    const applying = await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { ...form, apply: "now" }), { userId: owner.id });
    expect(applying).toMatchObject({ status: "applying" });
    if (applying.status !== "applying") throw new Error("unreachable");
    const job = await programJobProgress(org.id, programId, applying.jobId);
    expect(job).toMatchObject({ kind: "apply_rule", total: applying.total });
    expect((await db.programJob.findUniqueOrThrow({ where: { id: applying.jobId } })).options).toEqual({ ruleId: applying.ruleId });
    await runApplyRule(applying.jobId);
    expect(await programJobProgress(org.id, programId, applying.jobId)).toMatchObject({ status: "completed", done: 12, total: 12 });
    expect(await db.programAward.count({ where: { organizationId: org.id, achievementId: silver.id } })).toBe(12);

    const later = await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { ...form, achievementId: gold.id, atLeast: "100", apply: "later" }));
    expect(later).toMatchObject({ status: "added" });
    expect(await db.programJob.count({ where: { programId } })).toBe(1);
  });

  it("refuses a rule the program cannot hold before asking anything", async () => {
    const { org, programId, bronze } = await setup();
    await learnersAt(org.id, programId, 5, 3);
    const unknownMetric = await refusal(addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: bronze.id, kind: "target", metric: "hours", atLeast: "1" })));
    expect(unknownMetric.fields).toMatchObject({ metric: { code: "unknown_metric" } });
    await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "1", apply: "later" }));
    const twice = await refusal(addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "2" })));
    expect(twice.fields).toMatchObject({ achievementId: { code: "rule_exists" } });

    const other = await createOrgWith([], "Elsewhere");
    const foreign = await achievement(other.id, "Foreign");
    const notOurs = await refusal(addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: foreign.id, kind: "loyalty", months: "3" })));
    expect(notOurs.fields).toMatchObject({ achievementId: { code: "unknown_achievement" } });
    const archived = await achievement(org.id, "Retired");
    await setAchievementArchived(org.id, archived.id, true);
    const retired = await refusal(addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: archived.id, kind: "loyalty", months: "3" })));
    expect(retired.fields).toMatchObject({ achievementId: { code: "achievement_archived" } });
  });

  it("counts a draft only once it is a whole rule, and only in the caller's organization", async () => {
    const { org, programId, bronze } = await setup();
    await learnersAt(org.id, programId, 7, 45);
    expect(await countDraftRule(org.id, programId, { achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "" })).toBeNull();
    expect(await countDraftRule(org.id, programId, { achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "40" })).toBe(7);
    expect(await countDraftRule(org.id, programId, { achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "46" })).toBe(0);
    const other = await setup();
    await expect(countDraftRule(other.org.id, programId, { achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: "40" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps a program's jobs to its organization", async () => {
    const { org, programId } = await setup();
    const other = await setup();
    const job = await db.programJob.create({ data: { organizationId: org.id, programId, kind: "apply_rule", total: 4, done: 1, status: "running" } });
    expect(await programJobProgress(org.id, programId, job.id)).toMatchObject({ done: 1, total: 4, status: "running" });
    await expect(programJobProgress(other.org.id, other.programId, job.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(programJobProgress(other.org.id, programId, job.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(programJobProgress(org.id, programId, "not-an-id")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("test mode", () => {
  it("sends one event as a dry run through the engine, names what it would award and writes nothing", async () => {
    const { org, programId, bronze, silver, gold } = await setup();
    for (const [level, atLeast] of [[bronze, "10"], [silver, "50"], [gold, "100"]] as const) {
      await addRuleFromDesigner(org.id, parseInput(ruleFormSchema, { programId, achievementId: level.id, kind: "target", metric: "courses_completed", atLeast, apply: "later" }));
    }
    const before = await programRows(programId, [org.id]);
    const input = parseInput(testEventFormSchema, { programId, metric: "courses_completed", value: "60", email: "Admin@Example.com", occurredAt: "2026-11-30" });
    const result = await tryEvent(org.id, input);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([]);
    expect(result.awards.map((award) => award.achievementName).sort()).toEqual(["Bronze", "Silver"]);
    expect(await programRows(programId, [org.id])).toEqual(before);
  });

  it("passes on the engine's refusals field by field", async () => {
    const { org, programId } = await setup();
    const result = await tryEvent(org.id, parseInput(testEventFormSchema, { programId, metric: "hours", value: "2", email: "a@example.com", occurredAt: "" }));
    expect(result).toMatchObject({ accepted: 0, duplicates: 0, awards: [] });
    expect(result.rejected).toEqual([{ field: "metric", code: "unknown_metric", message: expect.stringContaining("hours") }]);
  });

  it("refuses a malformed event at the edge and another organization's program", async () => {
    const { programId } = await setup();
    expect(formRefusal(() => parseInput(testEventFormSchema, { programId, metric: "m", value: "lots", email: "a@example.com" })).fields).toHaveProperty("value");
    expect(formRefusal(() => parseInput(testEventFormSchema, { programId, metric: "m", value: "1", email: "not-an-email" })).fields).toMatchObject({ email: { code: "invalid_email" } });
    expect(formRefusal(() => parseInput(testEventFormSchema, { programId, metric: "m", value: "1", email: "a@example.com", occurredAt: "20260-01-01" })).fields).toHaveProperty("occurredAt");
    const other = await setup();
    const before = await programRows(programId, [other.org.id]);
    await expect(tryEvent(other.org.id, parseInput(testEventFormSchema, { programId, metric: "courses_completed", value: "1", email: "a@example.com" }))).rejects.toMatchObject({ code: "not_found" });
    expect(await programRows(programId, [other.org.id])).toEqual(before);
  });
});

describe("the program image", () => {
  it("goes through the image intake: a picture is kept as a data URL, anything else is refused on the image field", async () => {
    const png = await programImageFromUpload(new File([solidPng(16) as BlobPart], "logo.png", { type: "image/png" }));
    expect(png).toMatch(/^data:image\/png;base64,/);
    // The bytes decide, not the name or the type the browser claimed.
    const fake = await refusal(programImageFromUpload(new File([new TextEncoder().encode("<html>not an image</html>")], "photo.png", { type: "image/png" })));
    expect(Object.keys(fake.fields ?? {})).toEqual(["image"]);
    const huge = await refusal(programImageFromUpload(new File([new Uint8Array(600 * 1024)], "big.png", { type: "image/png" })));
    expect(Object.keys(huge.fields ?? {})).toEqual(["image"]);
  });
});
