import { rollUpAnalytics } from "@/lib/analytics/rollup";
import { isoDate } from "@/lib/analytics/range";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "./factories";

/**
 * A known set of engagement for 10 issued credentials, shared by the unit, API, CSV and browser
 * tests so each asserts the same numbers. Credentials 0–5 are of achievement A, 6–9 of B.
 *
 * - claimed: 0, 1, 2, 3 (A) and 6, 7 (B): 6
 * - shared: 0 and 1 on LinkedIn, 6 on X: 3 credentials on two channels
 * - share-link clicks: 0 ×2 and 1 ×1 from LinkedIn, 6 ×2 from X: 5
 * - "Earn this badge" clicks: 0 and 6: 2
 * - link-preview crawlers: 4 (LinkedInBot ×2 and facebookexternalhit on A, Twitterbot on B)
 * - people viewing: on 0 visitor v1 twice and v2 (from linkedin.com), on 1 v3 (lnkd.in), on 6 v4
 *   (t.co) and v5 (no referrer): 6 views by 5 visitors
 */
export type KnownEvent = {
  index: number;
  type: "claimed" | "shared" | "clicked" | "cta_clicked" | "previewed" | "viewed";
  channel?: string;
  data?: Record<string, string>;
};

export const KNOWN_EVENTS: KnownEvent[] = [
  ...[0, 1, 2, 3, 6, 7].map((index): KnownEvent => ({ index, type: "claimed" })),
  { index: 0, type: "shared", channel: "linkedin" },
  { index: 1, type: "shared", channel: "linkedin" },
  { index: 6, type: "shared", channel: "x" },
  { index: 0, type: "clicked", channel: "linkedin", data: { visitor: "c1", referrer: "www.linkedin.com" } },
  { index: 0, type: "clicked", channel: "linkedin", data: { visitor: "c2", referrer: "www.linkedin.com" } },
  { index: 1, type: "clicked", channel: "linkedin", data: { visitor: "c3" } },
  { index: 6, type: "clicked", channel: "x", data: { visitor: "c4", referrer: "t.co" } },
  { index: 6, type: "clicked", channel: "x", data: { visitor: "c5", referrer: "t.co" } },
  { index: 0, type: "cta_clicked", data: { visitor: "v1", referrer: "www.linkedin.com" } },
  { index: 6, type: "cta_clicked", data: { visitor: "v4", referrer: "t.co" } },
  { index: 0, type: "previewed", data: { visitor: "b1", agent: "LinkedInBot" } },
  { index: 0, type: "previewed", data: { visitor: "b1", agent: "LinkedInBot" } },
  { index: 1, type: "previewed", data: { visitor: "b2", agent: "facebookexternalhit" } },
  { index: 6, type: "previewed", data: { visitor: "b3", agent: "Twitterbot" } },
  { index: 0, type: "viewed", channel: "linkedin", data: { visitor: "v1", referrer: "www.linkedin.com" } },
  { index: 0, type: "viewed", channel: "linkedin", data: { visitor: "v1", referrer: "www.linkedin.com" } },
  { index: 0, type: "viewed", channel: "linkedin", data: { visitor: "v2", referrer: "www.linkedin.com" } },
  { index: 1, type: "viewed", channel: "linkedin", data: { visitor: "v3", referrer: "lnkd.in" } },
  { index: 6, type: "viewed", channel: "x", data: { visitor: "v4", referrer: "t.co" } },
  { index: 6, type: "viewed", channel: "direct", data: { visitor: "v5" } },
];

/** Which of the 10 credentials is of achievement A (the rest are of B). */
export const isAchievementA = (index: number) => index < 6;

/** What every surface must show for KNOWN_EVENTS (a range that holds them all). */
export const KNOWN_TOTALS = {
  issued: 10,
  claimed: 6,
  sharedCredentials: 3,
  shares: 3,
  shareClicks: 5,
  earnClicks: 2,
  previews: 4,
  views: 6,
  visitors: 5,
  shareRate: 0.3,
  returnRate: 0.2,
  funnel: [
    { key: "issued", count: 10, rate: null },
    { key: "claimed", count: 6, rate: 0.6 },
    { key: "shared", count: 3, rate: 0.5 },
    { key: "clicked", count: 5, rate: 5 / 3 },
    { key: "cta_clicked", count: 2, rate: 0.4 },
  ],
  channels: {
    linkedin: { visitors: 3, shareClicks: 3, shares: 2 },
    x: { visitors: 1, shareClicks: 2, shares: 1 },
    direct: { visitors: 1, shareClicks: 0, shares: 0 },
  },
  referrers: [
    { host: "www.linkedin.com", visitors: 2 },
    { host: "lnkd.in", visitors: 1 },
    { host: "t.co", visitors: 1 },
  ],
  achievements: {
    A: { issued: 6, claimed: 4, sharedCredentials: 2, visitors: 3, shareClicks: 3, earnClicks: 1, topChannel: "linkedin" },
    B: { issued: 4, claimed: 2, sharedCredentials: 1, visitors: 2, shareClicks: 2, earnClicks: 1, topChannel: "x" },
  },
  bestSource: { achievement: "A", channel: "linkedin", visitors: 3 },
} as const;

/** Rows for `CredentialEvent` (createMany or SQL) for the 10 credentials, all at `at`. */
export function knownEventRows(credentials: { id: string; organizationId: string }[], at: Date) {
  if (credentials.length !== 10) throw new Error("The known engagement needs exactly 10 credentials");
  return KNOWN_EVENTS.map((event) => ({
    organizationId: credentials[event.index]!.organizationId,
    credentialId: credentials[event.index]!.id,
    type: event.type,
    channel: event.channel ?? null,
    data: event.data ?? null,
    createdAt: at,
  }));
}

/**
 * Creates an organization (owner with `password`), achievements A and B, the 10 credentials
 * (really signed and issued, no emails) and KNOWN_EVENTS now (or at `at`; past days are rolled up).
 */
export async function createKnownEngagement(options: { password?: string; at?: Date } = {}) {
  const owner = await createUser({ password: options.password });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Known Engagement Academy");
  const achievement = (name: string) =>
    createAchievement(org.id, parseInput(achievementInputSchema, { name, description: `${name} for analytics tests.`, criteria: { narrative: "Finish it." } }));
  const a = await achievement("Achievement A");
  const b = await achievement("Achievement B");
  const credentials: { id: string; organizationId: string }[] = [];
  for (let index = 0; index < 10; index++) {
    const input = parseInput(issueCredentialSchema, {
      achievementId: isAchievementA(index) ? a.id : b.id,
      recipient: { email: uniqueEmail(`known${index}`), name: `Learner ${index}` },
    });
    const issued = await issueCredential(org.id, input, { notify: false });
    credentials.push({ id: issued.id, organizationId: org.id });
  }
  const at = options.at ?? new Date();
  await db.credentialEvent.createMany({ data: knownEventRows(credentials, at).map((row) => ({ ...row, data: row.data ?? undefined })) });
  // The issued events are dated when issued; move them to `at` too, so a range is easy to pick.
  await db.credentialEvent.updateMany({ where: { organizationId: org.id, type: "issued" }, data: { createdAt: at } });
  // Events dated before today land in days the rollup may already have counted: count again.
  if (isoDate(at) < isoDate(new Date())) await rollUpAnalytics({ fromDay: isoDate(at) });
  return { owner, org, achievements: { A: a, B: b }, credentials };
}
