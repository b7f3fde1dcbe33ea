import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, sql } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { startQueue, stopQueue } from "@/lib/jobs";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { useTestSmtp } from "@/lib/test/smtp";
import { createAchievement } from "../achievements";
import { createBulkJob } from "../bulk/create-job";
import { bulkIssueJob } from "../bulk/job";
import { runBulkJob } from "../bulk/run-job";
import { claimEmailJob, sendClaimEmail } from "../claim-email";
import { achievementInputSchema, issueCredentialSchema } from "../schemas";
import type { Clock } from "./clock";
import { dispatchDueScheduledIssues } from "./dispatch";
import { cancelScheduledIssue, listPendingScheduledIssues, listRecentScheduledOutcomes, scheduleIssue } from "./schedule-issue";
import { scheduleFrom } from "./schemas";
import { utcToZonedInput, zonedTimeToUtc } from "./zoned-time";

const smtp = useTestSmtp();

// The claim email's and the bulk job's workers run; the dispatcher is driven by the test's own clock.
beforeAll(() => startQueue({ workers: true, pollingIntervalSeconds: 0.5, jobs: [claimEmailJob, bulkIssueJob] }));
afterAll(() => stopQueue());

const HOUR = 60 * 60 * 1000;

/** A clock the test moves by hand. */
function fakeClock(start: Date): Clock & { set(date: Date): void } {
  let now = start;
  return { now: () => now, set: (date) => void (now = date) };
}

async function setup(achievementType = "Badge") {
  const owner = await createUser({ name: "Olive Owner" });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Timely Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "Night Shift", description: "Works the late hours.", criteria: { narrative: "Ten shifts." }, achievementType }),
  );
  return { owner, org, achievement };
}

const inputFor = (achievementId: string, email: string) => parseInput(issueCredentialSchema, { achievementId, recipient: { email, name: "Nico Night" } });

