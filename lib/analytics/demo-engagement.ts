import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { channelFromReferrer, shareChannel } from "./channels";
import { addDays, isoDate } from "./range";
import { rollUpAnalytics } from "./rollup";

/** Demo history goes back this far at most. */
export const DEMO_ENGAGEMENT_DAYS = 60;
const ID_PREFIX = "demo-engagement-";
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type DemoEvent = {
  id: string;
  organizationId: string;
  credentialId: string;
  type: string;
  channel: string | null;
  data?: Record<string, string | null>;
  createdAt: Date;
};

/** What a learner's share on a network looks like: who previews it, where its clicks come from. */
const SHARE_SOURCES: Record<string, { crawler: string | null; referrers: (string | null)[]; clicksPerDay: number }> = {
  linkedin: { crawler: "LinkedInBot", referrers: ["www.linkedin.com", "www.linkedin.com", "lnkd.in"], clicksPerDay: 9 },
  linkedin_profile: { crawler: "LinkedInBot", referrers: ["www.linkedin.com"], clicksPerDay: 3 },
  x: { crawler: "Twitterbot", referrers: ["t.co"], clicksPerDay: 6 },
  email: { crawler: null, referrers: [null, "mail.google.com"], clicksPerDay: 2 },
};

/** The shares of the n-th claimed credential: channel and days after its claim. */
const SHARE_PLANS: { channel: string; afterDays: number }[][] = [
  [{ channel: "linkedin", afterDays: 1 }, { channel: "linkedin_profile", afterDays: 2 }, { channel: "x", afterDays: 12 }],
  [{ channel: "linkedin", afterDays: 3 }, { channel: "email", afterDays: 9 }],
];

/** Where people come from without a share link: search, the learner's profile, typed links. */
const BACKGROUND_REFERRERS: (string | null)[] = [null, null, "www.google.com", "own", "www.example.com"];

/**
 * Gives the demo organization's seeded credentials a believable history over the last
 * DEMO_ENGAGEMENT_DAYS days, so the analytics dashboard has something to show on a fresh
 * install: claims, shares on LinkedIn, X and by email, link-preview crawlers, share-link clicks
 * decaying after each share, the views they bring (with their referrer and channel, as the app
 * records them), "earn this badge" clicks and downloads (the learner's own copies too). A learner's background visits come from
 * search, their profile and direct links; credentials not claimed get a few looks from the email.
 *
 * Deterministic (a fixed pseudo-random sequence) and idempotent: once the organization has demo
 * events, it does nothing. The seeded credentials' issue and claim moments move to the start of
 * their history (the signed `validFrom`), never later, so the timeline reads in order. Then rolls the days up.
 */
