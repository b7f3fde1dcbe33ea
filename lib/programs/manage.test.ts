import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, fieldErrorsFromZod, parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { addRule, createProgram, deleteRule, findProgram, getProgram, laddersOf, setProgramArchived, setProgramImage, updateProgram } from "./manage";
import { programInputSchema, programPatchSchema, ruleInputSchema } from "./schemas";

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Manage Academy");
  const program = await createProgram(
    org.id,
    parseInput(programInputSchema, { name: "Levels", metrics: [{ key: "points", label: "Points" }, { key: "level", label: "Level", aggregate: "latest" }] }),
    { userId: owner.id, ip: "203.0.113.9" },
  );
  const achievement = (name: string) => createAchievement(org.id, parseInput(achievementInputSchema, { name, description: name, criteria: { narrative: "Do it." } }));
  return { owner, org, program, achievement };
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, fields: error.fields };
    throw error;
  }
  return null;
};

describe("programs, beyond the API", () => {
  it("records who created, changed, archived a program and added or deleted a rule", async () => {
    const { owner, org, program, achievement } = await setup();
    const bronze = await achievement("Bronze");
    const rule = await addRule(org.id, program.id, parseInput(ruleInputSchema, { achievementId: bronze.id, kind: "target", metric: "points", atLeast: 10 }), { userId: owner.id });
    await updateProgram(org.id, program.id, { name: "Levels 2" }, { userId: owner.id });
    await setProgramArchived(org.id, program.id, true, { userId: owner.id });
    await setProgramArchived(org.id, program.id, false, { userId: owner.id });
    await deleteRule(org.id, program.id, rule.id, { userId: owner.id });
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id, targetId: program.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(audit.map((entry) => entry.action)).toEqual(["program.created", "program.rule_added", "program.updated", "program.archived", "program.restored", "program.rule_deleted"]);
    expect(audit.every((entry) => entry.actorId === owner.id)).toBe(true);
  });

  it("archives and restores only the organization's own program", async () => {
    const { org, program } = await setup();
    const other = await setup();
    expect(await codeOf(setProgramArchived(other.org.id, program.id, true))).toMatchObject({ code: "not_found" });
    expect(await codeOf(setProgramImage(other.org.id, program.id, "data:image/png;base64,AAAA"))).toMatchObject({ code: "not_found" });
    expect((await getProgram(org.id, program.id)).archivedAt).toBeNull();
    await setProgramArchived(org.id, program.id, true);
    expect((await getProgram(org.id, program.id)).archivedAt).toBeInstanceOf(Date);
    await setProgramImage(org.id, program.id, "data:image/png;base64,AAAA");
    expect((await getProgram(org.id, program.id)).image).toBe("data:image/png;base64,AAAA");
  });

  it("finds nothing for a malformed or foreign id without a query error", async () => {
    const { program } = await setup();
    const other = await setup();
    expect(await findProgram(other.org.id, program.id)).toBeNull();
    expect(await findProgram(other.org.id, "x'; DROP TABLE \"Program\"; --")).toBeNull();
    expect(await codeOf(deleteRule(other.org.id, program.id, "%00"))).toMatchObject({ code: "not_found" });
  });

  it("keeps a metric's kind once it holds values, and changes labels and units in place", async () => {
    const { org, program } = await setup();
    const relabelled = await updateProgram(org.id, program.id, {
      metrics: [
        { key: "points", label: { en: "Points earned", es: "Puntos ganados" }, unit: "pts", aggregate: "latest" },
        { key: "level", label: { en: "Level" }, aggregate: "latest" },
      ],
    });
    // No values yet: the kind may still change.
    expect(relabelled.metrics.find((m) => m.key === "points")).toMatchObject({ label: { en: "Points earned", es: "Puntos ganados" }, unit: "pts", aggregate: "latest" });
    await db.learnerMetric.create({ data: { programId: program.id, email: "lee@example.com", metric: "points", value: 3, readingAt: new Date() } });
    const locked = await codeOf(updateProgram(org.id, program.id, { metrics: [{ key: "points", label: { en: "Points" }, aggregate: "sum" }, { key: "level", label: { en: "Level" }, aggregate: "latest" }] }));
    expect(locked).toEqual({ code: "conflict", fields: { metrics: { code: "aggregate_locked", params: { metric: "points" } } } });
    expect((await getProgram(org.id, program.id)).metrics.find((m) => m.key === "points")?.aggregate).toBe("latest");
  });

  it("groups target rules into ladders per metric, lowest level first", async () => {
    const { org, program, achievement } = await setup();
    const [gold, bronze, silver, streak] = await Promise.all(["Gold", "Bronze", "Silver", "Streak"].map(achievement));
    for (const [a, atLeast] of [[gold, 100], [bronze, 10], [silver, 50]] as const) {
      await addRule(org.id, program.id, parseInput(ruleInputSchema, { achievementId: a.id, kind: "target", metric: "points", atLeast }));
    }
    await addRule(org.id, program.id, parseInput(ruleInputSchema, { achievementId: streak.id, kind: "streak", metric: "points", periods: 3, unit: "week" }));
    const ladders = laddersOf(await getProgram(org.id, program.id));
    expect([...ladders.keys()]).toEqual(["points"]);
    expect(ladders.get("points")!.map((rule) => rule.achievement.name)).toEqual(["Bronze", "Silver", "Gold"]);
  });

  it("lets an achievement be awarded again by a new rule once its rule is deleted", async () => {
    const { org, program, achievement } = await setup();
    const bronze = await achievement("Bronze");
    const rule = parseInput(ruleInputSchema, { achievementId: bronze.id, kind: "target", metric: "points", atLeast: 10 });
    const first = await addRule(org.id, program.id, rule);
    await deleteRule(org.id, program.id, first.id);
    const second = await addRule(org.id, program.id, { ...rule, atLeast: 20 } as typeof rule);
    expect(second.id).not.toBe(first.id);
    expect((await getProgram(org.id, program.id)).rules.map((r) => r.atLeast)).toEqual([20]);
  });
});

describe("the program shapes", () => {
  it("leaves out of a PATCH what it does not name (no creation defaults)", () => {
    expect(programPatchSchema.parse({ name: "x" })).toEqual({ name: "x" });
    expect(programInputSchema.parse({ name: "x" })).toEqual({ name: "x", description: "", visibility: "public", metrics: [] });
  });

  it("names the field a rule gets wrong, even inside the union of rule kinds", () => {
    const id = "c000000000000000000000001";
    const fields = (body: unknown) => fieldErrorsFromZod((ruleInputSchema.safeParse(body) as { error: z.ZodError }).error);
    expect(fields({ achievementId: id, kind: "badge" })).toEqual({ kind: { code: "invalid_choice" } });
    expect(fields({ achievementId: id, kind: "streak", metric: "points", periods: 2, unit: "day" })).toEqual({ unit: { code: "invalid_choice" } });
    expect(fields({ achievementId: id, kind: "target", metric: "points" })).toEqual({ atLeast: { code: "required" } });
    expect(fields({ achievementId: id, kind: "loyalty", months: 0 })).toMatchObject({ months: { code: "too_short" } });
  });
});
