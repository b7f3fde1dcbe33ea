import { env } from "@/lib/env";
import { responseExample } from "./examples";
import { FIELD_GROUPS, HEADER_GROUP, PATH_GROUP, describeField, eachField, operationText, withDescriptions, type DocLocale } from "./field-docs";
import { API_RATE_LIMIT } from "./handler";
import { IDEMPOTENCY_HEADER } from "./idempotency-header";
import { resourceOf } from "./openapi";
import { jsonSchemaOf } from "./openapi-schema";
import { operations, type Operation, type OperationId } from "./operations";

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[]; const?: unknown; format?: string; description?: string; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };

export type ReferenceField = {
  /** As a reader writes it: `recipient.email`, `recipients[].email`. */
  name: string;
  type: string;
  required: boolean;
  description?: string;
  /** Parameters only: where it goes. */
  in?: "path" | "query" | "header";
};
export type ReferenceEndpoint = {
  id: OperationId;
  method: Operation["method"];
  path: string;
  summary: string;
  description: string;
  /** null: public, no key needed. */
  scope: string | null;
  parameters: ReferenceField[];
  bodyFields: ReferenceField[];
  responseFields: ReferenceField[];
  successStatus: Operation["successStatus"];
  curl: string;
  /** The request body example, as pretty JSON. */
  requestExample?: string;
  /** The answer example, as pretty JSON; absent when the answer has no body. */
  responseExample?: string;
};

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeOf))].join(" | ");
  if (schema.type === "array") return `${schema.items ? typeOf(schema.items) : "any"}[]`;
  if (schema.type === "object") return "object";
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

/**
 * Every field of a schema, nested ones included, in the reader's language. A field is required
 * when its own object requires it; a field several alternatives share is listed once.
 */
function fieldsOf(schema: JsonSchema | undefined, group: string, locale: DocLocale): ReferenceField[] {
  if (!schema) return [];
  const fields = new Map<string, ReferenceField>();
  const parents = new Map<JsonSchema, JsonSchema>();
  const described = withDescriptions(schema, group, locale);
  const remember = (node: JsonSchema | undefined) => {
    if (!node || typeof node !== "object") return;
    for (const property of Object.values(node.properties ?? {})) {
      parents.set(property, node);
      remember(property);
    }
    remember(node.items);
    for (const alternative of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) remember(alternative);
  };
  remember(described);
  eachField(described, (path, field, shownAs) => {
    if (fields.has(shownAs)) return;
    const required = parents.get(field)?.required?.includes(path[path.length - 1]) ?? false;
    fields.set(shownAs, { name: shownAs, type: typeOf(field), required, description: field.description });
  });
  return [...fields.values()];
}

const shellQuoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A curl line for the operation; path parameters from `params`, else a NAME placeholder. */
function curlFor(operation: Operation, params: Record<string, string> = {}, { pretty = false } = {}): string {
  const url = `${env().BASE_URL}${operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => params[name] ?? name.toUpperCase())}`;
  const lines = [`curl${operation.method === "GET" ? "" : ` -X ${operation.method}`} "${url}"`, ...(operation.scope ? [`  -H "Authorization: Bearer $LAUREL_API_KEY"`] : [])];
  if (operation.body) {
    lines.push(`  -H "Content-Type: application/json"`);
    if (operation.method === "POST" && operation.scope) lines.push(`  -H "${IDEMPOTENCY_HEADER}: $(uuidgen)"`);
    lines.push(`  -d ${shellQuoted(JSON.stringify(operation.example ?? {}, null, pretty ? 2 : undefined))}`);
  }
  return lines.join(" \\\n");
}

/** The reference's curl example of one operation (its `example` as the body), e.g. for the integrations guide. */
export function curlExample(id: OperationId, params: Record<string, string> = {}): string {
  return curlFor(operations[id], params);
}

/**
 * The API reference page's content in the reader's language, generated from the same operations,
 * descriptions and examples as the OpenAPI document.
 */
export function apiReference(locale: DocLocale = "en"): { rateLimit: number; endpoints: ReferenceEndpoint[] } {
  const endpoints = (Object.entries(operations) as [OperationId, Operation][]).map(([id, operation]): ReferenceEndpoint => {
    const groups = FIELD_GROUPS[id];
    const example = responseExample(id);
    const query = operation.query ? (jsonSchemaOf(operation.query, "input") as JsonSchema) : undefined;
    const parameters: ReferenceField[] = [
      ...[...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, type: "string", required: true, in: "path" as const, description: describeField(locale, PATH_GROUP, [resourceOf(operation.path), name]) })),
      ...fieldsOf(query, groups.query ?? "", locale).map((field) => ({ ...field, in: "query" as const })),
      ...(operation.method === "POST" && operation.scope
        ? [{ name: IDEMPOTENCY_HEADER, type: "string", required: false, in: "header" as const, description: describeField(locale, HEADER_GROUP, [IDEMPOTENCY_HEADER]) }]
        : []),
    ];
    const { summary, description } = operationText(locale, id);
    return {
      id,
      method: operation.method,
      path: operation.path,
      summary,
      description,
      scope: operation.scope ?? null,
      parameters,
      bodyFields: fieldsOf(operation.body ? (jsonSchemaOf(operation.body, "input") as JsonSchema) : undefined, groups.body ?? "", locale),
      responseFields: fieldsOf(operation.response ? (jsonSchemaOf(operation.response, "output") as JsonSchema) : undefined, groups.response ?? "", locale),
      successStatus: operation.successStatus,
      curl: curlFor(operation, {}, { pretty: true }),
      ...(operation.example ? { requestExample: JSON.stringify(operation.example, null, 2) } : {}),
      ...(example === undefined ? {} : { responseExample: JSON.stringify(example, null, 2) }),
    };
  });
  return { rateLimit: API_RATE_LIMIT.limit, endpoints };
}
