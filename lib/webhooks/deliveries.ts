import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { afterCursor, toPage, type Page } from "@/lib/api/pagination";
import { enqueue } from "@/lib/jobs/queue";
import type { WebhookDeliveryResponse } from "./api-schemas";
import { sampleWebhookEvent, WEBHOOK_EVENT_TYPES, type WebhookEnvelope, type WebhookEventType } from "./catalog";
import { findWebhookEndpoint } from "./endpoints";

const deliveryFields = {
  id: true,
  state: true,
  attempts: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  responseStatus: true,
  responseBody: true,
  error: true,
  createdAt: true,
  event: { select: { id: true, type: true } },
} as const;

type DeliveryRow = Awaited<ReturnType<typeof db.webhookDelivery.findFirstOrThrow<{ select: typeof deliveryFields }>>>;

export function presentDelivery(row: DeliveryRow): WebhookDeliveryResponse {
  return {
    id: row.id,
    eventId: row.event.id,
    eventType: row.event.type as WebhookEventType,
    state: row.state as WebhookDeliveryResponse["state"],
    attempts: row.attempts,
    nextAttemptAt: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

/** An endpoint's delivery log, newest first, one page at a time. */
export async function listWebhookDeliveries(
  organizationId: string,
  endpointId: string,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<Page<WebhookDeliveryResponse>> {
  const endpoint = await findWebhookEndpoint(organizationId, endpointId);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id, ...afterCursor("createdAt", cursor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: deliveryFields,
  });
  return toPage(rows, limit, (row) => ({ at: row.createdAt, id: row.id }), presentDelivery);
}

/**
 * Sends an event to its endpoint again now, as one more attempt (the log keeps counting); the
 * same event id, so a receiver that already has it can tell. Refused while the endpoint is off.
 */
export async function redeliverWebhook(organizationId: string, endpointId: string, deliveryId: string, now = new Date()): Promise<WebhookDeliveryResponse> {
  const found = isId(deliveryId) && isId(endpointId)
    ? await db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId, endpoint: { organizationId } }, select: { endpoint: { select: { enabled: true } } } })
    : null;
  if (!found) throw new AppError("not_found", "Delivery not found");
  if (!found.endpoint.enabled) throw new AppError("conflict", "The endpoint is turned off: turn it on to send to it again");
  const updated = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, state: { not: "sending" } },
    data: { state: "pending", nextAttemptAt: now, leaseUntil: null },
  });
  if (updated.count === 0) throw new AppError("conflict", "This delivery is being sent right now");
  await enqueue("webhooks.deliver", { deliveryId });
  return presentDelivery(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: deliveryFields }));
}

/**
 * What deliveries of this type look like, for an integration's "test trigger" step: the
 * organization's latest real events of the type (up to 3), or the made-up one when there are none.
 */
export async function webhookSamples(organizationId: string, type: string): Promise<WebhookEnvelope[]> {
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) {
    throw new AppError("not_found", `No event type "${type.slice(0, 60)}"; the types are ${WEBHOOK_EVENT_TYPES.join(", ")}`);
  }
  const recent = await db.webhookEvent.findMany({ where: { organizationId, type }, orderBy: { createdAt: "desc" }, take: 3, select: { payload: true } });
  if (recent.length > 0) return recent.map((event) => JSON.parse(event.payload) as WebhookEnvelope);
  return [sampleWebhookEvent(type as WebhookEventType, organizationId, env().BASE_URL)];
}
