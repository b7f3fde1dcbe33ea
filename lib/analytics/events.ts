import { after } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { channelFromReferrer, shareChannel } from "./channels";
import { isCrawler, visitorHash } from "./visitors";

/** What can happen to a credential; the timeline and the analytics read these. */
export type CredentialEventType =
  | "issued" | "emailed" | "opened" | "claimed" | "declined" | "viewed" | "previewed" | "shared" | "clicked"
  | "cta_clicked" | "downloaded" | "added_to_profile" | "verified" | "revoked" | "renewed" | "expired"
  | "address_changed";

export type CredentialEventInput = {
  credentialId: string;
  /** Looked up from the credential when not given. */
  organizationId?: string;
  type: CredentialEventType;
  /**
   * linkedin, linkedin_profile, x, facebook, email, link, embed, direct; or a download format.
   * A view without one gets the channel its visitor came from (see `viewChannels`).
   */
  channel?: string | null;
  actorId?: string | null;
  /** `visitor` (daily pseudonym) and `referrer` (host) where known, and per-type extras. */
  data?: Record<string, unknown>;
  /** When it happened; defaults to when it was recorded. */
  at?: Date;
  /** The client's address, for the per-IP cap on anonymous events; never stored. */
  ip?: string;
};

/** A visitor's click on a share link is remembered this long to name the channel of their view. */
const CLICK_ATTRIBUTION_MS = 30 * 60_000;
/**
 * Events anyone can repeat at will by reloading or fetching again. Each counts once per visitor,
 * credential, type and channel (a download's format) in this window: a script fetching the
 * JSON-LD a thousand times is one download, not a thousand rows.
 */
const REPEATABLE: ReadonlySet<CredentialEventType> = new Set(["viewed", "previewed", "clicked", "cta_clicked", "downloaded", "verified"]);
export const EVENT_DEDUP_WINDOW_MS = 30 * 60_000;
/**
 * Repeatable events one client address may write per hour on one instance, however many
 * visitors it pretends to be (a new User-Agent is a new visitor pseudonym).
 */
export const EVENTS_PER_IP = { limit: 300, windowMs: 60 * 60_000 } as const;
/** Events waiting to be written are flushed together after this long, or at this many. */
const BATCH_DELAY_MS = 250;
const BATCH_MAX = 500;

/** Writes events now, in one insert. Unknown credentials are skipped (a stale link must not fail). */
export async function recordCredentialEvents(inputs: CredentialEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const missingOrg = [...new Set(inputs.filter((input) => !input.organizationId).map((input) => input.credentialId))];
  const orgOf = new Map(
    missingOrg.length
      ? (await db.credential.findMany({ where: { id: { in: missingOrg } }, select: { id: true, organizationId: true } })).map((c) => [c.id, c.organizationId])
      : [],
  );
  const channels = await viewChannels(inputs);
  const rows = inputs.flatMap((input, index) => {
    const organizationId = input.organizationId ?? orgOf.get(input.credentialId);
    if (!organizationId) return [];
    return [{
      organizationId,
      credentialId: input.credentialId,
      type: input.type,
      channel: input.channel ?? channels[index] ?? null,
      actorId: input.actorId ?? null,
      data: (input.data ?? undefined) as object | undefined,
      createdAt: input.at ?? new Date(),
    }];
  });
  if (rows.length) await db.credentialEvent.createMany({ data: rows });
}

/** Writes one event now. */
export async function recordCredentialEvent(input: CredentialEventInput): Promise<void> {
  await recordCredentialEvents([input]);
}

let queue: CredentialEventInput[] = [];
let pendingFlush: Promise<void> | null = null;

/**
 * Queues an event; queued events are written together a moment later, so a burst of page views
 * costs one insert instead of one each. Resolves once it is written (or failed and was logged).
 */
export function queueCredentialEvent(input: CredentialEventInput): Promise<void> {
  queue.push({ ...input, at: input.at ?? new Date() });
  if (queue.length >= BATCH_MAX) return flushCredentialEvents();
  pendingFlush ??= new Promise<void>((resolve) => setTimeout(resolve, BATCH_DELAY_MS)).then(flushCredentialEvents);
  return pendingFlush;
}

const writing = new Set<Promise<void>>();

/** Writes every queued event now, and waits for writes already under way (on shutdown and in tests). */
export async function flushCredentialEvents(): Promise<void> {
  const queued = queue;
  queue = [];
  pendingFlush = null;
  if (queued.length > 0) {
    const write = withoutRecordedRepeats(queued)
      .then((batch) => recordCredentialEvents(batch))
      .catch((error: unknown) => log.warn({ err: error, events: queued.length }, "could not record credential events"))
      .finally(() => writing.delete(write));
    writing.add(write);
  }
  await Promise.all([...writing]);
}

/**
 * Drops repeatable events another instance (or an earlier process) already wrote within the
 * window: this instance's memory only knows its own visitors.
 */
async function withoutRecordedRepeats(batch: CredentialEventInput[]): Promise<CredentialEventInput[]> {
  const keyed = batch.filter((input) => repeatKey(input) !== null);
  if (keyed.length === 0) return batch;
  const rows = await db.credentialEvent.findMany({
    where: {
      createdAt: { gte: new Date(Date.now() - EVENT_DEDUP_WINDOW_MS) },
      OR: keyed.map((input) => ({
        credentialId: input.credentialId,
        type: input.type,
        ...(input.channel ? { channel: input.channel } : {}),
        data: { path: ["visitor"], equals: input.data!.visitor as string },
      })),
    },
    select: { credentialId: true, type: true, channel: true, data: true },
  });
  if (rows.length === 0) return batch;
  const written = new Set(rows.map((row) => [row.credentialId, row.type, (row.data as { visitor?: string } | null)?.visitor ?? ""].join("\n")));
  const writtenWithChannel = new Set(rows.map((row) => [row.credentialId, row.type, row.channel ?? "", (row.data as { visitor?: string } | null)?.visitor ?? ""].join("\n")));
  return batch.filter((input) => {
    if (repeatKey(input) === null) return true;
    const visitor = input.data!.visitor as string;
    // A view's channel is chosen at write time: any view by this visitor already counts.
    return input.channel
      ? !writtenWithChannel.has([input.credentialId, input.type, input.channel, visitor].join("\n"))
      : !written.has([input.credentialId, input.type, visitor].join("\n"));
  });
}

