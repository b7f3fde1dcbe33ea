import { randomBytes } from "node:crypto";
import { credentialFields, presentCredential } from "@/lib/api/present-credential";
import { organizationEntitlements } from "@/lib/billing/entitlements";
import { db, sql } from "@/lib/db";
import { enqueueInTransaction, startQueue } from "@/lib/jobs/queue";
import { log as rootLog } from "@/lib/log";
import { WEBHOOK_PAYLOAD_VERSION, type WebhookEnvelope, type WebhookEventData, type WebhookEventType } from "./catalog";

const log = rootLog.child({ module: "webhooks" });

export const newEventId = () => `msg_${randomBytes(16).toString("base64url")}`;

/**
 * Records an event for every enabled endpoint of the organization subscribed to its type, and
 * queues one delivery each, in one transaction: the event, its deliveries and their jobs exist
 * together or not at all. Nothing is stored when no endpoint wants it, or when the plan has no
 * webhooks. `id` makes it idempotent (an event already recorded is not recorded again).
 * Returns the event's id, or null when nobody wanted it.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  organizationId: string,
  type: T,
  data: WebhookEventData<T>,
  options: { id?: string; at?: Date } = {},
): Promise<string | null> {
  const endpoints = await db.webhookEndpoint.findMany({ where: { organizationId, enabled: true, events: { has: type } }, select: { id: true } });
  if (endpoints.length === 0) return null;
  if (!(await organizationEntitlements(organizationId)).features.includes("webhooks")) return null;
  const id = options.id ?? newEventId();
  const at = options.at ?? new Date();
  const envelope: WebhookEnvelope = { id, type, version: WEBHOOK_PAYLOAD_VERSION, timestamp: at.toISOString(), organizationId, data };
  // Started before the transaction: enqueueing inside it needs the queue (see enqueueInTransaction).
  await startQueue({ workers: false });
  return db.$transaction(async (tx) => {
    const created = await tx.webhookEvent.createMany({ data: [{ id, organizationId, type, payload: JSON.stringify(envelope), createdAt: at }], skipDuplicates: true });
    if (created.count === 0) return id;
    const deliveries = await tx.webhookDelivery.createManyAndReturn({
      data: endpoints.map((endpoint) => ({ eventId: id, endpointId: endpoint.id, nextAttemptAt: at })),
      select: { id: true },
    });
    await enqueueInTransaction(
      tx,
      "webhooks.deliver",
      deliveries.map((delivery) => ({ deliveryId: delivery.id })),
    );
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// Credential events: fed from the credential timeline

/** The timeline's event types that are webhook events, and what they are called there. */
const FROM_TIMELINE: Record<string, WebhookEventType> = {
  issued: "credential.issued",
  claimed: "credential.claimed",
  declined: "credential.declined",
  revoked: "credential.revoked",
  expired: "credential.expired",
  shared: "credential.shared",
  // Opening LinkedIn's add-to-profile is a share too (channel linkedin_profile).
  added_to_profile: "credential.shared",
};

/**
 * How far back each pass looks again: a transaction that wrote its timeline row earlier but
 * committed after the last pass (a large bulk batch) is still found. Events already fed are
 * recognised by their id and skipped.
 */
const LATE_COMMIT_WINDOW_MS = 10 * 60 * 1000;
const BATCH = 500;

type TimelineRow = { id: string; organizationId: string; credentialId: string; type: string; channel: string | null; createdAt: Date };

/**
 * Every credential event (issued, claimed, declined, revoked, expired, shared) becomes a webhook
 * event: the timeline is the one record all of them are written to, by every path that writes
 * them (one credential, bulk, programs, the daily expiry pass, share clicks), so reading it is
 * how none is missed. Only organizations with an endpoint are read. The webhook event's id is
 * derived from the timeline row's, so feeding twice records once. Returns how many were fed.
 */
