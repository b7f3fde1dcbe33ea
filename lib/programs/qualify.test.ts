import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, ensureDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { issueCredentialSchema } from "@/lib/issuing/schemas";
import { stopQueue } from "@/lib/jobs";
import { uniqueEmail } from "@/lib/test/factories";
import { programFixture } from "@/lib/test/program-fixtures";
import { runApplyRule, startApplyRule } from "./apply-rule";
import { ingestEvents } from "./ingest";
import { learnerProgress, ruleDescription } from "./progress";
import { countQualifying } from "./qualify";
import { ruleInputSchema } from "./schemas";

beforeAll(() => ensureDb());
afterAll(() => stopQueue());

describe("who qualifies, and applying a rule", () => {
  it("counts learners past a new rule's line who hold nothing yet, and applying awards each once", async () => {
    const f = await programFixture();
    const learners = Array.from({ length: 5 }, (_, i) => uniqueEmail(`q${i}`));
    // Values 5, 10, 15, 20, 25.
    await ingestEvents(f.org.id, learners.map((email, i) => f.event(email, "courses_completed", (i + 1) * 5)));
    const badge = await f.achievement("Fifteen");
    const input = parseInput(ruleInputSchema, { kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 15 });
    expect(await countQualifying(f.org.id, f.program.id, input)).toBe(3);
    // One of them holds the badge already, by hand.
    await issueCredential(f.org.id, parseInput(issueCredentialSchema, { achievementId: badge.id, recipient: { email: learners[4] } }), { notify: false });
    expect(await countQualifying(f.org.id, f.program.id, input)).toBe(2);

    const rule = await f.rule(input);
    const { jobId, total } = await startApplyRule(f.org.id, f.program.id, rule.id, f.owner.id);
    expect(total).toBe(2);
    const summary = await runApplyRule(jobId);
    expect(summary).toMatchObject({ status: "completed", total: 2, done: 2 });
    const awards = await db.programAward.findMany({ where: { organizationId: f.org.id } });
    expect(awards.map((a) => a.email).sort()).toEqual([learners[2], learners[3]].sort());
    expect(awards.every((a) => a.status === "issued")).toBe(true);
    expect(await countQualifying(f.org.id, f.program.id, input)).toBe(0);
    // Applying again awards nobody twice.
    const again = await startApplyRule(f.org.id, f.program.id, rule.id);
    expect(again.total).toBe(0);
    expect(await runApplyRule(again.jobId)).toMatchObject({ status: "completed", done: 0 });
    expect(await db.programAward.count({ where: { organizationId: f.org.id } })).toBe(2);
    const job = await db.programJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ kind: "apply_rule", createdById: f.owner.id, options: { ruleId: rule.id } });
  });

  it("counts streaks, loyalty and pathways as the engine awards them", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Any");
    const a = uniqueEmail("streaky");
    const b = uniqueEmail("patchy");
    const week = (n: number) => new Date(Date.UTC(2024, 0, 3 + 7 * n));
    await ingestEvents(f.org.id, [
      ...[0, 1, 2].map((n) => f.event(a, "courses_completed", 1, week(n))),
      ...[0, 2, 4].map((n) => f.event(b, "courses_completed", 1, week(n))),
    ]);
    const count = (rule: unknown) => countQualifying(f.org.id, f.program.id, parseInput(ruleInputSchema, rule));
    expect(await count({ kind: "streak", achievementId: badge.id, metric: "courses_completed", periods: 3, unit: "week" })).toBe(1);
    expect(await count({ kind: "streak", achievementId: badge.id, metric: "courses_completed", periods: 1, unit: "month" })).toBe(2);
    expect(await count({ kind: "loyalty", achievementId: badge.id, months: 1 })).toBe(2);
    expect(await count({ kind: "loyalty", achievementId: badge.id, metric: "courses_completed", atLeast: 3, withinDays: 14 })).toBe(1);
    expect(await count({ kind: "loyalty", achievementId: badge.id, metric: "courses_completed", atLeast: 2, withinDays: 14 })).toBe(2);
    const parts = await Promise.all(["P1", "P2"].map((name) => f.achievement(name)));
    await issueCredential(f.org.id, parseInput(issueCredentialSchema, { achievementId: parts[0].id, recipient: { email: a } }), { notify: false });
    expect(await count({ kind: "pathway", achievementId: badge.id, requires: parts.map((p) => p.id), count: 1 })).toBe(1);
    expect(await count({ kind: "pathway", achievementId: badge.id, requires: parts.map((p) => p.id) })).toBe(0);
  });
});

describe("a learner's progress", () => {
  it("lists metrics, what was earned and what each rule still needs", async () => {
    const f = await programFixture({ metrics: [{ key: "courses_completed", label: "Courses completed" }] });
    const bronze = await f.achievement("Bronze");
    const silver = await f.achievement("Silver");
    const loyal = await f.achievement("Loyal");
    const streak = await f.achievement("Streak");
    await f.rule({ kind: "target", achievementId: bronze.id, metric: "courses_completed", atLeast: 10 });
    const silverRule = await f.rule({ kind: "target", achievementId: silver.id, metric: "courses_completed", atLeast: 50 });
    await f.rule({ kind: "loyalty", achievementId: loyal.id, months: 12 });
    await f.rule({ kind: "streak", achievementId: streak.id, metric: "courses_completed", periods: 4, unit: "week" });
    const email = uniqueEmail("progress");
    const now = Date.now();
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 8, new Date(now - 7 * 86_400_000)), f.event(email, "courses_completed", 4, new Date(now))]);

    const [progress] = await learnerProgress(f.org.id, email.toUpperCase());
    expect(progress.programId).toBe(f.program.id);
    expect(progress.metrics).toEqual([{ key: "courses_completed", label: "Courses completed", unit: null, value: 12 }]);
    expect(progress.earned).toEqual([expect.objectContaining({ achievementId: bronze.id, name: "Bronze", kind: "target", status: "pending" })]);
    const next = Object.fromEntries(progress.next.map((n) => [n.name, n]));
    expect(Object.keys(next).sort()).toEqual(["Loyal", "Silver", "Streak"]);
    expect(next.Silver).toMatchObject({ ruleId: silverRule.id, target: 50, current: 12, remaining: 38, metric: "courses_completed" });
    expect(next.Loyal).toMatchObject({ target: 12, current: 0, remaining: 12 });
    expect(next.Streak.target).toBe(4);
    expect(next.Streak.current).toBeGreaterThanOrEqual(1);
    expect(await learnerProgress(f.org.id, uniqueEmail("stranger"))).toEqual([]);
  });

  it("describes rules in plain words, in English and Spanish", () => {
    const rule = { kind: "target", achievementId: "x", metric: "courses_completed", atLeast: 50 };
    expect(ruleDescription(rule, "courses completed", "Silver")).toBe("Award Silver when courses completed reaches 50");
    expect(ruleDescription(rule, "cursos completados", "Plata", "es")).toBe("Otorgar Plata cuando cursos completados llegue a 50");
    expect(ruleDescription({ kind: "streak", achievementId: "x", metric: "m", periods: 4, unit: "week" }, "logins", "Regular")).toBe("Award Regular for activity in logins in 4 consecutive weeks");
    expect(ruleDescription({ kind: "loyalty", achievementId: "x", months: 12 }, "", "Veteran")).toBe("Award Veteran 12 months after the learner's first activity");
    expect(ruleDescription({ kind: "loyalty", achievementId: "x", metric: "m", atLeast: 5, withinDays: 30 }, "posts", "Active")).toBe("Award Active for 5 activities in posts within 30 days");
  });
});
