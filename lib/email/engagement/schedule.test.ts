import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptCredential } from "@/lib/backpack/claim-credential";
import { declineCredential } from "@/lib/backpack/decline-credential";
import { db, ensureDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { stopQueue } from "@/lib/jobs";
import { issuePendingAwards } from "@/lib/programs/awards";
import { ingestEvents } from "@/lib/programs/ingest";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { programFixture } from "@/lib/test/program-fixtures";
import { useTestSmtp } from "@/lib/test/smtp";
import { timelineOfItsOwn } from "@/lib/test/timelines";
import { DAY_MS } from "./kinds";
import { sendClaimReminders, sendExpiryReminders, sendLevelReached, sendOneStepAway, sendReEngagement } from "./schedule";

const smtp = useTestSmtp();
beforeAll(() => ensureDb());
afterAll(() => stopQueue());

const at = (base: Date, days: number, minutes = 0) => new Date(base.getTime() + days * DAY_MS + minutes * 60_000);
const inbox = (address: string) => smtp.server().to(address);

async function organization(overrides: { claimReminderDays?: number[]; reEngagementDays?: number | null } = {}) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Reminder Academy");
  if (Object.keys(overrides).length) await db.organization.update({ where: { id: org.id }, data: overrides });
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "First Aid", description: "Knows first aid.", criteria: { narrative: "Pass the course." }, howToEarnUrl: "https://academy.example/first-aid" }),
  );
  return { org, achievement };
}

/** A credential whose claim email went out at `emailedAt` (issued without the queue; the email's time is what counts). */
async function emailedCredential(orgId: string, achievementId: string, emailedAt: Date, extra: { validUntil?: string; email?: string } = {}) {
  const email = extra.email ?? uniqueEmail("recipient");
  const credential = await issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId, recipient: { email, name: "Rosa" }, validUntil: extra.validUntil }), { notify: false });
  await db.credential.update({ where: { id: credential.id }, data: { emailedAt } });
  return { email, credentialId: credential.id };
}

describe("claim reminders", () => {
  it("go 3 and 10 days after the claim email, once each, and stop once the credential is claimed or declined", async () => {
    const start = timelineOfItsOwn(0);
    const { org, achievement } = await organization();
    const waiting = await emailedCredential(org.id, achievement.id, start);
    const claimed = await emailedCredential(org.id, achievement.id, start);
    const declined = await emailedCredential(org.id, achievement.id, start);

    await sendClaimReminders(at(start, 2, 23 * 60));
    expect(inbox(waiting.email)).toHaveLength(0);

    await sendClaimReminders(at(start, 3, 1));
    const [first] = inbox(waiting.email);
    expect(first.subject).toBe("Your First Aid badge from Reminder Academy is still waiting");
    expect(first.text).toContain("3 days ago Reminder Academy issued you First Aid");
    // The button goes through Laurel's redirect to the claim page.
    expect(first.text).toMatch(/Claim your badge: http:\/\/laurel\.test\/email\/open\/c[a-z0-9]+\?u=http%3A%2F%2Flaurel\.test%2Fbackpack%2Fclaim%2F/);
    expect(inbox(claimed.email)).toHaveLength(1);
    expect(inbox(declined.email)).toHaveLength(1);

    // Running again the same day, or two runs at once, sends nothing more.
    await Promise.all([sendClaimReminders(at(start, 3, 2)), sendClaimReminders(at(start, 3, 2))]);
    await sendClaimReminders(at(start, 6));
    expect(inbox(waiting.email)).toHaveLength(1);

    const claimer = await createUser({ email: claimed.email });
    await acceptCredential(claimer.id, claimed.credentialId);
    const decliner = await createUser({ email: declined.email });
    await declineCredential(decliner.id, declined.credentialId);

    await sendClaimReminders(at(start, 10, 1));
    expect(inbox(waiting.email).map((m) => m.text)).toEqual([expect.stringContaining("3 days ago"), expect.stringContaining("10 days ago")]);
    expect(inbox(claimed.email)).toHaveLength(1);
    expect(inbox(declined.email)).toHaveLength(1);

    await sendClaimReminders(at(start, 11));
    await sendClaimReminders(at(start, 30));
    expect(inbox(waiting.email)).toHaveLength(2);
  });

  it("follow the organization's own days, and none when it chose none", async () => {
    const start = timelineOfItsOwn(1);
    const custom = await organization({ claimReminderDays: [5] });
    const none = await organization({ claimReminderDays: [] });
    const onFive = await emailedCredential(custom.org.id, custom.achievement.id, start);
    const never = await emailedCredential(none.org.id, none.achievement.id, start);
    await sendClaimReminders(at(start, 3, 1));
    expect(inbox(onFive.email)).toHaveLength(0);
    await sendClaimReminders(at(start, 5, 1));
    await sendClaimReminders(at(start, 10, 1));
    expect(inbox(onFive.email)).toHaveLength(1);
    expect(inbox(never.email)).toHaveLength(0);
  });

  it("are written in the recipient's language", async () => {
    const start = timelineOfItsOwn(2);
    const { org, achievement } = await organization();
    const email = uniqueEmail("lector");
    const reader = await createUser({ email });
    await db.user.update({ where: { id: reader.id }, data: { locale: "es" } });
    await emailedCredential(org.id, achievement.id, start, { email });
    await sendClaimReminders(at(start, 3, 1));
    const [mail] = inbox(email);
    expect(mail.subject).toBe("Tu insignia First Aid de Reminder Academy sigue esperándote");
    expect(mail.html).toContain('lang="es"');
  });
});