/**
 * Records an event after the response has been sent, batched with others, so a public page or a
 * redirect never waits for it. Outside a request (scripts, tests) it writes at once.
 */
export function recordCredentialEventLater(input: CredentialEventInput): void {
  if (isRepeat(input)) return;
  if (input.ip && input.ip !== "unknown" && REPEATABLE.has(input.type) && overIpCap(input.ip)) return;
  if (input.type === "clicked") rememberClick(input);
  try {
    const written = queueCredentialEvent(input);
    after(() => written);
  } catch {
    void flushCredentialEvents();
  }
}

/**
 * Who is looking, as far as events may know: a crawler or a person, a daily pseudonym, and the
 * address (only for the per-IP cap: pass it as the event's `ip`, it is never stored).
 */
export function visitorFrom(headers: Headers): { crawler: boolean; visitor: string; referrer: string | null; ip: string } {
  const userAgent = headers.get("user-agent");
  const ip = clientIp(headers);
  return {
    crawler: isCrawler(userAgent),
    visitor: visitorHash(ip, userAgent),
    referrer: referrerHost(headers.get("referer")),
    ip,
  };
}

/** Only the referring site's host is kept, never the full URL (it may carry personal data). */
export function referrerHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.host || null : null;
  } catch {
    return null;
  }
}

// A bounded memory of recent views and share-link clicks on this instance: a reload within half
// an hour is not another view, and a view right after a click on a LinkedIn share link came from
// LinkedIn even when the app sent no referrer.
const RECENT_MAX = 20_000;
const recentEvents = new Map<string, number>();
const eventsPerIp = new Map<string, { count: number; since: number }>();
const recentClicks = new Map<string, { channel: string; at: number }>();

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > RECENT_MAX) map.delete(map.keys().next().value!);
}

function visitorKey(input: CredentialEventInput): string | null {
  const visitor = input.data?.visitor;
  return typeof visitor === "string" ? `${input.credentialId}\n${visitor}` : null;
}

/** The repeatable event's identity: credential, type, channel and visitor (null for the rest). */
function repeatKey(input: CredentialEventInput): string | null {
  const visitor = input.data?.visitor;
  if (!REPEATABLE.has(input.type) || typeof visitor !== "string") return null;
  return [input.credentialId, input.type, input.channel ?? "", visitor].join("\n");
}

function isRepeat(input: CredentialEventInput): boolean {
  const key = repeatKey(input);
  if (!key) return false;
  const now = Date.now();
  const last = recentEvents.get(key);
  if (last !== undefined && now - last < EVENT_DEDUP_WINDOW_MS) return true;
  remember(recentEvents, key, now);
  return false;
}

function overIpCap(ip: string): boolean {
  const now = Date.now();
  const seen = eventsPerIp.get(ip);
  if (!seen || now - seen.since >= EVENTS_PER_IP.windowMs) {
    remember(eventsPerIp, ip, { count: 1, since: now });
    return false;
  }
  seen.count += 1;
  return seen.count > EVENTS_PER_IP.limit;
}

function rememberClick(input: CredentialEventInput): void {
  const key = visitorKey(input);
  if (key && input.channel) remember(recentClicks, key, { channel: input.channel, at: Date.now() });
}

/**
 * The channel of each view that has none: the share link its visitor just followed (this
 * instance's memory, then the database), else the network of its referrer, else "direct".
 */
async function viewChannels(inputs: CredentialEventInput[]): Promise<(string | null)[]> {
  const ownHost = new URL(env().BASE_URL).host;
  const channels = inputs.map((input) => {
    if (input.type !== "viewed" || input.channel) return null;
    const key = visitorKey(input);
    const click = key ? recentClicks.get(key) : undefined;
    if (click && Date.now() - click.at < CLICK_ATTRIBUTION_MS) return shareChannel(click.channel);
    const referrer = typeof input.data?.referrer === "string" ? input.data.referrer : null;
    return referrer ? channelFromReferrer(referrer, ownHost) : null;
  });
  const unknown = inputs.flatMap((input, index) => (input.type === "viewed" && !input.channel && !channels[index] && typeof input.data?.visitor === "string" ? [index] : []));
  if (unknown.length) {
    const clicks = await db.credentialEvent.findMany({
      where: {
        type: "clicked",
        createdAt: { gte: new Date(Date.now() - CLICK_ATTRIBUTION_MS) },
        OR: unknown.map((index) => ({ credentialId: inputs[index]!.credentialId, data: { path: ["visitor"], equals: inputs[index]!.data!.visitor as string } })),
      },
      orderBy: { createdAt: "desc" },
      select: { credentialId: true, channel: true, data: true },
    });
    for (const index of unknown) {
      const input = inputs[index]!;
      const click = clicks.find((row) => row.credentialId === input.credentialId && (row.data as { visitor?: unknown } | null)?.visitor === input.data!.visitor);
      if (click) channels[index] = shareChannel(click.channel);
    }
  }
  return channels.map((channel, index) => (inputs[index]!.type === "viewed" && !inputs[index]!.channel ? channel ?? "direct" : channel));
}
