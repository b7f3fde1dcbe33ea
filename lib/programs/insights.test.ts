import { describe, expect, it } from "vitest";
import { addDays, isoDate, resolveRange } from "@/lib/analytics/range";
import { AppError } from "@/lib/errors";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { programInsights } from "./insights";
import { createProgram, createLearner, daysAgo } from "./test/factories";
import { createKnownProgram, KNOWN_PROGRAM } from "./test/known-program";

describe("programInsights", async () => {
  const known = await createKnownProgram();
  const today = isoDate(known.now);
  const lastTenDays = resolveRange({ from: addDays(today, -9), to: today }, known.now);

  it("counts active, progressing and completed learners, the quiet ones and those who came back", async () => {
    const insights = await programInsights(known.org.id, known.program.id, lastTenDays);
    expect(insights.program).toEqual({ id: known.program.id, name: "Learning Streaks" });
    expect({
      learners: insights.learners,
      active: insights.active,
      progressing: insights.progressing,
      completed: insights.completed,
      inactive: insights.inactive,
      returned: insights.returned,
      awards: insights.awards,
    }).toEqual({
      learners: KNOWN_PROGRAM.learners,
      active: KNOWN_PROGRAM.active,
      progressing: KNOWN_PROGRAM.progressing,
      completed: KNOWN_PROGRAM.completed,
      inactive: KNOWN_PROGRAM.inactive,
      returned: KNOWN_PROGRAM.returned,
      awards: KNOWN_PROGRAM.awards,
    });
    expect(insights.funnel).toEqual([
      { step: "joined", count: 0, rate: null },
      { step: "active", count: 7, rate: null },
      { step: "progressing", count: 4, rate: 4 / 7 },
      { step: "completed", count: 2, rate: 2 / 7 },
    ]);
    expect(insights.hasData).toBe(true);
  });

  it("draws awards per day over every day of the range", async () => {
    const insights = await programInsights(known.org.id, known.program.id, lastTenDays);
    expect(insights.series.map((point) => point.date)).toEqual(Array.from({ length: 10 }, (_, index) => addDays(today, index - 9)));
    const expected = Object.fromEntries(Object.entries(KNOWN_PROGRAM.awardsByDaysAgo).map(([days, count]) => [isoDate(daysAgo(Number(days), known.now)), count]));
    expect(Object.fromEntries(insights.series.filter((point) => point.awards > 0).map((point) => [point.date, point.awards]))).toEqual(expected);
  });

  it("places learners on their highest level and times how long each level takes", async () => {
    const insights = await programInsights(known.org.id, known.program.id, lastTenDays);
    expect(insights.ladders).toHaveLength(1);
    const [ladder] = insights.ladders;
    expect(ladder).toMatchObject({ metric: "courses", label: { en: "Courses completed", es: "Cursos completados" }, unit: "courses", withoutLevel: KNOWN_PROGRAM.withoutLevel });
    expect(ladder!.levels.map(({ name, level, atLeast, learners, reached, medianSeconds }) => ({ name, level, atLeast, learners, reached, medianSeconds }))).toEqual(KNOWN_PROGRAM.levels);
    expect(ladder!.levels.map((level) => level.achievementId)).toEqual(["Bronze", "Silver", "Gold"].map((name) => known.created.achievements[name]!.id));
  });

  it("reads an earlier range as it was: activity from events, awards not yet made do not complete anyone", async () => {
    // 34–36 days ago only Ana was active (an event 35 days ago); her Gold came later.
    const earlier = resolveRange({ from: addDays(today, -36), to: addDays(today, -34) }, known.now);
    const insights = await programInsights(known.org.id, known.program.id, earlier);
    expect({ active: insights.active, progressing: insights.progressing, completed: insights.completed, returned: insights.returned, awards: insights.awards }).toEqual({
      active: 1, progressing: 1, completed: 0, returned: 0, awards: 0,
    });
    // By then ed (first active 60 days ago) and fay, ivy had started; the rest had not.
    expect(insights.learners).toBe(4);
    const medians = insights.ladders[0]!.levels.map((level) => level.medianSeconds);
    expect(medians).toEqual([null, null, null]);
  });

  it("answers not_found for another organization's program, and for an id of the wrong shape", async () => {
    for (const [orgId, programId] of [[known.orgB.id, known.program.id], [known.org.id, known.createdB.program.id], [known.org.id, "not-an-id"]] as const) {
      await expect(programInsights(orgId, programId, lastTenDays)).rejects.toSatisfy((error) => error instanceof AppError && error.code === "not_found");
    }
  });

  it("shows an empty program as empty, and nobody completes a program without rules", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const empty = await createProgram(org.id, { metrics: [{ key: "steps" }] });
    const before = await programInsights(org.id, empty.program.id, lastTenDays);
    expect(before).toMatchObject({ learners: 0, active: 0, progressing: 0, completed: 0, awards: 0, ladders: [], hasData: false });
    expect(before.funnel.map((step) => step.rate)).toEqual([null, null, null, null]);
    await createLearner(empty, { email: "walker@example.com", firstActivityAt: daysAgo(1, known.now), metrics: { steps: 100 } });
    const after = await programInsights(org.id, empty.program.id, lastTenDays);
    expect(after).toMatchObject({ learners: 1, active: 1, progressing: 1, completed: 0, hasData: true });
  });
});
