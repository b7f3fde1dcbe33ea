import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { programFixture, programRowCounts } from "@/lib/test/program-fixtures";
import { uniqueEmail } from "@/lib/test/factories";
import { ingestEvents } from "./ingest";

beforeAll(() => ensureDb());

const metricOf = (programId: string, email: string, metric = "courses_completed") =>
  db.learnerMetric.findUnique({ where: { programId_email_metric: { programId, email, metric } } });
const awardsOf = (organizationId: string, email: string) => db.programAward.findMany({ where: { organizationId, email }, orderBy: { createdAt: "asc" } });

describe("checking events", () => {
  it("rejects each bad event with its code and field, and stores the good ones of the batch", async () => {
    const f = await programFixture({ metrics: [{ key: "courses_completed" }, { key: "score", aggregate: "latest" }] });
    const other = await programFixture();
    await db.program.update({ where: { id: other.program.id }, data: {} });
    const archived = await db.program.create({ data: { organizationId: f.org.id, name: "Old", archivedAt: new Date() } });
    const email = uniqueEmail("learner");
    const future = new Date(Date.now() + 10 * 60_000);
    const result = await ingestEvents(f.org.id, [
      f.event(email, "courses_completed", 1),
      { ...f.event(email, "courses_completed", 1), learner: { email: "not-an-address" } },
      f.event(email, "courses_completed", 1, undefined, undefined, other.program.id),
      f.event(email, "courses_completed", 1, undefined, undefined, archived.id),
      f.event(email, "unknown_thing", 1),
      f.event(email, "courses_completed", -1),
      f.event(email, "score", -5),
      f.event(email, "courses_completed", 1, future),
      f.event(email, "courses_completed", 1, new Date(Date.now() + 60_000)),
      { ...f.event(email, "courses_completed", 1), id: "laurel:abc" },
      { ...f.event(email, "courses_completed", 1), value: "three" },
      { ...f.event(email, "courses_completed", 1), id: "" },
    ]);
    expect(result.rejected.map((r) => [r.index, r.error.code, r.error.field])).toEqual([
      [1, "invalid_email", "learner.email"],
      [2, "unknown_program", "programId"],
      [3, "unknown_program", "programId"],
      [4, "unknown_metric", "metric"],
      [5, "negative_value", "value"],
      [7, "occurred_in_future", "occurredAt"],
      [9, "reserved_id", "id"],
      [10, "required", "value"],
      [11, "required", "id"],
    ]);
    for (const r of result.rejected) expect(r.error.message.length).toBeGreaterThan(0);
    // A negative reading of a `latest` metric is fine; a minute ahead is within the tolerance.
    expect(result.accepted).toBe(3);
    expect(result.duplicates).toBe(0);
    expect((await metricOf(f.program.id, email))!.value).toBe(2);
    expect((await metricOf(f.program.id, email, "score"))!.value).toBe(-5);
    // Nothing reached the other organization's program.
    expect(await db.programEvent.count({ where: { programId: other.program.id } })).toBe(0);
  });

  it("refuses more than 1,000 events at once", async () => {
    const f = await programFixture();
    const events = Array.from({ length: 1001 }, () => f.event("a@example.com", "courses_completed", 1));
    const error = await ingestEvents(f.org.id, events).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect(await db.programEvent.count({ where: { organizationId: f.org.id } })).toBe(0);
  });
});

