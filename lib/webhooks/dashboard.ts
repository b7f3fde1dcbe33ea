import "server-only";
import { db } from "@/lib/db";
import type { WebhookEndpointResponse } from "./api-schemas";
import { findWebhookEndpoint, presentEndpoint } from "./endpoints";

export type EndpointListItem = WebhookEndpointResponse & {
  lastDelivery: { state: string; at: Date; responseStatus: number | null } | null;
};

/** The organization's endpoints for the dashboard, each with its latest delivery. */
export async function listEndpointsWithLastDelivery(organizationId: string): Promise<EndpointListItem[]> {
  const rows = await db.webhookEndpoint.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    include: { deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { state: true, createdAt: true, lastAttemptAt: true, responseStatus: true } } },
  });
  return rows.map(({ deliveries, ...row }) => {
    const last = deliveries[0];
    return { ...presentEndpoint(row), lastDelivery: last ? { state: last.state, at: last.lastAttemptAt ?? last.createdAt, responseStatus: last.responseStatus } : null };
  });
}

export type DeliverySummary = { succeeded: number; failed: number; pending: number };

/** How an endpoint's deliveries of the last 24 hours ended, for the endpoint's page. */
export async function endpointDetail(organizationId: string, endpointId: string, now = new Date()) {
  const endpoint = await findWebhookEndpoint(organizationId, endpointId);
  const counts = await db.webhookDelivery.groupBy({
    by: ["state"],
    where: { endpointId: endpoint.id, createdAt: { gte: new Date(now.getTime() - 24 * 60 * 60 * 1000) } },
    _count: { _all: true },
  });
  const summary: DeliverySummary = { succeeded: 0, failed: 0, pending: 0 };
  for (const { state, _count } of counts) {
    if (state === "succeeded" || state === "failed") summary[state] += _count._all;
    else summary.pending += _count._all;
  }
  return { endpoint: presentEndpoint(endpoint), summary, previousSecretExpiresAt: endpoint.previousSecretExpiresAt };
}
