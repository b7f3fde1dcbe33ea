import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCredentialEvent } from "@/lib/analytics/events";
import { credentialTimeline } from "@/lib/analytics/timeline";
import { usageMonth } from "@/lib/billing/entitlements";
import { db, ensureDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { publishedIssuerProfile } from "@/lib/issuing/issuer-profile";
import { issueCredentialSchema } from "@/lib/issuing/schemas";
import { publishedKeyDocument } from "@/lib/issuing/public-documents";
import { signedStatusList } from "@/lib/issuing/status-lists";
import { publicUrls } from "@/lib/issuing/urls";
import { stopQueue } from "@/lib/jobs";
import { validateAchievementCredential } from "@/lib/ob/schema";
import { verifyCredential } from "@/lib/ob/verify";
import { uniqueEmail } from "@/lib/test/factories";
import { programFixture } from "@/lib/test/program-fixtures";
import { awardIdempotencyKey, issuePendingAwards } from "./awards";
import { ingestEvents } from "./ingest";
import { feedLaurelEvents } from "./laurel-feed";

beforeAll(() => ensureDb());
afterAll(() => stopQueue());

/** Serves Laurel's own public documents to the verifier, as the HTTP routes would. */
async function fetchFromLaurel(url: string): Promise<unknown> {
  const path = new URL(url).pathname;
  const issuer = path.match(/^\/o\/([^/]+)$/);
  if (issuer) return publishedIssuerProfile(issuer[1]);
  const status = path.match(/^\/o\/([^/]+)\/status\/([^/]+)$/);
  if (status) return signedStatusList(status[1], status[2]);
  const key = path.match(/^\/o\/([^/]+)\/keys\/([^/]+)$/);
  if (key) return publishedKeyDocument(key[1], key[2]);
  throw new Error(`not served in this test: ${url}`);
}

async function ladder() {
  const f = await programFixture({ metrics: [{ key: "courses_completed", label: "Courses completed" }] });
  const bronze = await f.achievement("Bronze");
  const silver = await f.achievement("Silver");
  // Gold has a criteria page but no narrative: the rule writes one.
  const gold = await f.achievement("Gold", { id: "https://academy.example/gold" });
  const rules = [
    await f.rule({ kind: "target", achievementId: bronze.id, metric: "courses_completed", atLeast: 10 }),
    await f.rule({ kind: "target", achievementId: silver.id, metric: "courses_completed", atLeast: 50 }),
    await f.rule({ kind: "target", achievementId: gold.id, metric: "courses_completed", atLeast: 100 }),
  ];
  return { ...f, bronze, silver, gold, rules };
}

describe("issuing awards", () => {
  it("issues a verifiable credential whose timeline names the rule, the metric, the value and the event", async () => {
    const f = await ladder();
    const email = uniqueEmail("achiever");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 60, undefined, "lms-run-42")]);
    const summary = await issuePendingAwards({ organizationId: f.org.id });
    expect(summary).toEqual({ issued: 2, held: 0, waiting: 0, failed: 0 });
    const awards = await db.programAward.findMany({ where: { organizationId: f.org.id, email } });
    expect(awards.every((a) => a.status === "issued" && a.credentialId && a.issuedAt)).toBe(true);

    const silverAward = awards.find((a) => a.achievementId === f.silver.id)!;
    const credential = await db.credential.findUniqueOrThrow({ where: { id: silverAward.credentialId! } });
    expect(credential.idempotencyKey).toBe(awardIdempotencyKey(silverAward.id));
    const result = await verifyCredential(credential.document as never, { fetchRemote: fetchFromLaurel });
    expect(result.valid).toBe(true);
    expect(validateAchievementCredential(credential.document).errors).toEqual([]);

    const issued = await db.credentialEvent.findFirstOrThrow({ where: { credentialId: credential.id, type: "issued" } });
    expect((issued.data as { award: Record<string, unknown> }).award).toMatchObject({
      ruleId: f.rules[1].id,
      metric: "courses_completed",
      value: 60,
      eventId: "lms-run-42",
      description: "Award Silver when Courses completed reaches 50",
      awardId: silverAward.id,
    });
    const timeline = await credentialTimeline(f.org.id, credential.id);
    const entry = timeline.entries.find((e) => e.kind === "milestone" && e.type === "issued");
    expect(entry && entry.kind === "milestone" && entry.award).toMatchObject({ ruleId: f.rules[1].id, value: 60, eventId: "lms-run-42" });
    // The claim email is queued with the credential.
    expect(await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pgboss.job WHERE name = 'credential.claim-email' AND data->>'credentialId' = $1`, credential.id)).toHaveLength(1);
    // A second drain finds nothing to do.
    expect(await issuePendingAwards({ organizationId: f.org.id })).toEqual({ issued: 0, held: 0, waiting: 0, failed: 0 });
  });

  it("a level of a ladder names the other levels and gets a criteria narrative from its rule", async () => {
    const f = await ladder();
    const email = uniqueEmail("gold");
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 120)]);
    await issuePendingAwards({ organizationId: f.org.id });
    const award = await db.programAward.findFirstOrThrow({ where: { organizationId: f.org.id, email, achievementId: f.gold.id } });
    const credential = await db.credential.findUniqueOrThrow({ where: { id: award.credentialId! } });
    const achievement = (credential.document as { credentialSubject: { achievement: Record<string, unknown> } }).credentialSubject.achievement;
    expect(achievement.related).toEqual([
      { id: publicUrls.achievement(f.bronze.id), type: ["Related"] },
      { id: publicUrls.achievement(f.silver.id), type: ["Related"] },
    ]);
    expect(achievement.criteria).toEqual({ id: "https://academy.example/gold", narrative: expect.stringContaining("Level 3 of 3") });
    expect(validateAchievementCredential(credential.document).errors).toEqual([]);
    expect((await verifyCredential(credential.document as never, { fetchRemote: fetchFromLaurel })).valid).toBe(true);
    // Bronze keeps its own narrative.
    const bronze = await db.programAward.findFirstOrThrow({ where: { organizationId: f.org.id, email, achievementId: f.bronze.id } });
    const bronzeDoc = (await db.credential.findUniqueOrThrow({ where: { id: bronze.credentialId! } })).document as { credentialSubject: { achievement: { criteria: { narrative: string } } } };
    expect(bronzeDoc.credentialSubject.achievement.criteria.narrative).toBe("Earn Bronze.");
  });

  it("a learner who already holds the achievement keeps that credential: the award is `held`", async () => {
    const f = await ladder();
    const email = uniqueEmail("holder");
    const existing = await issueCredential(f.org.id, parseInput(issueCredentialSchema, { achievementId: f.bronze.id, recipient: { email } }), { notify: false });
    await ingestEvents(f.org.id, [f.event(email, "courses_completed", 10)]);
    expect(await issuePendingAwards({ organizationId: f.org.id })).toMatchObject({ held: 1, issued: 0 });
    const award = await db.programAward.findFirstOrThrow({ where: { organizationId: f.org.id, email } });
    expect(award).toMatchObject({ status: "held", credentialId: existing.id });
    expect(await db.credential.count({ where: { organizationId: f.org.id, recipientEmail: email } })).toBe(1);
  });

  it("past the month's quota awards wait (reason quota) and go out once the quota allows", async () => {
    const f = await ladder();
    // An organization past its trial, on the free plan (50 a month), with 49 used.
    await db.organization.update({ where: { id: f.org.id }, data: { createdAt: new Date("2020-01-01T00:00:00Z") } });
    const month = new Date(`${usageMonth()}T00:00:00Z`);
    await db.issuanceUsage.create({ data: { organizationId: f.org.id, month, issued: 49 } });
    const learners = [uniqueEmail("q1"), uniqueEmail("q2"), uniqueEmail("q3")];
    await ingestEvents(f.org.id, learners.map((email) => f.event(email, "courses_completed", 10)));
    expect(await issuePendingAwards({ organizationId: f.org.id })).toEqual({ issued: 1, held: 0, waiting: 2, failed: 0 });
    let awards = await db.programAward.findMany({ where: { organizationId: f.org.id }, orderBy: { createdAt: "asc" } });
    expect(awards.filter((a) => a.status === "waiting").every((a) => a.waitingReason === "quota")).toBe(true);
    // The periodic retry while the quota is still used up: they keep waiting, nothing is signed.
    expect(await issuePendingAwards({ organizationId: f.org.id, includeWaiting: true })).toEqual({ issued: 0, held: 0, waiting: 2, failed: 0 });
    // A new month (or a bigger plan) leaves room: the retry issues them.
    await db.issuanceUsage.update({ where: { organizationId_month: { organizationId: f.org.id, month } }, data: { issued: 0 } });
    expect(await issuePendingAwards({ organizationId: f.org.id, includeWaiting: true })).toEqual({ issued: 2, held: 0, waiting: 0, failed: 0 });
    awards = await db.programAward.findMany({ where: { organizationId: f.org.id } });
    expect(awards.every((a) => a.status === "issued" && a.waitingReason === null)).toBe(true);
    expect(await db.credential.count({ where: { organizationId: f.org.id } })).toBe(3);
  });
});

describe("Laurel's own metrics", () => {
  it("an Ambassador rule (credentials shared ≥ 3) awards after the third share, counted once however often the feed reads", async () => {
    const f = await programFixture();
    const course = await f.achievement("Course");
    const ambassador = await f.achievement("Ambassador");
    await f.rule({ kind: "target", achievementId: ambassador.id, metric: "laurel.credentials_shared", atLeast: 3 });
    const email = uniqueEmail("sharer");
    const credential = await issueCredential(f.org.id, parseInput(issueCredentialSchema, { achievementId: course.id, recipient: { email } }), { notify: false });
    const since = new Date(Date.now() - 60_000);
    await recordCredentialEvent({ credentialId: credential.id, type: "shared", channel: "linkedin" });
    await recordCredentialEvent({ credentialId: credential.id, type: "shared", channel: "x" });
    expect((await feedLaurelEvents({ organizationId: f.org.id, since })).awards).toBe(0);
    await recordCredentialEvent({ credentialId: credential.id, type: "added_to_profile", channel: "linkedin_profile" });
    expect((await feedLaurelEvents({ organizationId: f.org.id, since })).awards).toBe(1);
    // Reading the same window again changes nothing.
    expect(await feedLaurelEvents({ organizationId: f.org.id, since })).toMatchObject({ fed: 0, awards: 0 });
    const value = await db.learnerMetric.findUniqueOrThrow({ where: { programId_email_metric: { programId: f.program.id, email, metric: "laurel.credentials_shared" } } });
    expect(value.value).toBe(3);
    const award = await db.programAward.findFirstOrThrow({ where: { organizationId: f.org.id, email } });
    expect(award.achievementId).toBe(ambassador.id);
    expect((award.reason as { description: string }).description).toBe("Award Ambassador when credentials shared reaches 3");
    // The metric was not declared: a sender still cannot post it.
    const posted = await ingestEvents(f.org.id, [f.event(email, "laurel.credentials_shared", 1)]);
    expect(posted.rejected[0].error).toMatchObject({ field: "metric", code: "invalid_metric_key" });
  });
});
