import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sendEmail } from "@/lib/email/mailer";
import { webhookDisabledEmail } from "@/lib/email/templates";
import { emailBrand } from "@/lib/issuing/claim-email";
import { log as rootLog } from "@/lib/log";
import { safePost } from "@/lib/ob/fetch/safe-fetch";
import { signingSecrets, webhookAllowedOrigins } from "./endpoints";

const log = rootLog.child({ module: "webhooks" });

/** Each attempt waits this long for an answer. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/**
 * Seconds before each retry (with ±20% jitter): 11 attempts over about 24 hours, then the
 * delivery is given up.
 */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800] as const;
/** An endpoint failing every delivery for this long is turned off, and its owners told. */
export const FAILURE_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** How long an attempt may hold a delivery before another process may take it over. */
const LEASE_MS = ATTEMPT_TIMEOUT_MS + 50_000;
/** How much of an endpoint's answer the delivery log keeps. */
const KEPT_RESPONSE_BYTES = 1024;

export type DeliveryOptions = {
  now?: Date;
  /** Origins exempt from the address rules (default: WEBHOOK_ALLOWED_HOSTS on self-hosted installs). */
  allowOrigins?: string[];
  timeoutMs?: number;
  /** 0–1; jitter around each retry delay (tests fix it). */
  random?: () => number;
};

export type AttemptOutcome =
  | { state: "succeeded"; status: number }
  | { state: "pending"; nextAttemptAt: Date; status: number | null; error: string | null }
  | { state: "failed"; reason: "gave_up" | "endpoint_disabled" | "endpoint_failing" }
  /** Not due, already done, or another process holds it. */
  | { state: "skipped" };

/** When the retry after `attempts` failed attempts is due; null once the schedule is spent. */
export function nextAttemptAfter(attempts: number, now: Date, random: () => number = Math.random): Date | null {
  const delay = RETRY_DELAYS_SECONDS[attempts - 1];
  if (delay === undefined) return null;
  const jitter = 0.8 + 0.4 * random();
  return new Date(now.getTime() + Math.round(delay * jitter * 1000));
}

/**
 * The Standard Webhooks headers for one attempt: `webhook-id` (the event's, the same on every
 * retry), `webhook-timestamp` (seconds) and `webhook-signature` with one `v1,…` per secret that
 * signs now (two during the day after a rotation).
 */
export function signedHeaders(eventId: string, payload: string, secrets: string[], now: Date): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(eventId, now, payload));
  return {
    "content-type": "application/json",
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

/**
 * One attempt at one delivery. Takes the delivery only when it is due and nobody else holds it
 * (so a duplicate job, or two workers, never send it twice at once), POSTs the signed event, and
 * records the answer: done on any 2xx; otherwise the next retry, or given up after the schedule.
 * An endpoint failing for 3 days is turned off and its organization's owners and admins emailed.
 */
export async function attemptDelivery(deliveryId: string, options: DeliveryOptions = {}): Promise<AttemptOutcome> {
  const now = options.now ?? new Date();
  const claimed = await db.webhookDelivery.updateMany({
    where: {
      id: deliveryId,
      OR: [
        { state: "pending", nextAttemptAt: { lte: now } },
        // Its last attempt's process died mid-send: the lease ran out.
        { state: "sending", leaseUntil: { lt: now } },
      ],
    },
    data: { state: "sending", leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  if (claimed.count === 0) return { state: "skipped" };

  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: true, event: true } });
  const { endpoint, event } = delivery;
  if (!endpoint.enabled) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { state: "failed", leaseUntil: null, error: "The endpoint is turned off." } });
    return { state: "failed", reason: "endpoint_disabled" };
  }

  let status: number | null = null;
  let body: string | null = null;
  let error: string | null = null;
  try {
    const answer = await safePost(endpoint.url, {
      body: event.payload,
      headers: signedHeaders(event.id, event.payload, signingSecrets(endpoint, now), now),
      allowOrigins: options.allowOrigins ?? webhookAllowedOrigins(),
      timeoutMs: options.timeoutMs ?? ATTEMPT_TIMEOUT_MS,
      keepBytes: KEPT_RESPONSE_BYTES,
    });
    status = answer.status;
    body = answer.body.replace(/\u0000/g, "");
    if (status < 200 || status > 299) error = `The endpoint answered HTTP ${status}.`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const attempts = delivery.attempts + 1;
  const attempt = { attempts, lastAttemptAt: now, responseStatus: status, responseBody: body, error, leaseUntil: null };

  if (error === null) {
    await db.$transaction([
      db.webhookDelivery.update({ where: { id: deliveryId }, data: { ...attempt, state: "succeeded", deliveredAt: now } }),
      db.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } }),
    ]);
    return { state: "succeeded", status: status! };
  }

  // A failure: note when the endpoint began failing; 3 days of it turn the endpoint off.
  const failingSince = endpoint.failingSince ?? now;
  if (!endpoint.failingSince) await db.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince: now } });
  if (now.getTime() - failingSince.getTime() >= FAILURE_WINDOW_MS) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { ...attempt, state: "failed" } });
    await disableFailingEndpoint(endpoint.id, now);
    return { state: "failed", reason: "endpoint_failing" };
  }
  const nextAttemptAt = nextAttemptAfter(attempts, now, options.random);
  if (!nextAttemptAt) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { ...attempt, state: "failed" } });
    return { state: "failed", reason: "gave_up" };
  }
  await db.webhookDelivery.update({ where: { id: deliveryId }, data: { ...attempt, state: "pending", nextAttemptAt } });
  return { state: "pending", nextAttemptAt, status, error };
}

