// The names of the webhook event types alone, for code that must stay light (the dashboard's
// client components); lib/webhooks/catalog.ts describes each one.
export const WEBHOOK_EVENT_TYPES = [
  "credential.issued",
  "credential.claimed",
  "credential.declined",
  "credential.revoked",
  "credential.expired",
  "credential.shared",
  "bulk_job.completed",
  "program.joined",
  "program.level_reached",
  "award.pending_quota",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The message key of an event type (dots are nesting in message keys): webhooks.eventTypes.<key>. */
export const eventMessageKey = (type: string) => type.replace(/\./g, "_");
