import { env } from "@/lib/env";
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from "./idempotency-header";
import { responseExample } from "./examples";
import { FIELD_GROUPS, HEADER_GROUP, PATH_GROUP, describeField, operationText, withDescriptions } from "./field-docs";
import { jsonSchemaOf } from "./openapi-schema";
import { operations, type Operation, type OperationId } from "./operations";
import { errorResponseSchema } from "./schemas";
import { sampleWebhookEvent, WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, webhookEnvelopeSchema } from "@/lib/webhooks/catalog";

type JsonSchema = Record<string, unknown>;

export { jsonSchemaOf };

const errorRef = { $ref: "#/components/schemas/Error" };
const ERROR_RESPONSES: Record<string, string> = {
  "400": "The body is not valid JSON (invalid_json)",
  "401": "Missing, unknown or revoked API key (unauthorized)",
  "402": "The organization's plan does not allow it: the API or a feature is not in the plan, or this month's credential quota is used up (payment_required; details.limit is feature, monthly_credentials or members, with details.plan and details.upgradeUrl)",
  "403": "The key lacks the scope this operation needs (forbidden; details.requiredScope)",
  "404": "No such resource in this organization (not_found)",
  "409": "The request conflicts with the current state: already revoked, archived achievement, a rule that already awards the achievement, a metric in use, or a request with the same Idempotency-Key still running (conflict)",
  "413": "The body is too large (payload_too_large)",
  "415": "The body is not JSON (unsupported_media_type)",
  "422": "Invalid input, with one entry per field in details (validation_failed), or an Idempotency-Key reused with another request (idempotency_key_reused)",
  "429": "Too many requests for this key; see Retry-After (rate_limited)",
};

/** The resource a path belongs to, `/api/v1/programs/{id}/rules` → `programs`: its path parameters are described under it. */
export const resourceOf = (path: string) => path.split("/")[3];

function parametersOf(id: OperationId, operation: Operation): object[] {
  const parameters: object[] = [];
  for (const [, name] of operation.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name, in: "path", required: true, description: describeField("en", PATH_GROUP, [resourceOf(operation.path), name]), schema: { type: "string" } });
  }
  if (operation.query) {
    const group = FIELD_GROUPS[id].query!;
    const query = jsonSchemaOf(operation.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const description = describeField("en", group, [name]);
      parameters.push({ name, in: "query", required: query.required?.includes(name) ?? false, description, schema: { ...schema, description } });
    }
  }
  // Public operations change nothing, so they need no key to make a retry safe.
  if (operation.method === "POST" && operation.scope) {
    parameters.push({
      name: IDEMPOTENCY_HEADER,
      in: "header",
      required: false,
      description: describeField("en", HEADER_GROUP, [IDEMPOTENCY_HEADER]),
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return parameters;
}

/** An operation's request body schema as documented: the zod schema its handler parses, each field described. */
export function documentedBodySchema(id: OperationId): JsonSchema | undefined {
  const operation: Operation = operations[id];
  return operation.body ? withDescriptions(jsonSchemaOf(operation.body, "input"), FIELD_GROUPS[id].body!) : undefined;
}

/** An operation's answer schema as documented, each field described. */
export function documentedResponseSchema(id: OperationId): JsonSchema | undefined {
  const operation: Operation = operations[id];
  return operation.response ? withDescriptions(jsonSchemaOf(operation.response, "output"), FIELD_GROUPS[id].response!) : undefined;
}

function operationObject(id: OperationId, operation: Operation): object {
  const errors = Object.fromEntries(
    Object.entries(ERROR_RESPONSES)
      .filter(([status]) => operation.body !== undefined || !["400", "409", "413", "415"].includes(status))
      .map(([status, description]) => [status, { description, content: { "application/json": { schema: errorRef } } }]),
  );
  const { summary, description } = operationText("en", id);
  const example = responseExample(id);
  return {
    operationId: id,
    summary,
    description,
    ...(operation.scope ? { "x-required-scope": operation.scope, security: [{ bearerAuth: [operation.scope] }] } : { security: [] }),
    parameters: parametersOf(id, operation),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: documentedBodySchema(id), ...(operation.example ? { example: operation.example } : {}) } },
          },
        }
      : {}),
    responses: {
      [String(operation.successStatus)]: {
        description: operation.response ? "Success" : "Done (no body)",
        ...(operation.method === "POST" && operation.scope
          ? { headers: { [REPLAYED_HEADER]: { description: "true when this is the stored answer to an earlier request with the same Idempotency-Key", schema: { type: "string" } } } }
          : {}),
        ...(operation.response ? { content: { "application/json": { schema: documentedResponseSchema(id), ...(example === undefined ? {} : { example }) } } } : {}),
      },
      ...errors,
    },
  };
}

const WEBHOOK_HEADERS = [
  { name: "webhook-id", description: "The event's id (the same on every retry: deduplicate on it)" },
  { name: "webhook-timestamp", description: "When this attempt was signed, in seconds since 1970; refuse one more than 5 minutes away from your clock" },
  {
    name: "webhook-signature",
    description: "v1,<base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the secret's bytes>; two, space-separated, for 24 hours after a secret rotation. Verify with any Standard Webhooks library.",
  },
];

/**
 * The events Laurel POSTs to subscribed endpoints (OpenAPI 3.1 `webhooks`), one per type, each
 * with its body's schema and an example.
 */
function webhooksSection(baseUrl: string): Record<string, object> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook.${type}`,
          summary: type,
          description: `${WEBHOOK_EVENTS[type].description} Subscribe with POST /api/v1/webhooks.`,
          parameters: WEBHOOK_HEADERS.map((header) => ({ ...header, in: "header", required: true, schema: { type: "string" } })),
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchemaOf(webhookEnvelopeSchema(type), "output"), example: sampleWebhookEvent(type, undefined, baseUrl) } },
          },
          responses: {
            "2XX": { description: "Received. Answer within 10 seconds; any other answer, or none, is retried with backoff for about 24 hours" },
          },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of REST API v1, generated from the operations table. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  for (const [id, operation] of Object.entries(operations) as [OperationId, Operation][]) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = operationObject(id, operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Laurel REST API",
      version: "1.0.0",
      description: "Create achievements, issue Open Badges 3.0 credentials, and award them automatically from learners' events through engagement programs. Authenticate with an API key from the dashboard (API keys) as `Authorization: Bearer <key>`. JSON in and out; errors are `{ error: { code, message, details } }`. Learners' wallets and other badge platforms use the separate Open Badges 3.0 API (OAuth 2.0, no API key), described by its own OpenAPI document at /ims/ob/v3p0/discovery.",
    },
    externalDocs: { description: "Integrations guide: webhooks, no-code tools, and the Open Badges 3.0 API for wallets", url: `${env().BASE_URL.replace(/\/$/, "")}/docs/integrations` },
    servers: [{ url: env().BASE_URL }],
    security: [{ bearerAuth: [] }],
    paths,
    webhooks: webhooksSection(env().BASE_URL),
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key, e.g. lrl_live_…" } },
      schemas: { Error: jsonSchemaOf(errorResponseSchema, "output") },
    },
  };
}