export async function seedDemoEngagement(organizationId: string, credentialIds: string[], now = new Date()): Promise<{ events: number }> {
  if ((await db.credentialEvent.count({ where: { organizationId, id: { startsWith: ID_PREFIX } } })) > 0) return { events: 0 };
  const credentials = await db.credential.findMany({
    where: { organizationId, id: { in: credentialIds }, revokedAt: null },
    select: { id: true, validFrom: true, claimedAt: true, backpackEntry: { select: { id: true } } },
    orderBy: [{ validFrom: "asc" }, { recipientEmail: "asc" }, { id: "asc" }],
  });
  if (credentials.length === 0) return { events: 0 };

  const alreadyClaimed = new Set(
    (await db.credentialEvent.findMany({ where: { credentialId: { in: credentials.map((c) => c.id) }, type: "claimed" }, select: { credentialId: true } })).map(
      (event) => event.credentialId,
    ),
  );
  const random = sequence("laurel-demo-engagement");
  const ownHost = new URL(env().BASE_URL).host;
  const last = now.getTime() - 60_000;
  const events: DemoEvent[] = [];
  const add = (credentialId: string, type: string, at: number, channel: string | null, data?: Record<string, string | null>) => {
    if (at > last) return;
    events.push({ id: `${ID_PREFIX}${credentialId}-${events.length}`, organizationId, credentialId, type, channel, data, createdAt: new Date(at) });
  };
  const visitor = () => createHash("sha256").update(`demo-visitor:${random()}`).digest("base64url").slice(0, 22);
  /** A person's view, now and then followed by an "earn this badge" click or a download. */
  const visit = (credentialId: string, at: number, referrer: string | null, channel: string) => {
    const who = visitor();
    add(credentialId, "viewed", at, channel, { visitor: who, referrer });
    if (random() < 0.08) add(credentialId, "cta_clicked", at + 40_000, null, { visitor: who, referrer });
    else if (random() < 0.05) add(credentialId, "downloaded", at + 30_000, random() < 0.6 ? "png" : "pdf", { visitor: who, referrer });
  };

  const earliest = now.getTime() - DEMO_ENGAGEMENT_DAYS * DAY_MS;
  let claimedIndex = 0;
  const issueMoves: { id: string; at: Date }[] = [];
  const claimMoves: { id: string; entryId: string | null; at: Date }[] = [];
  for (const credential of credentials) {
    const start = Math.max(credential.validFrom.getTime(), earliest);
    issueMoves.push({ id: credential.id, at: new Date(start) });
    if (!credential.claimedAt) {
      // Not claimed (yet): the recipient and a colleague opened it from the email.
      for (let n = 0; n < 3; n++) {
        const referrer = random() < 0.5 ? "mail.google.com" : null;
        visit(credential.id, start + (2 + n * 20 + random() * 10) * HOUR_MS, referrer, channelFromReferrer(referrer, ownHost));
      }
      continue;
    }
    // Claimed a day or two after issue (never later than it really was).
    const claimedAt = Math.min(start + (20 + random() * 30) * HOUR_MS, credential.claimedAt.getTime());
    if (!alreadyClaimed.has(credential.id)) add(credential.id, "claimed", claimedAt, null);
    claimMoves.push({ id: credential.id, entryId: credential.backpackEntry?.id ?? null, at: new Date(claimedAt) });
    // The learner keeps a copy of the badge image (and of the certificate, for the first one).
    const learner = visitor();
    add(credential.id, "downloaded", claimedAt + HOUR_MS, "png", { visitor: learner, referrer: null });
    if (claimedIndex === 0) add(credential.id, "downloaded", claimedAt + HOUR_MS + 60_000, "pdf", { visitor: learner, referrer: null });
    for (const share of SHARE_PLANS[claimedIndex % SHARE_PLANS.length]!) {
      const sharedAt = claimedAt + share.afterDays * DAY_MS + random() * 6 * HOUR_MS;
      const source = SHARE_SOURCES[share.channel]!;
      add(credential.id, share.channel === "linkedin_profile" ? "added_to_profile" : "shared", sharedAt, share.channel);
      if (source.crawler) {
        for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
          add(credential.id, "previewed", sharedAt + (1 + random() * 20) * 60_000, share.channel, { visitor: visitor(), referrer: null, agent: source.crawler });
        }
      }
      // Clicks fade over the weeks after a share; each brings a view from the same network.
      for (let day = 0; sharedAt + day * DAY_MS < last; day++) {
        const expected = source.clicksPerDay * Math.exp(-day / 8);
        const clicks = Math.floor(expected + random());
        for (let n = 0; n < clicks; n++) {
          const at = sharedAt + day * DAY_MS + random() * DAY_MS;
          const referrer = source.referrers[Math.floor(random() * source.referrers.length)]!;
          const who = visitor();
          add(credential.id, "clicked", at, share.channel, { visitor: who, referrer });
          add(credential.id, "viewed", at + 2_000, shareChannel(share.channel), { visitor: who, referrer });
          if (random() < 0.1) add(credential.id, "cta_clicked", at + 45_000, null, { visitor: who, referrer });
        }
      }
    }
    // Visits without a share link, a little more than one a day.
    for (let day = 1; claimedAt + day * DAY_MS < last; day++) {
      for (let n = Math.floor(random() * 2.6); n > 0; n--) {
        const pick = BACKGROUND_REFERRERS[Math.floor(random() * BACKGROUND_REFERRERS.length)]!;
        const referrer = pick === "own" ? ownHost : pick;
        visit(credential.id, claimedAt + day * DAY_MS + random() * DAY_MS, referrer, channelFromReferrer(referrer, ownHost));
      }
    }
    claimedIndex++;
  }

  await db.$transaction(async (tx) => {
    for (const move of issueMoves) {
      // Only ever earlier: a credential issued before its history starts keeps its own moment.
      await tx.credential.updateMany({ where: { id: move.id, issuedAt: { gt: move.at } }, data: { issuedAt: move.at } });
      await tx.credentialEvent.updateMany({ where: { credentialId: move.id, type: "issued", createdAt: { gt: move.at } }, data: { createdAt: move.at } });
    }
    for (const move of claimMoves) {
      await tx.credential.updateMany({ where: { id: move.id, claimedAt: { gt: move.at } }, data: { claimedAt: move.at } });
      if (move.entryId) await tx.backpackEntry.updateMany({ where: { id: move.entryId, acceptedAt: { gt: move.at } }, data: { acceptedAt: move.at } });
    }
    await tx.credentialEvent.createMany({ data: events.map((event) => ({ ...event, data: event.data ?? undefined })), skipDuplicates: true });
  });
  const first = issueMoves.reduce((min, move) => Math.min(min, move.at.getTime()), now.getTime());
  await rollUpAnalytics({ now, fromDay: addDays(isoDate(new Date(first)), -1) });
  return { events: events.length };
}

/** A small deterministic pseudo-random sequence (mulberry32) seeded from a string. */
function sequence(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
