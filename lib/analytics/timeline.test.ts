import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createKnownEngagement } from "@/lib/test/analytics-fixtures";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { credentialEngagementCounts, credentialTimeline, TIMELINE_LIMIT, type TimelineEntry, type TimelineGroup } from "./timeline";

async function issuedCredential(issuedAt: Date) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Timeline Skills", description: "Reads timelines.", criteria: { narrative: "Read one." } }));
  const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("tl"), name: "Tim Line" } }), { notify: false });
  await db.credentialEvent.updateMany({ where: { credentialId: issued.id, type: "issued" }, data: { createdAt: issuedAt } });
  const add = (events: { type: string; at: Date; channel?: string; data?: Record<string, string> }[]) =>
    db.credentialEvent.createMany({
      data: events.map((event) => ({ organizationId: org.id, credentialId: issued.id, type: event.type, channel: event.channel ?? null, data: event.data, createdAt: event.at })),
    });
  return { org, id: issued.id, add };
}

const at = (iso: string) => new Date(iso);
const describeEntry = (entry: TimelineEntry) => (entry.kind === "group" ? `${entry.type}×${entry.count}@${entry.day}` : `${entry.type}${entry.channel ? `:${entry.channel}` : ""}`);
const groupOf = (entries: TimelineEntry[], type: string, day: string) =>
  entries.find((entry): entry is TimelineGroup => entry.kind === "group" && entry.type === type && entry.day === day);

