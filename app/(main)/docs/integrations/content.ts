// What the integrations guide shows, built from the same sources as the API itself: the event
// catalog and its samples, the operations table's examples, the delivery settings. A change to
// any of them changes the guide.
import type { z } from "zod";
import { env } from "@/lib/env";
import { curlExample } from "@/lib/api/reference";
import { operations } from "@/lib/api/operations";
import { sampleWebhookEvent, WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/catalog";
import { eventMessageKey } from "@/lib/webhooks/event-types";
import { MAX_ENDPOINTS_PER_ORGANIZATION, type webhookCreatedResponseSchema } from "@/lib/webhooks/api-schemas";
import { ATTEMPT_TIMEOUT_MS, FAILURE_WINDOW_MS, RETRY_DELAYS_SECONDS, signedHeaders } from "@/lib/webhooks/deliver";
import { SECRET_OVERLAP_MS } from "@/lib/webhooks/endpoints";

const HOUR_MS = 60 * 60 * 1000;

/** The in-page anchor of an event type, e.g. event-credential-issued. */
export const eventAnchor = (type: WebhookEventType) => `event-${type.replace(/[._]/g, "-")}`;

/**
 * The event types: what each means in English (the catalog's words), and the key of its name and
 * explanation in every language (webhooks.eventTypes.<messageKey>, as the dashboard shows them).
 */
export const webhookEventList = () =>
  WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: WEBHOOK_EVENTS[type].description, messageKey: eventMessageKey(type), anchor: eventAnchor(type) }));

export type IntegrationAction = {
  key: "issue" | "revoke" | "events" | "bulk";
  operationId: "createCredential" | "revokeCredential" | "sendEvents" | "bulkIssueCredentials";
  method: string;
  path: string;
  scope: string;
  curl: string;
};

const ACTIONS = [
  { key: "issue", operationId: "createCredential" },
  { key: "revoke", operationId: "revokeCredential", params: { id: "CREDENTIAL_ID" } },
  { key: "events", operationId: "sendEvents" },
  { key: "bulk", operationId: "bulkIssueCredentials" },
] as const satisfies readonly { key: IntegrationAction["key"]; operationId: IntegrationAction["operationId"]; params?: Record<string, string> }[];

/** Verifying with the Standard Webhooks library (what the page shows; nothing runs it here). */
export const NODE_VERIFY_EXAMPLE = `import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.LAUREL_WEBHOOK_SECRET); // "whsec_…"

createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString("utf8");

  let event;
  try {
    event = webhook.verify(body, request.headers);
  } catch {
    response.writeHead(400).end();
    return;
  }
  response.writeHead(204).end();
  await handle(event); // skip event.id if you already handled it
}).listen(3000);`;

/** The same check by hand, with node:crypto. */
export const MANUAL_VERIFY_EXAMPLE = `import { createHmac, timingSafeEqual } from "node:crypto";

function isFromLaurel(secret, headers, body) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 5 * 60) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(\`\${id}.\${timestamp}.\${body}\`).digest();
  return String(headers["webhook-signature"]).split(" ").some((entry) => {
    const [version, signature = ""] = entry.split(",");
    const given = Buffer.from(signature, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}`;

export const SIGNED_CONTENT = "${webhook-id}.${webhook-timestamp}.${body}";

/** A made-up secret for the worked example (32 bytes, as real ones). */
export const EXAMPLE_SECRET = `whsec_${Buffer.from("laurel-docs-example-secret-32-by").toString("base64")}`;

/**
 * A delivery of credential.issued signed with EXAMPLE_SECRET, as the sender signs it: a worked
 * example to check a verifier against.
 */
function signedExample(baseUrl: string) {
  const event = sampleWebhookEvent("credential.issued", undefined, baseUrl);
  const body = JSON.stringify(event);
  const headers = signedHeaders(event.id, body, [EXAMPLE_SECRET], new Date(event.timestamp));
  return { secret: EXAMPLE_SECRET, headers: Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\n"), body };
}

/** The guide's content on this deployment's BASE_URL. */
export function integrationsGuide() {
  const baseUrl = env().BASE_URL;
  const subscribed: z.infer<typeof webhookCreatedResponseSchema> = {
    id: "cexamplewebhook000000000001",
    url: "https://hooks.example.com/laurel",
    description: "CRM sync",
    events: ["credential.issued", "credential.claimed"],
    enabled: true,
    disabledReason: null,
    failingSince: null,
    createdAt: "2026-01-15T10:30:00.000Z",
    secret: EXAMPLE_SECRET,
  };
  return {
    baseUrl,
    events: webhookEventList().map((event) => ({ ...event, sample: JSON.stringify(sampleWebhookEvent(event.type, undefined, baseUrl), null, 2) })),
    paths: {
      webhooks: operations.createWebhook.path,
      webhook: operations.deleteWebhook.path,
      samples: operations.getWebhookSample.path,
      deliveries: operations.listWebhookDeliveries.path,
      rotate: operations.rotateWebhookSecret.path,
    },
    scopes: { read: operations.getWebhookSample.scope, write: operations.createWebhook.scope },
    signedExample: signedExample(baseUrl),
    subscribe: curlExample("createWebhook"),
    subscribed: JSON.stringify(subscribed, null, 2),
    unsubscribe: curlExample("deleteWebhook", { id: subscribed.id }),
    testTrigger: curlExample("getWebhookSample", { type: "credential.issued" }),
    rotate: curlExample("rotateWebhookSecret", { id: subscribed.id }),
    actions: ACTIONS.map(({ key, operationId, ...rest }): IntegrationAction => {
      const operation = operations[operationId];
      return { key, operationId, method: operation.method, path: operation.path, scope: operation.scope, curl: curlExample(operationId, "params" in rest ? rest.params : {}) };
    }),
    delivery: {
      maxEndpoints: MAX_ENDPOINTS_PER_ORGANIZATION,
      timeoutSeconds: ATTEMPT_TIMEOUT_MS / 1000,
      retryDelaysSeconds: [...RETRY_DELAYS_SECONDS],
      attempts: RETRY_DELAYS_SECONDS.length + 1,
      retryHours: Math.round(RETRY_DELAYS_SECONDS.reduce((sum, seconds) => sum + seconds, 0) / 3600),
      failureDays: FAILURE_WINDOW_MS / (24 * HOUR_MS),
      overlapHours: SECRET_OVERLAP_MS / HOUR_MS,
    },
  };
}
