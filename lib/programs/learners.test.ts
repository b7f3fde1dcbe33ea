import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { listProgramLearners, progressOn, type ProgramLearnerRow } from "./learners";
import { createKnownProgram } from "./test/known-program";

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

describe("listProgramLearners", async () => {
  const known = await createKnownProgram();
  const { org, program, email } = known;
  const byName = (rows: ProgramLearnerRow[], name: string) => rows.find((row) => row.email === email(name))!;

  it("pages through every learner of the program, most recently active first, and none of another organization's", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listProgramLearners(org.id, program.id, { limit: 4, cursor });
      sizes.push(page.data.length);
      seen.push(...page.data.map((row) => row.email));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([4, 4, 1]);
    expect(seen[0]).toBe(email("jo"));
    expect(seen.slice(3)).toEqual(["ana", "gus", "di", "bo", "ed", "ivy"].map(email));
    expect(new Set(seen.slice(1, 3))).toEqual(new Set([email("cy"), email("fay")]));
    expect(seen).not.toContain(email("intruder"));
  });

  it("finds learners by the start of their address or part of their name", async () => {
    const emails = async (q: string) => (await listProgramLearners(org.id, program.id, { q })).data.map((row) => row.email);
    expect(await emails("CY.")).toEqual([email("cy")]);
    expect(await emails("chen")).toEqual([email("cy")]);
    expect(await emails("Jones")).toEqual([email("jo")]);
    // Not the middle of an address: "k-" is only inside them.
    expect(await emails(".k-")).toEqual([]);
    expect(await emails("intruder")).toEqual([]);
    // LIKE's wildcards are letters like any other here.
    expect(await emails("%")).toEqual([]);
    expect(await emails("_")).toEqual([]);
  });

  it("answers each learner's metrics, awards and progress to the next level", async () => {
    const { data } = await listProgramLearners(org.id, program.id, { limit: 100 });
    const cy = byName(data, "cy");
    expect(cy).toMatchObject({ name: "Cy Chen", activities: 1 });
    expect(cy.metrics).toEqual([{ key: "courses", label: { en: "Courses completed", es: "Cursos completados" }, unit: "courses", value: 6 }]);
    expect(cy.awards.map((award) => [award.name, award.status])).toEqual([["Bronze", "issued"], ["Silver", "issued"]]);
    expect(cy.progress).toEqual([
      {
        metric: "courses", label: { en: "Courses completed", es: "Cursos completados" }, unit: "courses",
        current: 6, target: 10, percent: 60, reached: 2, levels: 3, next: { achievementId: known.created.achievements.Gold!.id, name: "Gold" },
      },
    ]);
    expect(byName(data, "ana").progress[0]).toMatchObject({ current: 12, target: 10, percent: 100, reached: 3, next: null });
    expect(byName(data, "di").progress[0]).toMatchObject({ current: 1, target: 5, percent: 20, reached: 1, next: { name: "Silver" } });
    expect(byName(data, "gus").progress[0]).toMatchObject({ current: 0, target: 1, percent: 0, reached: 0, next: { name: "Bronze" } });
    expect(byName(data, "gus").metrics).toEqual([]);
    expect(byName(data, "fay").awards.map((award) => [award.name, award.status])).toEqual([["Bronze", "revoked"]]);
    expect(byName(data, "jo").awards.map((award) => [award.name, award.status])).toEqual([["Gold", "held"], ["Streaker", "pending"]]);
    // Another organization's award naming bo is not bo's.
    expect(byName(data, "bo").awards.map((award) => award.name)).toEqual(["Bronze"]);
  });

  it("refuses another organization's program and a cursor it did not give", async () => {
    await expect(listProgramLearners(known.orgB.id, program.id)).rejects.toSatisfy(isCode("not_found"));
    await expect(listProgramLearners(org.id, program.id, { cursor: "bm90LWEtY3Vyc29y" })).rejects.toSatisfy(isCode("validation_failed"));
  });
});

describe("progressOn", () => {
  const levels = [
    { atLeast: 3, achievementId: "a", name: "One" },
    { atLeast: 9, achievementId: "b", name: "Two" },
  ];
  it("never shows 100% before the target is reached", () => {
    expect(progressOn("m", levels, 8.99).percent).toBe(99);
    expect(progressOn("m", levels, 9)).toMatchObject({ percent: 100, target: 9, reached: 2, next: null });
    expect(progressOn("m", levels, -4)).toMatchObject({ percent: 0, target: 3, reached: 0 });
  });
});