describe("target rules and ladders", () => {
  it("awards at the boundary, not below it, and only when crossing", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Ten Courses");
    const rule = await f.rule({ kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 10 });
    const below = uniqueEmail("below");
    const at = uniqueEmail("at");
    const above = uniqueEmail("above");
    const result = await ingestEvents(f.org.id, [
      f.event(below, "courses_completed", 9.5),
      f.event(at, "courses_completed", 4),
      f.event(at, "courses_completed", 6),
      f.event(above, "courses_completed", 25),
    ]);
    expect(result.awards.map((a) => a.email).sort()).toEqual([above, at].sort());
    expect(result.awards.every((a) => a.ruleId === rule.id && a.achievementId === badge.id && a.programId === f.program.id)).toBe(true);
    // The event that crossed is the one named.
    const [award] = await awardsOf(f.org.id, at);
    const reason = award.reason as { eventId: string; value: number; metric: string; ruleId: string; description: string };
    expect(reason.value).toBe(10);
    expect(reason.metric).toBe("courses_completed");
    expect(reason.ruleId).toBe(rule.id);
    expect(reason.description).toBe("Award Ten Courses when courses completed reaches 10");
    // Going further awards nothing more.
    const again = await ingestEvents(f.org.id, [f.event(at, "courses_completed", 5), f.event(below, "courses_completed", 0.4)]);
    expect(again.awards).toEqual([]);
    expect((await awardsOf(f.org.id, below))).toHaveLength(0);
    const crossing = await ingestEvents(f.org.id, [f.event(below, "courses_completed", 0.1)]);
    expect(crossing.awards.map((a) => a.email)).toEqual([below]);
  });

  it("a rule added later does not award those already past it", async () => {
    const f = await programFixture();
    const email = uniqueEmail("veteran");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 30)]);
    const badge = await f.achievement("Twenty");
    await f.rule({ kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 20 });
    expect((await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1)])).awards).toEqual([]);
  });

  it("0 → 120 in one event awards Bronze, Silver and Gold once each", async () => {
    const f = await programFixture();
    const levels = await Promise.all(["Bronze", "Silver", "Gold"].map((name) => f.achievement(name)));
    await Promise.all(levels.map((a, i) => f.rule({ kind: "target", achievementId: a.id, metric: "courses_completed", atLeast: [10, 50, 100][i] })));
    const email = uniqueEmail("fast");
    const result = await ingestEvents(f.org.id, [f.event(email, "courses_completed", 120)]);
    expect(result.awards.map((a) => a.achievementId).sort()).toEqual(levels.map((a) => a.id).sort());
    const again = await ingestEvents(f.org.id, [f.event(email, "courses_completed", 120)]);
    expect(again.awards).toEqual([]);
    expect(await awardsOf(f.org.id, email)).toHaveLength(3);
  });

  it("a `latest` metric keeps the reading taken last, whatever order readings arrive in", async () => {
    const f = await programFixture({ metrics: [{ key: "score", aggregate: "latest" }] });
    const badge = await f.achievement("High Score");
    await f.rule({ kind: "target", achievementId: badge.id, metric: "score", atLeast: 90 });
    const email = uniqueEmail("scorer");
    await ingestEvents(f.org.id, [f.event(email, "score", 70, "2024-03-02T00:00:00Z")]);
    // An older reading of 95 arrives late: it changes nothing and awards nothing.
    const late = await ingestEvents(f.org.id, [f.event(email, "score", 95, "2024-03-01T00:00:00Z")]);
    expect(late.awards).toEqual([]);
    const stored = await metricOf(f.program.id, email, "score");
    expect(stored!.value).toBe(70);
    expect(stored!.readingAt.toISOString()).toBe("2024-03-02T00:00:00.000Z");
    const newer = await ingestEvents(f.org.id, [f.event(email, "score", 91, "2024-03-03T00:00:00Z")]);
    expect(newer.awards).toHaveLength(1);
  });
});

describe("learners", () => {
  it("counts activities, first and last activity, and a return after 30 days away", async () => {
    const f = await programFixture();
    const email = uniqueEmail("returning");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2024-01-10T00:00:00Z"), f.event(email, "courses_completed", 1, "2024-01-20T00:00:00Z")]);
    let learner = await db.programLearner.findUniqueOrThrow({ where: { programId_email: { programId: f.program.id, email } } });
    expect(learner.activities).toBe(2);
    expect(learner.returnedAt).toBeNull();
    // 29 days later: not a return.
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2024-02-18T00:00:00Z")]);
    learner = await db.programLearner.findUniqueOrThrow({ where: { programId_email: { programId: f.program.id, email } } });
    expect(learner.returnedAt).toBeNull();
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 1, "2024-03-19T00:00:00Z"), f.event(email, "courses_completed", 1, "2024-01-01T00:00:00Z")]);
    learner = await db.programLearner.findUniqueOrThrow({ where: { programId_email: { programId: f.program.id, email } } });
    expect(learner.returnedAt?.toISOString()).toBe("2024-03-19T00:00:00.000Z");
    expect(learner.firstActivityAt.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(learner.lastActivityAt.toISOString()).toBe("2024-03-19T00:00:00.000Z");
    expect(learner.activities).toBe(5);
  });
});