describe("the credential timeline", () => {
  it("folds a day's views into one entry with visitors and channels, and keeps crawler previews apart", async () => {
    const credential = await issuedCredential(at("2026-03-01T09:00:00Z"));
    await credential.add([
      { type: "viewed", at: at("2026-03-02T08:00:00Z"), channel: "linkedin", data: { visitor: "v1", referrer: "www.linkedin.com" } },
      { type: "viewed", at: at("2026-03-02T08:05:00Z"), channel: "linkedin", data: { visitor: "v1", referrer: "www.linkedin.com" } },
      { type: "viewed", at: at("2026-03-02T21:00:00Z"), channel: "direct", data: { visitor: "v2" } },
      { type: "previewed", at: at("2026-03-02T07:59:00Z"), data: { visitor: "b1", agent: "LinkedInBot" } },
      { type: "previewed", at: at("2026-03-02T07:59:30Z"), data: { visitor: "b1", agent: "LinkedInBot" } },
      { type: "previewed", at: at("2026-03-02T10:00:00Z"), data: { visitor: "b2", agent: "Twitterbot" } },
      // The same visitor pseudonym on another day is another visitor (the salt changes daily).
      { type: "viewed", at: at("2026-03-03T12:00:00Z"), data: { visitor: "v1" } },
    ]);
    const timeline = await credentialTimeline(credential.org.id, credential.id);

    expect(groupOf(timeline.entries, "viewed", "2026-03-02")).toMatchObject({
      count: 3,
      visitors: 2,
      breakdown: [{ key: "linkedin", count: 2 }, { key: "direct", count: 1 }],
      first: at("2026-03-02T08:00:00Z"),
      last: at("2026-03-02T21:00:00Z"),
    });
    expect(groupOf(timeline.entries, "previewed", "2026-03-02")).toMatchObject({ count: 3, breakdown: [{ key: "LinkedInBot", count: 2 }, { key: "Twitterbot", count: 1 }] });
    // A view recorded without a channel counts as direct.
    expect(groupOf(timeline.entries, "viewed", "2026-03-03")).toMatchObject({ count: 1, visitors: 1, breakdown: [{ key: "direct", count: 1 }] });
    expect(timeline.entries.map(describeEntry)).toEqual(["viewed×1@2026-03-03", "viewed×3@2026-03-02", "previewed×3@2026-03-02", "issued"]);
    expect(timeline.engagement).toEqual({ visitors: 3, views: 4, shares: 0, shareClicks: 0, earnClicks: 0, downloads: 0, previews: 3, verifications: 0 });
    expect(timeline.hasEngagement).toBe(true);
    expect(timeline.truncated).toBe(false);
  });

  it("lists milestones one by one, newest first, between the folded days, with share networks named", async () => {
    const credential = await issuedCredential(at("2026-04-01T09:00:00Z"));
    await credential.add([
      { type: "emailed", at: at("2026-04-01T09:01:00Z") },
      { type: "opened", at: at("2026-04-02T07:00:00Z") },
      { type: "claimed", at: at("2026-04-02T07:05:00Z") },
      { type: "shared", at: at("2026-04-02T07:10:00Z"), channel: "x" },
      { type: "added_to_profile", at: at("2026-04-02T07:20:00Z"), channel: "linkedin_profile" },
      { type: "shared", at: at("2026-04-03T10:00:00Z"), channel: "link" },
      { type: "clicked", at: at("2026-04-02T09:00:00Z"), channel: "x", data: { visitor: "c1" } },
      { type: "clicked", at: at("2026-04-02T09:30:00Z"), channel: "linkedin_profile", data: { visitor: "c2" } },
      { type: "clicked", at: at("2026-04-02T09:40:00Z"), channel: "linkedin", data: { visitor: "c3" } },
      { type: "cta_clicked", at: at("2026-04-02T09:45:00Z"), data: { visitor: "c3" } },
      { type: "downloaded", at: at("2026-04-02T11:00:00Z"), channel: "png", data: { visitor: "c3" } },
      { type: "revoked", at: at("2026-04-05T08:00:00Z") },
    ]);
    const timeline = await credentialTimeline(credential.org.id, credential.id);

    expect(timeline.entries.map(describeEntry)).toEqual([
      "revoked",
      "shared:direct",
      "downloaded×1@2026-04-02",
      "cta_clicked×1@2026-04-02",
      "clicked×3@2026-04-02",
      "added_to_profile:linkedin",
      "shared:x",
      "claimed",
      "opened",
      "emailed",
      "issued",
    ]);
    expect(groupOf(timeline.entries, "clicked", "2026-04-02")).toMatchObject({ visitors: 3, breakdown: [{ key: "linkedin", count: 2 }, { key: "x", count: 1 }] });
    expect(groupOf(timeline.entries, "downloaded", "2026-04-02")?.breakdown).toEqual([{ key: "png", count: 1 }]);
    expect(timeline.engagement).toMatchObject({ visitors: 0, shares: 3, shareClicks: 3, earnClicks: 1, downloads: 1, previews: 0 });
  });

  it("says nothing happened yet when the credential was only issued", async () => {
    const credential = await issuedCredential(at("2026-05-01T09:00:00Z"));
    const timeline = await credentialTimeline(credential.org.id, credential.id);
    expect(timeline.entries.map(describeEntry)).toEqual(["issued"]);
    expect(timeline.hasEngagement).toBe(false);
    expect(Object.values(timeline.engagement).every((count) => count === 0)).toBe(true);

    // A verifier's check is listed, but no one has looked at it yet.
    await credential.add([{ type: "verified", at: at("2026-05-02T10:00:00Z") }]);
    const checked = await credentialTimeline(credential.org.id, credential.id);
    expect(checked.entries.map(describeEntry)).toEqual(["verified×1@2026-05-02", "issued"]);
    expect(checked.engagement.verifications).toBe(1);
    expect(checked.hasEngagement).toBe(false);
  });

  it("shows the latest entries of a very busy credential and still counts them all", async () => {
    const credential = await issuedCredential(at("2026-06-01T09:00:00Z"));
    const shares = TIMELINE_LIMIT + 5;
    await credential.add(Array.from({ length: shares }, (_, i) => ({ type: "shared", channel: "linkedin", at: new Date(Date.parse("2026-06-02T00:00:00Z") + i * 60_000) })));
    const timeline = await credentialTimeline(credential.org.id, credential.id);
    expect(timeline.entries).toHaveLength(TIMELINE_LIMIT);
    expect(timeline.truncated).toBe(true);
    expect(timeline.entries[0]).toMatchObject({ kind: "milestone", type: "shared", at: new Date(Date.parse("2026-06-02T00:00:00Z") + (shares - 1) * 60_000) });
    expect(timeline.entries.some((entry) => entry.kind === "milestone" && entry.type === "issued")).toBe(false);
    expect(timeline.engagement.shares).toBe(shares);
  });

  it("matches the known engagement of credential 0", async () => {
    const known = await createKnownEngagement();
    const timeline = await credentialTimeline(known.org.id, known.credentials[0]!.id);
    expect(timeline.engagement).toEqual({ visitors: 2, views: 3, shares: 1, shareClicks: 2, earnClicks: 1, downloads: 0, previews: 2, verifications: 0 });
    const views = timeline.entries.find((entry): entry is TimelineGroup => entry.kind === "group" && entry.type === "viewed");
    expect(views).toMatchObject({ count: 3, visitors: 2, breakdown: [{ key: "linkedin", count: 3 }] });
    const previews = timeline.entries.find((entry): entry is TimelineGroup => entry.kind === "group" && entry.type === "previewed");
    expect(previews).toMatchObject({ count: 2, breakdown: [{ key: "LinkedInBot", count: 2 }] });
  });

  it("does not show another organization's credential", async () => {
    const known = await createKnownEngagement();
    const other = await issuedCredential(at("2026-05-01T09:00:00Z"));
    const error = await credentialTimeline(other.org.id, known.credentials[0]!.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
    expect((await credentialEngagementCounts(other.org.id, [known.credentials[0]!.id])).size).toBe(0);
  });
});

describe("engagement counts for the credentials table", () => {
  it("counts visitors, shares and share-link clicks of each listed credential", async () => {
    const known = await createKnownEngagement();
    const ids = known.credentials.map((credential) => credential.id);
    const counts = await credentialEngagementCounts(known.org.id, ids);
    expect(counts.get(ids[0]!)).toEqual({ visitors: 2, shares: 1, shareClicks: 2 });
    expect(counts.get(ids[1]!)).toEqual({ visitors: 1, shares: 1, shareClicks: 1 });
    expect(counts.get(ids[6]!)).toEqual({ visitors: 2, shares: 1, shareClicks: 2 });
    expect(counts.has(ids[2]!)).toBe(false);
    expect(await credentialEngagementCounts(known.org.id, [])).toEqual(new Map());
  });
});
