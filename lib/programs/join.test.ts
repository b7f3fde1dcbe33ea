import { describe, expect, it } from "vitest";
import { addDays, isoDate, resolveRange } from "@/lib/analytics/range";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { ingestEvents } from "./ingest";
import { programInsights } from "./insights";
import { joinAfterSignIn, joinProgram, programViewer } from "./join";
import { listProgramLearners } from "./learners";
import { addRule, createProgram } from "./manage";
import { PROGRAM_JOINED, programInputSchema, ruleInputSchema } from "./schemas";

async function setup(visibility: "public" | "members" = "public") {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Join Academy");
  const program = await createProgram(
    org.id,
    parseInput(programInputSchema, { name: "Readers", visibility, metrics: [{ key: "books", label: { en: "books read" } }] }),
  );
  const bronze = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Bronze reader", description: "Read.", criteria: { narrative: "Read books." } }));
  await addRule(org.id, program.id, parseInput(ruleInputSchema, { achievementId: bronze.id, kind: "target", metric: "books", atLeast: 3 }));
  return { owner, org, program };
}

const today = () => isoDate(new Date());
const thisWeek = () => resolveRange({ from: addDays(today(), -6), to: today() });

describe("joining a program from its page", () => {
  it("enrols the learner once with zero progress, records program.joined and counts the join in the funnel", async () => {
    const { org, program } = await setup();
    const learner = await createUser({ name: "Grace Hopper" });
    expect(await programViewer(program.id, learner.id)).toEqual({ signedIn: true, enrolled: false, optedIn: false });

    expect(await joinProgram(program.id, learner)).toEqual({ programId: program.id, joined: true });
    // Twice changes nothing: one learner, one join event, one join in the funnel.
    expect(await joinProgram(program.id, learner)).toEqual({ programId: program.id, joined: false });

    const learners = await listProgramLearners(org.id, program.id);
    expect(learners.data.map((row) => [row.email, row.name, row.activities, row.metrics, row.awards])).toEqual([[learner.email, "Grace Hopper", 0, [], []]]);
    expect(learners.data[0].progress.map((p) => [p.current, p.percent])).toEqual([[0, 0]]);
    const events = await db.programEvent.findMany({ where: { programId: program.id }, select: { metric: true, email: true, value: true } });
    expect(events).toEqual([{ metric: PROGRAM_JOINED, email: learner.email, value: 0 }]);
    expect(await programViewer(program.id, learner.id)).toEqual({ signedIn: true, enrolled: true, optedIn: false });

    const insights = await programInsights(org.id, program.id, thisWeek());
    expect(insights.funnel.map((step) => [step.step, step.count])).toEqual([["joined", 1], ["active", 0], ["progressing", 0], ["completed", 0]]);
    // Joining is not activity: the learner counts, but not as active yet.
    expect({ learners: insights.learners, active: insights.active, joined: insights.joined }).toEqual({ learners: 1, active: 0, joined: 1 });
  });

  it("starts the learner's activity with the organization's first event, and awards as usual", async () => {
    const { org, program } = await setup();
    const learner = await createUser();
    await joinProgram(program.id, learner);
    const occurredAt = new Date(Date.now() - 2 * 86_400_000);
    const result = await ingestEvents(org.id, [{ id: "e1", learner: { email: learner.email }, programId: program.id, metric: "books", value: 3, occurredAt: occurredAt.toISOString() }]);
    expect(result.accepted).toBe(1);
    const row = await db.programLearner.findUniqueOrThrow({ where: { programId_email: { programId: program.id, email: learner.email } } });
    expect({ activities: row.activities, first: row.firstActivityAt.toISOString(), returned: row.returnedAt }).toEqual({ activities: 1, first: occurredAt.toISOString(), returned: null });
    const insights = await programInsights(org.id, program.id, thisWeek());
    expect(insights.funnel.map((step) => [step.step, step.count])).toEqual([["joined", 1], ["active", 1], ["progressing", 0], ["completed", 1]]);
  });

  it("keeps a learner the organization's events brought in as they were, and counts the join", async () => {
    const { org, program } = await setup();
    const learner = await createUser();
    await ingestEvents(org.id, [{ id: "e1", learner: { email: learner.email, name: "From the LMS" }, programId: program.id, metric: "books", value: 1 }]);
    await joinProgram(program.id, { ...learner, name: "Someone else" });
    const row = await db.programLearner.findUniqueOrThrow({ where: { programId_email: { programId: program.id, email: learner.email } } });
    expect({ name: row.name, activities: row.activities }).toEqual({ name: "From the LMS", activities: 1 });
    expect((await programInsights(org.id, program.id, thisWeek())).joined).toBe(1);
  });

  it("refuses a members-only program to outsiders, an archived or unknown one to anyone", async () => {
    const { owner, org, program } = await setup("members");
    const stranger = await createUser();
    await expect(joinProgram(program.id, stranger)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.programLearner.count({ where: { programId: program.id } })).toBe(0);
    // A member of the organization may join its members-only program.
    expect((await joinProgram(program.id, owner)).joined).toBe(true);
    await db.program.update({ where: { id: program.id }, data: { archivedAt: new Date() } });
    await expect(joinProgram(program.id, stranger)).rejects.toMatchObject({ code: "not_found" });
    await expect(joinProgram("not-an-id", stranger)).rejects.toMatchObject({ code: "not_found" });
    expect((await programInsights(org.id, program.id, thisWeek())).joined).toBe(1);
  });

  it("joins after sign-up only on a navigation the person started, never one another site sent", async () => {
    const { program } = await setup();
    const learner = await createUser();
    // An <img> or a link on another site: back to the program's page, where the Join button asks.
    expect(await joinAfterSignIn(program.id, learner, "cross-site")).toBe(`/p/${program.id}`);
    expect(await joinAfterSignIn(program.id, learner, null)).toBe(`/p/${program.id}`);
    expect(await db.programLearner.count({ where: { programId: program.id } })).toBe(0);
    // The link in their confirmation mail (none), or Laurel's own sign-in page (same-origin).
    expect(await joinAfterSignIn(program.id, learner, "none")).toBe(`/p/${program.id}?joined=1`);
    expect(await joinAfterSignIn(program.id, learner, "same-origin")).toBe(`/p/${program.id}`);
    expect(await db.programLearner.count({ where: { programId: program.id } })).toBe(1);
  });
});
