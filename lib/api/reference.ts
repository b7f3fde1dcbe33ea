import { env } from "@/lib/env";
import { API_RATE_LIMIT } from "./handler";
import { jsonSchemaOf } from "./openapi";
import { operations, type Operation, type OperationId } from "./operations";

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[]; format?: string; description?: string; anyOf?: JsonSchema[] };

export type ReferenceField = { name: string; type: string; required: boolean; description?: string };
export type ReferenceEndpoint = {
  id: string;
  method: Operation["method"];
  path: string;
  summary: string;
  description?: string;
  /** null: public, no key needed. */
  scope: string | null;
  parameters: ReferenceField[];
  bodyFields: ReferenceField[];
  responseFields: ReferenceField[];
  curl: string;
};

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.type === "array") return `${schema.items ? typeOf(schema.items) : "any"}[]`;
  if (schema.type === "object" && schema.properties) return `{ ${Object.keys(schema.properties).join(", ")} }`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

function fieldsOf(schema: JsonSchema | undefined): ReferenceField[] {
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeOf(property),
    required: schema?.required?.includes(name) ?? false,
    description: property.description,
  }));
}

/** A curl line for the operation; path parameters from `params`, else a NAME placeholder. */
function curlFor(operation: Operation, params: Record<string, string> = {}): string {
  const url = `${env().BASE_URL}${operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => params[name] ?? name.toUpperCase())}`;
  const lines = [`curl${operation.method === "GET" ? "" : ` -X ${operation.method}`} "${url}"`, ...(operation.scope ? [`  -H "Authorization: Bearer $LAUREL_API_KEY"`] : [])];
  if (operation.body) {
    lines.push(`  -H "Content-Type: application/json"`);
    if (operation.method === "POST" && operation.scope) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
    lines.push(`  -d '${JSON.stringify(operation.example ?? {})}'`);
  }
  return lines.join(" \\\n");
}

/** The reference's curl example of one operation (its `example` as the body), e.g. for the integrations guide. */
export function curlExample(id: OperationId, params: Record<string, string> = {}): string {
  return curlFor(operations[id], params);
}

/** The API reference page's content, generated from the same operations as the OpenAPI document. */
export function apiReference(): { rateLimit: number; endpoints: ReferenceEndpoint[] } {
  const endpoints = (Object.entries(operations) as [string, Operation][]).map(([id, operation]) => {
    const response = (operation.response ? jsonSchemaOf(operation.response, "output") : {}) as JsonSchema;
    const item = response.properties?.data?.items;
    return {
      id,
      method: operation.method,
      path: operation.path,
      summary: operation.summary,
      description: operation.description,
      scope: operation.scope ?? null,
      parameters: [
        ...[...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, type: "string (path)", required: true })),
        ...fieldsOf(operation.query ? (jsonSchemaOf(operation.query, "input") as JsonSchema) : undefined),
      ],
      bodyFields: fieldsOf(operation.body ? (jsonSchemaOf(operation.body, "input") as JsonSchema) : undefined),
      responseFields: fieldsOf(item ?? response),
      curl: curlFor(operation),
    };
  });
  return { rateLimit: API_RATE_LIMIT.limit, endpoints };
}