/**
 * Turns off an endpoint that failed for the whole window (once: a second caller finds it off),
 * ends its waiting deliveries, and emails the organization's owners and admins.
 */
async function disableFailingEndpoint(endpointId: string, now: Date): Promise<void> {
  const turnedOff = await db.webhookEndpoint.updateMany({ where: { id: endpointId, enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: "failing" } });
  await db.webhookDelivery.updateMany({ where: { endpointId, state: "pending" }, data: { state: "failed", error: "The endpoint was turned off after 3 days of failures." } });
  if (turnedOff.count === 0) return;
  const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { url: true, organizationId: true, organization: { select: { slug: true } } } });
  log.warn({ endpointId, organizationId: endpoint.organizationId }, "webhook endpoint turned off after failing for 3 days");
  const members = await db.membership.findMany({
    where: { organizationId: endpoint.organizationId, role: { in: ["owner", "admin"] } },
    select: { user: { select: { email: true, locale: true } } },
  });
  const brand = await emailBrand(endpoint.organizationId);
  const url = `${env().BASE_URL}/dashboard/${endpoint.organization.slug}/webhooks/${endpointId}`;
  for (const { user } of members) {
    await sendEmail(webhookDisabledEmail({ to: user.email, url, endpointUrl: endpoint.url, locale: user.locale, organization: brand }));
  }
}

/**
 * How long past due a pending delivery must be before it counts as orphaned. Generous: under a
 * backlog a due delivery's job may simply be waiting its turn, and queueing it again would only
 * add a job that finds nothing to do.
 */
export const OVERDUE_GRACE_MS = 10 * 60_000;

/**
 * Deliveries whose attempt is due but has no job to run it (the process that would have queued
 * it died between recording a failure and queueing the retry), or whose attempt died mid-send:
 * queued again. Their state lives in the database, so nothing is lost across restarts.
 */
export async function overdueDeliveries(now = new Date(), graceMs = OVERDUE_GRACE_MS, take = 500): Promise<string[]> {
  const rows = await db.webhookDelivery.findMany({
    where: {
      OR: [
        { state: "pending", nextAttemptAt: { lt: new Date(now.getTime() - graceMs) } },
        { state: "sending", leaseUntil: { lt: now } },
      ],
    },
    select: { id: true },
    orderBy: { nextAttemptAt: "asc" },
    take,
  });
  return rows.map((row) => row.id);
}
