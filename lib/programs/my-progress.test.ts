import { describe, expect, it } from "vitest";
import { createIssuer, createLearner as createPerson, issueTo } from "@/lib/backpack/backpack-fixtures";
import { profileSettingsSchema, updateProfileSettings } from "@/lib/backpack/profile";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { profilePageData } from "@/lib/public/profile";
import { unique } from "@/lib/test/factories";
import { progressForUser, publicProgressOf, suggestNext, type ProgramProgress } from "./my-progress";
import { createLearner, createProgram } from "./test/factories";

const DAY_MS = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY_MS);

/**
 * A learner with a verified second address and an unverified third one, and an organization
 * with a public ladder-and-pathway program and a members-only program.
 */
async function scenario() {
  const { org } = await createIssuer("Progress Academy");
  const verifiedOther = `${unique("alt")}@example.com`;
  const unverifiedOther = `${unique("unproven")}@example.com`;
  const { user } = await createPerson([{ email: verifiedOther, verified: true }, { email: unverifiedOther, verified: false }]);
  const courses = await createProgram(org.id, {
    name: "Course Ladder",
    metrics: [{ key: "courses", label: { en: "courses", es: "cursos" } }],
    rules: [
      { kind: "target", metric: "courses", atLeast: 1, achievement: "Bronze" },
      { kind: "target", metric: "courses", atLeast: 5, achievement: "Gold" },
      { kind: "target", metric: "courses", atLeast: 10, achievement: "Platinum" },
      { kind: "pathway", requires: ["Bronze", "Gold"], achievement: "Graduate" },
      { kind: "streak", metric: "courses", periods: 4, unit: "week", achievement: "Streaker" },
    ],
  });
  // The learner's second (verified) address takes part, with 3 courses and Bronze held.
  await createLearner(courses, { email: verifiedOther, firstActivityAt: ago(20), metrics: { courses: 3 }, awards: [{ achievement: "Bronze" }] });
  await db.achievement.update({ where: { id: courses.achievements.Bronze.id }, data: { criteriaNarrative: "Finish a course." } });
  await issueTo(org.id, courses.achievements.Bronze.id, verifiedOther);

  const staff = await createProgram(org.id, {
    name: "Staff Training",
    metrics: [{ key: "sessions", label: { en: "sessions" } }],
    rules: [{ kind: "target", metric: "sessions", atLeast: 4, achievement: "Staff Star" }],
  });
  await db.program.update({ where: { id: staff.program.id }, data: { visibility: "members" } });
  await createLearner(staff, { email: user.email, firstActivityAt: ago(5), metrics: { sessions: 1 } });

  // An address the learner has not proven: its programs are not theirs.
  const stranger = await createProgram(org.id, { name: "Not Yours", metrics: [{ key: "x" }], rules: [{ kind: "target", metric: "x", atLeast: 2, achievement: "X" }] });
  await createLearner(stranger, { email: unverifiedOther, firstActivityAt: ago(5), metrics: { x: 1 } });
  return { org, user, courses, staff };
}

const byName = (programs: ProgramProgress[], name: string) => programs.find((program) => program.name === name);

describe("a learner's progress in engagement programs", () => {
  it("lists the programs of their verified addresses, with a bar per target, level and pathway still ahead", async () => {
    const { org, user } = await scenario();
    const programs = await progressForUser(user.id, { locale: "en" });
    expect(programs.map((program) => program.name).sort()).toEqual(["Course Ladder", "Staff Training"]);

    const ladder = byName(programs, "Course Ladder")!;
    expect(ladder.organization).toEqual({ id: org.id, name: "Progress Academy" });
    expect(ladder.earned).toBe(1);
    // Bronze is held (no bar); the streak has no bar; the levels and the pathway do.
    expect(ladder.bars.map((bar) => [bar.name, bar.kind, bar.metricLabel, bar.current, bar.target])).toEqual([
      ["Gold", "target", "courses", 3, 5],
      ["Platinum", "target", "courses", 3, 10],
      ["Graduate", "pathway", null, 1, 2],
    ]);
    // Closest to done: Gold at 3 of 5 (60%) beats the pathway's 1 of 2 and Platinum's 3 of 10.
    expect(ladder.suggested?.name).toBe("Gold");

    const staff = byName(programs, "Staff Training")!;
    expect(staff.visibility).toBe("members");
    expect(staff.bars.map((bar) => `${bar.current} of ${bar.target} ${bar.metricLabel} toward ${bar.name}`)).toEqual(["1 of 4 sessions toward Staff Star"]);
  });

  it("labels metrics in the learner's language", async () => {
    const { user } = await scenario();
    const ladder = byName(await progressForUser(user.id, { locale: "es" }), "Course Ladder")!;
    expect(ladder.bars[0].metricLabel).toBe("cursos");
  });

  it("leaves out archived programs, and has nothing for someone in no program", async () => {
    const { user, courses } = await scenario();
    await db.program.update({ where: { id: courses.program.id }, data: { archivedAt: new Date() } });
    expect((await progressForUser(user.id)).map((program) => program.name)).toEqual(["Staff Training"]);
    const { user: newcomer } = await createPerson();
    expect(await progressForUser(newcomer.id)).toEqual([]);
  });

  it("counts a learner once in a program where two of their addresses take part", async () => {
    const { user, courses } = await scenario();
    await createLearner(courses, { email: user.email, firstActivityAt: ago(2), metrics: { courses: 1 } });
    expect((await progressForUser(user.id)).filter((program) => program.name === "Course Ladder")).toHaveLength(1);
  });

  it("shows on the public profile only when the learner allows it, and only public programs", async () => {
    const { user } = await scenario();
    const handle = unique("learner").toLowerCase();
    const settings = (extra: Record<string, string>) => parseInput(profileSettingsSchema, { handle, name: "Pat Progress", profilePublic: "on", ...extra });

    // Off by default.
    await updateProfileSettings(user.id, settings({}));
    const hidden = (await profilePageData(handle))!;
    expect(hidden.showProgress).toBe(false);
    expect(await publicProgressOf(hidden, "en")).toEqual([]);

    await updateProfileSettings(user.id, settings({ profileShowProgress: "on" }));
    const shown = (await profilePageData(handle))!;
    expect(shown.showProgress).toBe(true);
    const programs = await publicProgressOf(shown, "en");
    expect(programs.map((program) => program.name)).toEqual(["Course Ladder"]);
    expect(programs[0].bars[0]).toMatchObject({ name: "Gold", current: 3, target: 5 });

    // Unticking the box turns it off again (an unticked checkbox sends nothing).
    await updateProfileSettings(user.id, settings({}));
    expect((await profilePageData(handle))!.showProgress).toBe(false);
  });
});

describe("suggestNext", () => {
  const bar = (name: string, current: number, target: number) => ({ ruleId: name, achievementId: name, name, kind: "target" as const, metricLabel: "x", current, target });

  it("suggests the bar nearest its end, then the one with least to go", () => {
    expect(suggestNext([])).toBeNull();
    expect(suggestNext([bar("A", 1, 10), bar("B", 4, 5), bar("C", 2, 4)])?.name).toBe("B");
    expect(suggestNext([bar("A", 5, 10), bar("B", 1, 2)])?.name).toBe("B");
  });
});
