import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { addRule, createProgram, deleteRule, setProgramArchived, updateProgram } from "./manage";
import { loadPublicProgram } from "./public";
import { programInputSchema, ruleInputSchema } from "./schemas";

const achievement = (orgId: string, name: string) =>
  createAchievement(orgId, parseInput(achievementInputSchema, { name, description: `${name} level.`, criteria: { narrative: "Keep learning." } }));

async function setup(visibility: "public" | "members" = "public") {
  const owner = await createUser();
  const viewer = await createUser();
  const stranger = await createUser();
  const otherOwner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }, { userId: viewer.id, role: "viewer" }], "Ladder Academy");
  await createOrgWith([{ userId: otherOwner.id, role: "owner" }], "Other Academy");
  const program = await createProgram(
    org.id,
    parseInput(programInputSchema, {
      name: "Course Champions",
      description: "Finish courses, climb levels.",
      visibility,
      enrolUrl: "https://academy.example/join",
      metrics: [{ key: "courses_completed", label: { en: "courses completed", es: "cursos completados" } }],
    }),
  );
  const [bronze, silver, gold, streaker] = await Promise.all(["Bronze", "Silver", "Gold", "Streaker"].map((name) => achievement(org.id, name)));
  const rule = (input: unknown) => addRule(org.id, program.id, parseInput(ruleInputSchema, input));
  // Added out of order: the ladder is drawn by threshold, not by creation.
  await rule({ achievementId: gold.id, kind: "target", metric: "courses_completed", atLeast: 100 });
  await rule({ achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: 10 });
  await rule({ achievementId: silver.id, kind: "target", metric: "courses_completed", atLeast: 50 });
  const streak = await rule({ achievementId: streaker.id, kind: "streak", metric: "courses_completed", periods: 4, unit: "week" });
  return { org, owner, viewer, stranger, otherOwner, program, streak, achievements: { bronze, silver, gold, streaker } };
}

describe("the public program page", () => {
  it("shows a public program to anyone, its ladder lowest rung first and its other rules apart", async () => {
    const { program, achievements } = await setup();
    const page = await loadPublicProgram(program.id, null);
    expect(page).toMatchObject({ name: "Course Champions", enrolUrl: "https://academy.example/join", organization: { name: "Ladder Academy" } });
    expect(page!.ladders).toHaveLength(1);
    expect(page!.ladders[0].rungs.map((rung) => [rung.achievementName, rung.atLeast])).toEqual([["Bronze", 10], ["Silver", 50], ["Gold", 100]]);
    expect(page!.ladders[0].rungs[0].imageSrc).toBe(`/b/${achievements.bronze.id}/v/1/image.png`);
    expect(page!.rules.map((rule) => rule.achievementName)).toEqual(["Streaker"]);
  });

  it("shows a members-only program to the organization's members only; everyone else gets the same not-found as a missing one", async () => {
    const { program, owner, viewer, stranger, otherOwner } = await setup("members");
    expect(await loadPublicProgram(program.id, owner.id)).not.toBeNull();
    expect(await loadPublicProgram(program.id, viewer.id)).not.toBeNull();
    expect(await loadPublicProgram(program.id, null)).toBeNull();
    expect(await loadPublicProgram(program.id, stranger.id)).toBeNull();
    expect(await loadPublicProgram(program.id, otherOwner.id)).toBeNull();
    expect(await loadPublicProgram("cmissingprogram00000000000", owner.id)).toBeNull();
  });

  it("hides an archived program from everyone, members included, until it is restored", async () => {
    const { org, program, owner } = await setup();
    await setProgramArchived(org.id, program.id, true);
    expect(await loadPublicProgram(program.id, null)).toBeNull();
    expect(await loadPublicProgram(program.id, owner.id)).toBeNull();
    await setProgramArchived(org.id, program.id, false);
    expect(await loadPublicProgram(program.id, null)).not.toBeNull();
  });

  it("follows a change of visibility and leaves deleted rules out", async () => {
    const { org, program, streak } = await setup();
    await deleteRule(org.id, program.id, streak.id);
    expect((await loadPublicProgram(program.id, null))!.rules).toEqual([]);
    await updateProgram(org.id, program.id, { visibility: "members" });
    expect(await loadPublicProgram(program.id, null)).toBeNull();
  });

  it("counts how many hold each badge: credentials not revoked, whoever issued them through", async () => {
    const { org, program, achievements } = await setup();
    const { issueCredential } = await import("@/lib/issuing/issue-credential");
    const { revokeCredential } = await import("@/lib/issuing/revoke-credential");
    const { issueCredentialSchema } = await import("@/lib/issuing/schemas");
    const issue = (achievementId: string, email: string) =>
      issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId, recipient: { email } }), { notify: false });
    await issue(achievements.bronze.id, "one@example.com");
    const revoked = await issue(achievements.bronze.id, "two@example.com");
    await issue(achievements.streaker.id, "three@example.com");
    await revokeCredential(org.id, revoked.id, "Issued by mistake");
    const page = await loadPublicProgram(program.id, null);
    expect(page!.ladders[0].rungs.map((rung) => [rung.achievementName, rung.holders])).toEqual([["Bronze", 1], ["Silver", 0], ["Gold", 0]]);
    expect(page!.rules.map((rule) => [rule.achievementName, rule.holders])).toEqual([["Streaker", 1]]);
  });

  it("refuses a malformed id before any query", async () => {
    for (const id of ["", "%00", "x".repeat(5000), "../../etc/passwd", "\u0000"]) expect(await loadPublicProgram(id, null)).toBeNull();
  });
});
