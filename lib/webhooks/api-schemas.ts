// The webhook endpoints' request and answer shapes, free of server imports: the OpenAPI document,
// the reference page and the dashboard's forms read them too.
import { z } from "zod";
import { isSafeText, UNSAFE_TEXT_CODE } from "@/lib/text";
import { paginationSchema } from "@/lib/api/pagination";
import { WEBHOOK_EVENT_TYPES } from "./catalog";

export const MAX_WEBHOOK_URL_LENGTH = 2000;
export const MAX_ENDPOINTS_PER_ORGANIZATION = 20;

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(MAX_WEBHOOK_URL_LENGTH, "too_long")
  .refine(isSafeText, UNSAFE_TEXT_CODE)
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "url_invalid")
  .describe("Where the events are POSTed: https, on a public internet address");

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "required")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)])
  .describe("The event types it receives");

/** POST /api/v1/webhooks */
export const webhookCreateBodySchema = z
  .object({
    url: webhookUrlSchema,
    events: eventsSchema,
    description: z.string().trim().max(200, "too_long").refine(isSafeText, UNSAFE_TEXT_CODE).optional().describe("A note for the people who manage it"),
  })
  .strict();

/** PATCH /api/v1/webhooks/{id}: turn it on or off, change what it receives or where. */
export const webhookUpdateBodySchema = z
  .object({
    url: webhookUrlSchema.optional(),
    events: eventsSchema.optional(),
    description: z.string().trim().max(200, "too_long").refine(isSafeText, UNSAFE_TEXT_CODE).optional(),
    enabled: z.boolean().optional().describe("false stops deliveries; true turns it back on (also after it was turned off for failing)"),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "empty_patch" });

export const webhookEndpointResponseSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  disabledReason: z.enum(["manual", "failing"]).nullable().describe("failing: turned off after 3 days of failed deliveries"),
  failingSince: z.string().nullable().describe("The first failure of the current run of failed deliveries"),
  createdAt: z.string(),
});

export const webhookCreatedResponseSchema = webhookEndpointResponseSchema.extend({
  secret: z.string().describe("whsec_…: verify each delivery's webhook-signature with it. Shown only now"),
});

export const webhookSecretResponseSchema = z.object({
  secret: z.string().describe("The new whsec_… secret, shown only now"),
  previousSecretExpiresAt: z.string().describe("Until then deliveries carry signatures by both secrets"),
});

export const webhookDeliveryResponseSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  state: z.enum(["pending", "sending", "succeeded", "failed"]).describe("pending: waiting for its next attempt"),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable().describe("The first kilobyte of the endpoint's answer"),
  error: z.string().nullable(),
  createdAt: z.string(),
});

export const webhookListResponseSchema = z.object({ data: z.array(webhookEndpointResponseSchema) });

export const webhookSampleResponseSchema = z.array(
  z.object({
    id: z.string(),
    type: z.enum(WEBHOOK_EVENT_TYPES),
    version: z.number().int(),
    timestamp: z.string(),
    organizationId: z.string(),
    data: z.record(z.string(), z.unknown()).describe("As in the event's schema (see the webhooks section)"),
  }),
);

export const webhookDeliveryListQuerySchema = paginationSchema.extend({ limit: z.coerce.number().int().min(1).max(100).default(25) });

export type WebhookCreateBody = z.infer<typeof webhookCreateBodySchema>;
export type WebhookUpdateBody = z.infer<typeof webhookUpdateBodySchema>;
export type WebhookEndpointResponse = z.infer<typeof webhookEndpointResponseSchema>;
export type WebhookDeliveryResponse = z.infer<typeof webhookDeliveryResponseSchema>;