describe("expiry reminders", () => {
  it("go once, 30 days before validUntil, with the achievement's way to renew", async () => {
    const start = new Date();
    const { org, achievement } = await organization();
    const validUntil = at(start, 45);
    const { email } = await emailedCredential(org.id, achievement.id, start, { validUntil: validUntil.toISOString() });
    await sendExpiryReminders(at(start, 14, 59 * 24));
    expect(inbox(email)).toHaveLength(0);
    await sendExpiryReminders(at(start, 15, 1));
    await sendExpiryReminders(at(start, 16));
    await sendExpiryReminders(at(start, 44));
    const mails = inbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/^Your First Aid credential expires on /);
    expect(mails[0].text).toContain("Renew it: http://laurel.test/email/open/");
    expect(mails[0].text).toContain(encodeURIComponent("https://academy.example/first-aid"));
  });
});

describe("one step away", () => {
  it("nudges a learner one event from a level, at most once a week per program", async () => {
    const start = new Date();
    const f = await programFixture({ metrics: [{ key: "courses_completed", label: "Courses completed" }] });
    const silver = await f.achievement("Silver");
    const gold = await f.achievement("Gold");
    await f.rule({ kind: "target", achievementId: silver.id, metric: "courses_completed", atLeast: 5 });
    await f.rule({ kind: "target", achievementId: gold.id, metric: "courses_completed", atLeast: 10 });
    const email = uniqueEmail("learner");
    const far = uniqueEmail("far");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 4), f.event(far, "courses_completed", 2)]);

    await sendOneStepAway(start);
    const [nudge] = inbox(email);
    expect(nudge.subject).toBe("You're one step away from Silver");
    expect(nudge.text).toContain("you have 4 of the 5 “Courses completed” that earn Silver");
    expect(inbox(far)).toHaveLength(0);

    // Now one from Gold: within the week it waits, after it goes, once.
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 5)]);
    await sendOneStepAway(at(start, 3));
    expect(inbox(email)).toHaveLength(1);
    await sendOneStepAway(at(start, 7, 1));
    await sendOneStepAway(at(start, 15));
    expect(inbox(email).map((m) => m.subject)).toEqual(["You're one step away from Silver", "You're one step away from Gold"]);
  });
});

describe("one step away on a pathway", () => {
  it("nudges a learner who holds all but one of the badges a pathway needs", async () => {
    const f = await programFixture();
    const [knots, sails, charts] = [await f.achievement("Knots"), await f.achievement("Sails"), await f.achievement("Charts")];
    const captain = await f.achievement("Captain");
    await f.rule({ kind: "pathway", achievementId: captain.id, requires: [knots.id, sails.id, charts.id] });
    const close = uniqueEmail("close");
    const early = uniqueEmail("early");
    await ingestEvents(f.org.id, [f.event(close, "courses_completed", 1), f.event(early, "courses_completed", 1)]);
    const give = (achievementId: string, email: string) => issueCredential(f.org.id, parseInput(issueCredentialSchema, { achievementId, recipient: { email } }), { notify: false });
    await give(knots.id, close);
    await give(sails.id, close);
    await give(knots.id, early);

    await sendOneStepAway(new Date());
    const [nudge] = inbox(close);
    expect(nudge.subject).toBe("You're one step away from Captain");
    expect(nudge.text).toContain("one more badge earns you Captain");
    expect(inbox(early)).toHaveLength(0);
  });
});

describe("you reached a level", () => {
  it("congratulates the learner once when a program award is issued, with share links", async () => {
    const f = await programFixture();
    const silver = await f.achievement("Silver");
    await f.rule({ kind: "target", achievementId: silver.id, metric: "courses_completed", atLeast: 5 });
    const email = uniqueEmail("achiever");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 6)]);
    await issuePendingAwards({ organizationId: f.org.id });
    const now = new Date();
    await sendLevelReached(now);
    await sendLevelReached(at(now, 1));
    const mails = inbox(email).filter((m) => m.subject === "You reached Silver!");
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("Claim and share: http://laurel.test/email/open/");
    expect(mails[0].text).toContain(encodeURIComponent("https://www.linkedin.com/sharing/share-offsite/"));
  });
});

describe("re-engagement", () => {
  it("invites a learner back after the organization's N quiet days, once, and never when it is off", async () => {
    const start = new Date(Date.now() - DAY_MS);
    const on = await programFixture();
    await db.organization.update({ where: { id: on.org.id }, data: { reEngagementDays: 14 } });
    const off = await programFixture();
    await db.organization.update({ where: { id: off.org.id }, data: { reEngagementDays: null } });
    const quiet = uniqueEmail("quiet");
    const elsewhere = uniqueEmail("elsewhere");
    await ingestEvents(on.org.id, [on.event(quiet, "courses_completed", 1, start)]);
    await ingestEvents(off.org.id, [off.event(elsewhere, "courses_completed", 1, start)]);

    await sendReEngagement(at(start, 13, 23 * 60));
    expect(inbox(quiet)).toHaveLength(0);
    await sendReEngagement(at(start, 14, 1));
    await sendReEngagement(at(start, 20));
    const mails = inbox(quiet);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("It has been 14 days since your last activity");
    await sendReEngagement(at(start, 40));
    expect(inbox(elsewhere)).toHaveLength(0);
  });
});