export async function feedCredentialEvents(now = new Date()): Promise<number> {
  // Only organizations with an endpoint for credential events are read (by their index); with
  // none, a pass costs one small query.
  const listening = await db.webhookEndpoint.findMany({
    where: { enabled: true, events: { hasSome: [...new Set(Object.values(FROM_TIMELINE))] } },
    select: { organizationId: true },
    distinct: ["organizationId"],
  });
  if (listening.length === 0) return 0;
  const organizationIds = listening.map((endpoint) => endpoint.organizationId);
  const since = new Date(now.getTime() - LATE_COMMIT_WINDOW_MS);
  let fed = 0;
  for (;;) {
    const rows = await sql<TimelineRow>(
      `SELECT ce."id", ce."organizationId", ce."credentialId", ce."type", ce."channel", ce."createdAt"
         FROM "CredentialEvent" ce
        WHERE ce."organizationId" = ANY($3::text[])
          AND ce."createdAt" >= $1
          AND ce."type" = ANY($2::text[])
          AND EXISTS (
                SELECT 1 FROM "WebhookEndpoint" e
                 WHERE e."organizationId" = ce."organizationId" AND e."enabled"
                   AND (CASE ce."type" WHEN 'added_to_profile' THEN 'credential.shared' ELSE 'credential.' || ce."type" END) = ANY(e."events"))
          AND NOT EXISTS (SELECT 1 FROM "WebhookEvent" we WHERE we."id" = 'msg_ce_' || ce."id")
          AND NOT EXISTS (SELECT 1 FROM "WebhookFeedSkip" s WHERE s."id" = ce."id")
        ORDER BY ce."createdAt", ce."id"
        LIMIT ${BATCH}`,
      [since, Object.keys(FROM_TIMELINE), organizationIds],
    );
    if (rows.length === 0) return fed;
    const credentials = new Map(
      (await db.credential.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.credentialId))] } }, select: { ...credentialFields, revocationReason: true } })).map((c) => [c.id, c]),
    );
    for (const row of rows) {
      const credential = credentials.get(row.credentialId);
      const type = FROM_TIMELINE[row.type];
      const data = credential
        ? {
            credential: presentCredential(asItWas(credential, type, row.createdAt), row.createdAt),
            ...(type === "credential.revoked" && { reason: credential.revocationReason ?? null }),
            ...(type === "credential.shared" && { channel: row.type === "added_to_profile" ? "linkedin_profile" : (row.channel ?? "link") }),
          }
        : null;
      const emitted = data ? await emitWebhookEvent(row.organizationId, type, data as never, { id: `msg_ce_${row.id}`, at: row.createdAt }) : null;
      // Nobody wanted it (another type, or the plan has no webhooks): remember not to look again.
      if (emitted === null) await db.webhookFeedSkip.createMany({ data: [{ id: row.id, createdAt: row.createdAt }], skipDuplicates: true });
      else fed++;
    }
    if (rows.length < BATCH) return fed;
  }
}

/**
 * The credential as it was when the event happened: an "issued" event fed after a quick
 * revocation still says issued. The event's own date is always shown.
 */
function asItWas<C extends { claimedAt: Date | null; revokedAt: Date | null }>(credential: C, type: WebhookEventType, at: Date): C {
  const cutoff = at.getTime();
  const until = (date: Date | null) => (date && date.getTime() <= cutoff ? date : null);
  return {
    ...credential,
    claimedAt: type === "credential.claimed" ? credential.claimedAt : until(credential.claimedAt),
    revokedAt: type === "credential.revoked" ? credential.revokedAt : until(credential.revokedAt),
  };
}

/** Forgets skipped timeline rows older than the window (they are never read again). */
export async function pruneFeedSkips(now = new Date()): Promise<number> {
  const { count } = await db.webhookFeedSkip.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 2 * LATE_COMMIT_WINDOW_MS) } } });
  if (count) log.debug({ count }, "pruned webhook feed skips");
  return count;
}
