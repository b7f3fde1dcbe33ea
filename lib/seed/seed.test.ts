import { describe, expect, it } from "vitest";
import { addDays, isoDate, resolveRange, startOfDay } from "@/lib/analytics/range";
import { analyticsSummary } from "@/lib/analytics/summary";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { DEMO, DEMO_LEARNER, seed } from "./seed";

describe("seed", () => {
  it("gives a fresh install an issuer and a learner whose backpack holds their credentials, once", async () => {
    const first = await seed();
    expect(first).toEqual({ createdUser: true, createdOrg: true });
    const learner = await db.user.findUniqueOrThrow({ where: { email: DEMO_LEARNER.email }, select: { id: true, handle: true, passwordHash: true } });
    expect(learner.handle).toBe(DEMO_LEARNER.handle);
    expect(await verifyPassword(DEMO_LEARNER.password, learner.passwordHash!)).toBe(true);
    const entries = await db.backpackEntry.findMany({ where: { userId: learner.id }, include: { credential: true } });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((entry) => entry.state === "accepted" && entry.visibility === "public" && entry.credential?.claimedAt)).toBe(true);
    expect(entries.every((entry) => entry.credential?.recipientEmail === DEMO_LEARNER.email)).toBe(true);

    const again = await seed();
    expect(again).toEqual({ createdUser: false, createdOrg: false });
    expect(await db.backpackEntry.count({ where: { userId: learner.id } })).toBe(entries.length);
    expect(await db.user.count({ where: { email: { in: [DEMO.email, DEMO_LEARNER.email] } } })).toBe(2);
  });
});

describe("the demo organization's engagement", () => {
  it("gives the analytics dashboard weeks of history to show, read from the rollups, once", async () => {
    await seed();
    const org = await db.organization.findUniqueOrThrow({ where: { slug: DEMO.orgSlug }, select: { id: true } });
    const events = await db.credentialEvent.count({ where: { organizationId: org.id } });
    expect(events).toBeGreaterThan(300);
    expect(events).toBeLessThan(2_000);
    expect(await db.analyticsDaily.count({ where: { organizationId: org.id, day: { lt: startOfDay(isoDate(new Date())) } } })).toBeGreaterThan(0);

    const summary = await analyticsSummary(org.id, resolveRange({ from: addDays(isoDate(new Date()), -59), to: isoDate(new Date()) }));
    expect(summary.totals).toMatchObject({ issued: 4, claimed: 2, sharedCredentials: 2 });
    expect(summary.totals.shares).toBeGreaterThanOrEqual(4);
    expect(summary.totals.shareClicks).toBeGreaterThan(50);
    expect(summary.totals.visitors).toBeGreaterThan(summary.totals.shareClicks);
    expect(summary.totals.earnClicks).toBeGreaterThan(0);
    expect(summary.totals.previews).toBeGreaterThan(0);
    expect(summary.totals.downloads).toBeGreaterThan(0);
    const visitorsOn = (channel: string) => summary.channels.find((row) => row.channel === channel)?.visitors ?? 0;
    for (const channel of ["linkedin", "x", "email", "direct"]) expect(visitorsOn(channel), channel).toBeGreaterThan(0);
    expect(summary.bestSource).toMatchObject({ channel: "linkedin" });
    expect(summary.referrers.map((row) => row.host)).toEqual(expect.arrayContaining(["www.linkedin.com", "t.co"]));
    // Spread over the weeks, not piled on one day (the chart buckets by day up to 60 days).
    expect(summary.series.filter((point) => point.visitors > 0).length).toBeGreaterThan(30);

    // Each credential's story reads in order: issued, then claimed, then shared.
    const credentials = await db.credential.findMany({ where: { organizationId: org.id }, select: { id: true, issuedAt: true, claimedAt: true } });
    for (const credential of credentials) {
      const timeline = await db.credentialEvent.findMany({ where: { credentialId: credential.id }, orderBy: { createdAt: "asc" }, select: { type: true, createdAt: true } });
      expect(timeline[0]).toMatchObject({ type: "issued", createdAt: credential.issuedAt });
      const claimed = timeline.find((event) => event.type === "claimed");
      if (credential.claimedAt) expect(claimed?.createdAt).toEqual(credential.claimedAt);
      const shared = timeline.findIndex((event) => event.type === "shared");
      if (shared >= 0) expect(timeline.findIndex((event) => event.type === "claimed")).toBeLessThan(shared);
    }

    await seed();
    expect(await db.credentialEvent.count({ where: { organizationId: org.id } })).toBe(events);
  });
});

describe("the demo program", () => {
  it("has rules on the demo achievements and learners part of the way, awarding nothing, once", async () => {
    await seed();
    const org = await db.organization.findUniqueOrThrow({ where: { slug: DEMO.orgSlug }, select: { id: true } });
    const credentials = await db.credential.count({ where: { organizationId: org.id } });
    await seed();
    const programs = await db.program.findMany({ where: { organizationId: org.id }, include: { rules: true, learners: true } });
    expect(programs).toHaveLength(1);
    expect(programs[0].rules.map((rule) => [rule.metric, rule.atLeast]).sort()).toEqual([["modules_completed", 6], ["workshops_facilitated", 3]]);
    expect(programs[0].learners).toHaveLength(3);
    const lin = await db.learnerMetric.findUniqueOrThrow({ where: { programId_email_metric: { programId: programs[0].id, email: "lin.learner@example.com", metric: "modules_completed" } } });
    expect(lin.value).toBe(5);
    expect(await db.programAward.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(credentials);
  });
});