describe("scheduled issuing", () => {
  it("issues nothing before its time; at its time the credential is signed and the award email arrives", async () => {
    const { owner, org, achievement } = await setup();
    const email = uniqueEmail("scheduled");
    const start = new Date();
    const clock = fakeClock(start);
    const schedule = scheduleFrom({ when: "later", sendAt: utcToZonedInput(new Date(start.getTime() + 3 * HOUR), "Europe/Madrid"), timeZone: "Europe/Madrid" }, start)!;
    const scheduled = await scheduleIssue(org.id, inputFor(achievement.id, email), schedule, { message: "See you at dawn.", actor: { userId: owner.id } });

    expect((await listPendingScheduledIssues(org.id)).map((row) => [row.id, row.recipientCount, row.recipientLabel, row.timeZone])).toEqual([[scheduled.id, 1, email, "Europe/Madrid"]]);

    // Now, and a minute before the time: nothing.
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 0 });
    clock.set(new Date(schedule.sendAt.getTime() - 60_000));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 0 });
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);
    expect(smtp.server().to(email)).toHaveLength(0);

    // At the time: issued once, even if the sweep runs again.
    clock.set(new Date(schedule.sendAt.getTime() + 1000));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 1, failed: 0 });
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 0 });
    const credentials = await db.credential.findMany({ where: { organizationId: org.id } });
    expect(credentials.map((c) => [c.recipientEmail, c.recipientName, c.message])).toEqual([[email, "Nico Night", "See you at dawn."]]);
    const row = await db.scheduledIssue.findUniqueOrThrow({ where: { id: scheduled.id } });
    expect([row.status, row.credentialId]).toEqual(["sent", credentials[0].id]);
    expect(await listPendingScheduledIssues(org.id)).toEqual([]);

    // The award email is queued with the credential. The queue may be busy with the claim emails
    // of other test files running alongside, so this one is sent here rather than waited for
    // (sending is idempotent: whichever comes first sends it, once).
    const queued = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'credential.claim-email' AND data->>'credentialId' = $1`, [credentials[0].id]);
    expect(queued[0].n).toBe(1);
    await sendClaimEmail(credentials[0].id);
    const mail = await smtp.waitFor(email, /awarded you/);
    expect(mail.subject).toBe("Timely Academy awarded you “Night Shift”");
    expect(mail.text).toContain("See you at dawn.");
    expect(mail.text).toContain(`/backpack/claim/${credentials[0].id}`);
    expect(smtp.server().to(email)).toHaveLength(1);
  });

  it("a cancelled issue is never sent, and cannot be cancelled twice", async () => {
    const { owner, org, achievement } = await setup();
    const email = uniqueEmail("cancelled");
    const start = new Date();
    const clock = fakeClock(start);
    const schedule = scheduleFrom({ when: "later", sendAt: utcToZonedInput(new Date(start.getTime() + HOUR), "UTC"), timeZone: "UTC" }, start)!;
    const scheduled = await scheduleIssue(org.id, inputFor(achievement.id, email), schedule, { actor: { userId: owner.id } });

    await cancelScheduledIssue(org.id, scheduled.id, { userId: owner.id });
    expect(await listPendingScheduledIssues(org.id)).toEqual([]);
    await expect(cancelScheduledIssue(org.id, scheduled.id)).rejects.toMatchObject({ fields: { scheduledIssueId: { code: "schedule_not_pending" } } });

    clock.set(new Date(schedule.sendAt.getTime() + HOUR));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 0 });
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "scheduled_issue." } }, select: { action: true, actorId: true } });
    expect(audit.map((entry) => [entry.action, entry.actorId]).sort()).toEqual([["scheduled_issue.cancelled", owner.id], ["scheduled_issue.created", owner.id]]);
  });

  it("another organization can neither see nor cancel it", async () => {
    const { org, achievement } = await setup();
    const other = await setup();
    const start = new Date();
    const schedule = scheduleFrom({ when: "later", sendAt: utcToZonedInput(new Date(start.getTime() + HOUR), "UTC"), timeZone: "UTC" }, start)!;
    const scheduled = await scheduleIssue(org.id, inputFor(achievement.id, uniqueEmail("private")), schedule);
    expect(await listPendingScheduledIssues(other.org.id)).toEqual([]);
    await expect(cancelScheduledIssue(other.org.id, scheduled.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.scheduledIssue.findUniqueOrThrow({ where: { id: scheduled.id } })).status).toBe("scheduled");
  });

  it("a dispatcher that died after issuing is taken over without issuing twice", async () => {
    const { org, achievement } = await setup();
    const email = uniqueEmail("crash");
    const start = new Date();
    const clock = fakeClock(start);
    const schedule = scheduleFrom({ when: "later", sendAt: utcToZonedInput(new Date(start.getTime() + HOUR), "UTC"), timeZone: "UTC" }, start)!;
    const scheduled = await scheduleIssue(org.id, inputFor(achievement.id, email), schedule);
    clock.set(new Date(schedule.sendAt.getTime() + 1000));
    await dispatchDueScheduledIssues(clock);
    // As if the process had died between issuing and marking the row.
    await db.scheduledIssue.update({ where: { id: scheduled.id }, data: { status: "sending", credentialId: null } });

    // Within the lease nobody takes it; after it, the next sweep finishes it with the same credential.
    clock.set(new Date(clock.now().getTime() + 60_000));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 0 });
    clock.set(new Date(clock.now().getTime() + HOUR));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 1, failed: 0 });
    const credentials = await db.credential.findMany({ where: { organizationId: org.id }, select: { id: true } });
    expect(credentials).toHaveLength(1);
    expect((await db.scheduledIssue.findUniqueOrThrow({ where: { id: scheduled.id } })).credentialId).toBe(credentials[0].id);
    const [outcome] = await listRecentScheduledOutcomes(org.id, clock.now());
    expect([outcome.id, outcome.status, outcome.credentialId]).toEqual([scheduled.id, "sent", credentials[0].id]);
  });

  it("an achievement archived before the time fails the issue with its reason instead of issuing", async () => {
    const { org, achievement } = await setup();
    const start = new Date();
    const clock = fakeClock(start);
    const schedule = scheduleFrom({ when: "later", sendAt: utcToZonedInput(new Date(start.getTime() + HOUR), "UTC"), timeZone: "UTC" }, start)!;
    const scheduled = await scheduleIssue(org.id, inputFor(achievement.id, uniqueEmail("archived")), schedule);
    await db.achievement.update({ where: { id: achievement.id }, data: { archivedAt: new Date() } });
    clock.set(new Date(schedule.sendAt.getTime() + 1000));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 1 });
    const row = await db.scheduledIssue.findUniqueOrThrow({ where: { id: scheduled.id } });
    expect([row.status, row.error]).toEqual(["failed", "This achievement is archived"]);
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);
    // The Issue page keeps showing the refusal with its reason for a week, then lets it go.
    const outcomes = await listRecentScheduledOutcomes(org.id, clock.now());
    expect(outcomes.map((outcome) => [outcome.id, outcome.status, outcome.error, outcome.errorCode])).toEqual([[scheduled.id, "failed", "This achievement is archived", "fields.achievement_archived"]]);
    expect(await listRecentScheduledOutcomes(org.id, new Date(schedule.sendAt.getTime() + 8 * 24 * HOUR))).toEqual([]);
  });
});

describe("a scheduled bulk job", () => {
  it("keeps its checked rows and runs nothing before its time; at its time it is queued and issues every valid row; cancelled, it never runs", async () => {
    const { owner, org, achievement } = await setup();
    const emails = [uniqueEmail("row"), uniqueEmail("row"), uniqueEmail("row")];
    const text = ["email,name", ...emails.map((email, i) => `${email},Row ${i}`), "not-an-email,Broken"].join("\n");
    const start = new Date();
    const clock = fakeClock(start);
    const schedule = scheduleFrom({ when: "later", sendAt: utcToZonedInput(new Date(start.getTime() + 2 * HOUR), "America/Mexico_City"), timeZone: "America/Mexico_City" }, start)!;
    const job = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "night-cohort.csv", text }, { userId: owner.id }, schedule);
    expect(job.status).toBe("scheduled");
    expect((await listPendingScheduledIssues(org.id)).map((row) => [row.kind, row.recipientCount, row.recipientLabel])).toEqual([["bulk", 3, "night-cohort.csv"]]);

    // Even run by hand before its time, a scheduled job issues nothing.
    expect((await runBulkJob(job.id)).status).toBe("scheduled");
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 0 });
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);

    clock.set(new Date(schedule.sendAt.getTime() + 1000));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 1, failed: 0 });
    // Queued now: the queue's bulk worker issues it.
    await expect.poll(async () => (await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } })).status, { timeout: 30_000 }).toBe("completed");
    expect((await db.credential.findMany({ where: { organizationId: org.id }, select: { recipientEmail: true } })).map((c) => c.recipientEmail).sort()).toEqual([...emails].sort());

    const cancelled = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "cancelled.csv", text: `email\n${uniqueEmail("never")}` }, { userId: owner.id }, schedule);
    const [pending] = await listPendingScheduledIssues(org.id);
    await cancelScheduledIssue(org.id, pending.id, { userId: owner.id });
    expect((await db.bulkJob.findUniqueOrThrow({ where: { id: cancelled.id } })).status).toBe("cancelled");
    clock.set(new Date(schedule.sendAt.getTime() + HOUR));
    expect(await dispatchDueScheduledIssues(clock)).toEqual({ sent: 0, failed: 0 });
    expect((await runBulkJob(cancelled.id)).status).toBe("cancelled");
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(3);
  });
});

describe("when an issue may be scheduled", () => {
  const now = new Date("2027-03-10T12:00:00Z");
  const refusal = (fields: Parameters<typeof scheduleFrom>[0]) => {
    try {
      scheduleFrom(fields, now);
    } catch (error) {
      if (error instanceof AppError) return error.fields;
      throw error;
    }
    return null;
  };

  it("reads the wall-clock time in the issuer's time zone and stores the instant", () => {
    expect(scheduleFrom({ when: "later", sendAt: "2027-03-11T09:30", timeZone: "Europe/Madrid" }, now)).toEqual({ sendAt: new Date("2027-03-11T08:30:00Z"), timeZone: "Europe/Madrid" });
    // After the clocks change (summer time in Madrid from 28 March 2027).
    expect(scheduleFrom({ when: "later", sendAt: "2027-04-01T09:30", timeZone: "Europe/Madrid" }, now)?.sendAt).toEqual(new Date("2027-04-01T07:30:00Z"));
    expect(scheduleFrom({ when: "later", sendAt: "2027-03-11T09:30", timeZone: "America/New_York" }, now)?.sendAt).toEqual(new Date("2027-03-11T14:30:00Z"));
    expect(utcToZonedInput(new Date("2027-04-01T07:30:00Z"), "Europe/Madrid")).toBe("2027-04-01T09:30");
    expect(scheduleFrom({ when: "now" }, now)).toBeNull();
  });

  it("refuses a time in the past, more than a year ahead, out of the calendar, or in an unknown zone, naming the field", () => {
    expect(refusal({ when: "later", sendAt: "2027-03-10T12:59", timeZone: "Europe/Madrid" })).toEqual({ sendAt: { code: "send_at_past" } });
    expect(refusal({ when: "later", sendAt: "2028-03-12T12:00", timeZone: "UTC" })).toEqual({ sendAt: { code: "send_at_too_far" } });
    expect(refusal({ when: "later", sendAt: "9999-12-31T23:59", timeZone: "UTC" })).toEqual({ sendAt: { code: "send_at_too_far" } });
    expect(refusal({ when: "later", sendAt: "2027-02-30T10:00", timeZone: "UTC" })).toEqual({ sendAt: { code: "invalid_date" } });
    expect(refusal({ when: "later", sendAt: "20270-01-01T10:00", timeZone: "UTC" })).toEqual({ sendAt: { code: "invalid_date" } });
    expect(refusal({ when: "later", sendAt: "2027-03-11T10:00", timeZone: "Mars/Olympus_Mons" })).toEqual({ sendAt: { code: "time_zone_unknown" } });
    expect(refusal({ when: "later", timeZone: "UTC" })).toEqual({ sendAt: { code: "required" } });
    expect(zonedTimeToUtc("2027-03-11 10:00", "UTC")).toBeNull();
  });
});