describe("idempotency, concurrency and failure", () => {
  it("50 concurrent batches for one learner award once and count every event once", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Fifty");
    await f.rule({ kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 25 });
    const email = uniqueEmail("busy");
    const results = await Promise.all(Array.from({ length: 50 }, () => ingestEvents(f.org.id, [f.event(email, "courses_completed", 1)])));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(50);
    expect(results.flatMap((r) => r.awards)).toHaveLength(1);
    expect(await awardsOf(f.org.id, email)).toHaveLength(1);
    expect((await metricOf(f.program.id, email))!.value).toBe(50);
    expect((await db.programLearner.findUniqueOrThrow({ where: { programId_email: { programId: f.program.id, email } } })).activities).toBe(50);
  });

  it("a replay of 10,000 events is all duplicates: no award, no aggregate changes", { timeout: 120_000 }, async () => {
    const f = await programFixture();
    const badge = await f.achievement("Hundred");
    await f.rule({ kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 15 });
    const learners = Array.from({ length: 500 }, (_, i) => `replay-${i}-${f.program.id}@example.com`);
    const start = Date.UTC(2024, 0, 1);
    const events = Array.from({ length: 10_000 }, (_, i) => f.event(learners[i % learners.length], "courses_completed", 1, new Date(start + i * 3_600_000), `replay-${i}`));
    const batches = Array.from({ length: 10 }, (_, b) => events.slice(b * 1000, (b + 1) * 1000));
    let awarded = 0;
    for (const batch of batches) awarded += (await ingestEvents(f.org.id, batch)).awards.length;
    expect(awarded).toBe(500);
    const snapshot = async () => ({
      counts: await programRowCounts(f.org.id),
      learners: await db.programLearner.findMany({ where: { programId: f.program.id }, orderBy: { email: "asc" }, select: { email: true, activities: true, firstActivityAt: true, lastActivityAt: true, returnedAt: true } }),
      metrics: await db.learnerMetric.findMany({ where: { programId: f.program.id }, orderBy: { email: "asc" }, select: { email: true, value: true, readingAt: true } }),
    });
    const before = await snapshot();
    for (const batch of batches) {
      const replay = await ingestEvents(f.org.id, batch);
      expect(replay).toMatchObject({ accepted: 0, duplicates: 1000, awards: [] });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a batch that fails midway leaves nothing behind, and its retry converges", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Crash Test");
    await f.rule({ kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 2 });
    const victim = uniqueEmail("crash");
    const bystander = uniqueEmail("bystander");
    const batch = [f.event(victim, "courses_completed", 3), f.event(bystander, "courses_completed", 1), f.event(bystander, "courses_completed", 1)];
    // The award insert is the batch's last statement: a trigger makes it fail there, after the
    // events, learners, metrics and periods were written in the same transaction.
    const trigger = `crash_${f.program.id.replace(/[^a-z0-9]/gi, "")}`;
    await db.$executeRawUnsafe(`CREATE FUNCTION ${trigger}() RETURNS trigger AS $$ BEGIN IF NEW."email" = '${victim}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER ${trigger} BEFORE INSERT ON "ProgramAward" FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
    try {
      await expect(ingestEvents(f.org.id, batch)).rejects.toThrow(/simulated crash/);
      const counts = await programRowCounts(f.org.id);
      expect(counts).toMatchObject({ learners: 0, metrics: 0, periods: 0, events: 0, awards: 0 });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${trigger} ON "ProgramAward"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${trigger}()`);
    }
    const retry = await ingestEvents(f.org.id, batch);
    expect(retry.accepted).toBe(3);
    expect(retry.awards.map((a) => a.email).sort()).toEqual([bystander, victim].sort());
    expect((await ingestEvents(f.org.id, batch)).duplicates).toBe(3);
    expect((await metricOf(f.program.id, bystander))!.value).toBe(2);
  });

  it("a dry run says what would be awarded and writes nothing", async () => {
    const f = await programFixture();
    const badge = await f.achievement("Dry");
    await f.rule({ kind: "target", achievementId: badge.id, metric: "courses_completed", atLeast: 5 });
    const email = uniqueEmail("dry");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 2)]);
    const before = await programRowCounts(f.org.id);
    const dry = await ingestEvents(f.org.id, [f.event(email, "courses_completed", 4), f.event(uniqueEmail("new"), "courses_completed", 1)], { dryRun: true });
    expect(dry.accepted).toBe(2);
    expect(dry.awards.map((a) => a.email)).toEqual([email]);
    expect(await programRowCounts(f.org.id)).toEqual(before);
    expect((await metricOf(f.program.id, email))!.value).toBe(2);
  });
});
