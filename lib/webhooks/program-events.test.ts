import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageMonth } from "@/lib/billing/entitlements";
import { db, ensureDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createApiBulkJob } from "@/lib/issuing/bulk/api";
import { runBulkJob } from "@/lib/issuing/bulk/run-job";
import { stopQueue } from "@/lib/jobs";
import { issuePendingAwards } from "@/lib/programs/awards";
import { ingestEvents } from "@/lib/programs/ingest";
import { joinProgram } from "@/lib/programs/join";
import { createProgram } from "@/lib/programs/manage";
import { programInputSchema } from "@/lib/programs/schemas";
import { createUser, uniqueEmail } from "@/lib/test/factories";
import { programFixture } from "@/lib/test/program-fixtures";
import { webhookEnvelopeSchema, type WebhookEventType } from "./catalog";
import { createWebhookEndpoint } from "./endpoints";

beforeAll(() => ensureDb());
afterAll(() => stopQueue());

/** A Business organization (webhooks are in its plan) with a program and an endpoint for `events`. */
async function business(events: WebhookEventType[]) {
  const f = await programFixture({ metrics: [{ key: "courses_completed" }] });
  await db.organization.update({ where: { id: f.org.id }, data: { plan: "business", subscriptionStatus: "active" } });
  const endpoint = await createWebhookEndpoint(f.org.id, { url: "https://hooks.example.com/laurel", events });
  return { ...f, endpoint };
}

/** The events recorded for the organization, oldest first, each checked against its documented schema. */
async function recorded(organizationId: string) {
  const rows = await db.webhookEvent.findMany({ where: { organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { deliveries: true } });
  return rows.map((row) => {
    const envelope = webhookEnvelopeSchema(row.type as WebhookEventType).parse(JSON.parse(row.payload));
    return { ...envelope, deliveries: row.deliveries.length };
  });
}

describe("program and bulk job webhook events", () => {
  it("program.level_reached for each award issued; award.pending_quota once for each that waits, then level_reached when issued", async () => {
    const f = await business(["program.level_reached", "award.pending_quota"]);
    const bronze = await f.achievement("Bronze");
    await f.rule({ kind: "target", achievementId: bronze.id, metric: "courses_completed", atLeast: 10 });
    // One credential left in the month's 25,000.
    const month = new Date(`${usageMonth()}T00:00:00Z`);
    await db.issuanceUsage.create({ data: { organizationId: f.org.id, month, issued: 24_999 } });
    const learners = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c")];
    await ingestEvents(f.org.id, learners.map((email) => f.event(email, "courses_completed", 12)));
    expect(await issuePendingAwards({ organizationId: f.org.id })).toMatchObject({ issued: 1, waiting: 2 });
    // The periodic retry while still over quota sends no second pending_quota.
    await issuePendingAwards({ organizationId: f.org.id, includeWaiting: true });

    let events = await recorded(f.org.id);
    expect(events.map((e) => e.type).sort()).toEqual(["award.pending_quota", "award.pending_quota", "program.level_reached"]);
    expect(events.every((e) => e.deliveries === 1)).toBe(true);
    const reached = events.find((e) => e.type === "program.level_reached")!;
    const award = await db.programAward.findFirstOrThrow({ where: { organizationId: f.org.id, status: "issued" } });
    expect(reached.data).toEqual({
      program: { id: f.program.id, name: f.program.name, url: expect.stringMatching(new RegExp(`/p/${f.program.id}$`)) },
      learner: { email: award.email, name: null },
      award: { id: award.id, ruleId: award.ruleId, achievementId: bronze.id, status: "issued", credentialId: award.credentialId },
    });

    // The quota frees up: the two waiting awards are issued and each reports it.
    await db.issuanceUsage.update({ where: { organizationId_month: { organizationId: f.org.id, month } }, data: { issued: 0 } });
    await issuePendingAwards({ organizationId: f.org.id, includeWaiting: true });
    events = await recorded(f.org.id);
    expect(events.filter((e) => e.type === "program.level_reached")).toHaveLength(3);
    expect(events.filter((e) => e.type === "award.pending_quota")).toHaveLength(2);
  });

  it("program.joined when a learner joins from the page, once", async () => {
    const f = await business(["program.joined"]);
    const program = await createProgram(f.org.id, parseInput(programInputSchema, { name: "Readers", visibility: "public", metrics: [{ key: "books", label: { en: "books" } }] }));
    const learner = await createUser({ name: "Grace Hopper" });
    await joinProgram(program.id, learner);
    await joinProgram(program.id, learner);
    const events = await recorded(f.org.id);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ["program.joined", { program: { id: program.id, name: "Readers", url: expect.stringMatching(/\/p\//) }, learner: { email: learner.email.toLowerCase(), name: "Grace Hopper" } }],
    ]);
  });

  it("bulk_job.completed with the job's counts when a bulk job ends", async () => {
    const f = await business(["bulk_job.completed"]);
    const achievement = await f.achievement("Data Basics");
    const org = await db.organization.findUniqueOrThrow({ where: { id: f.org.id }, select: { id: true, slug: true } });
    const created = await createApiBulkJob(org, {
      achievementId: achievement.id,
      recipients: [{ email: uniqueEmail("r1") }, { email: uniqueEmail("r2") }, { email: "not an address" }],
    } as never);
    await runBulkJob(created.job.id);
    await runBulkJob(created.job.id); // run again: already completed, nothing more is reported
    const events = await recorded(f.org.id);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe("bulk_job.completed");
    expect(events[0].data).toMatchObject({ job: { id: created.job.id, status: "completed", total: 3, done: 3, issued: 2, failed: 1 } });
  });
});
