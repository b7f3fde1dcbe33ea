import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFromZod } from "@/lib/errors";
import { db } from "@/lib/db";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { createApiKey } from "./keys";
import { jsonSchemaOf, openApiDocument } from "./openapi";
import { FIELD_GROUPS, withDescriptions } from "./field-docs";
import { operations, type Operation, type OperationId } from "./operations";
import { API_SCOPES } from "./scopes";
import { WEBHOOK_EVENT_TYPES, webhookEnvelopeSchema } from "@/lib/webhooks/catalog";

type RouteHandler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;
type RouteModule = Partial<Record<string, RouteHandler>>;

// Every route file of the API, as Next.js serves them (the OpenAPI document itself aside).
const routeFiles = import.meta.glob<RouteModule>("/app/api/v1/**/route.ts");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

const toOpenApiPath = (file: string) =>
  file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}");

async function routes() {
  const found: { path: string; module: RouteModule }[] = [];
  for (const [file, load] of Object.entries(routeFiles)) {
    const path = toOpenApiPath(file);
    if (path === "/api/v1/openapi.json") continue;
    found.push({ path, module: await load() });
  }
  return found;
}

type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object; example?: unknown }> }; parameters: { name: string; in: string }[]; security?: unknown[] }>> };
const doc = openApiDocument() as unknown as Doc;
const entries = Object.entries(operations) as [string, Operation][];
const operationFor = (path: string, method: string) => entries.find(([, op]) => op.path === path && op.method === method);

const MISSING_ID = "c000000000000000000000000";

function call(handler: RouteHandler, op: Operation, key: string, { body, query = "" }: { body?: unknown; query?: string } = {}) {
  // An id of the right shape that matches nothing (a malformed one is refused before the body is read).
  const path = op.path.replace(/\{(\w+)\}/g, MISSING_ID);
  const params = Object.fromEntries([...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, MISSING_ID]));
  const request = new Request(`http://localhost${path}${query}`, {
    method: op.method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) as Promise<never> });
}

describe("the OpenAPI document", async () => {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
  // Every feature, so each route reaches its own checks (webhooks are the Business plan's).
  await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
  const allScopes = (await createApiKey(org.id, { name: "all", scopes: [...API_SCOPES] })).plaintext;
  const noScopes = (await createApiKey(org.id, { name: "none", scopes: [] })).plaintext;
  const found = await routes();

  it("is OpenAPI 3.1 with bearer security", () => {
    const full = openApiDocument() as { openapi: string; components: { securitySchemes: Record<string, { scheme: string }> } };
    expect(full.openapi).toBe("3.1.0");
    expect(full.components.securitySchemes.bearerAuth.scheme).toBe("bearer");
  });

  it("documents every route file's methods, and nothing that has no route", () => {
    expect(found.length).toBeGreaterThanOrEqual(5);
    const served = found.flatMap(({ path, module }) => HTTP_METHODS.filter((m) => typeof module[m] === "function").map((m) => `${m} ${path}`)).sort();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(served);
  });

  it("describes each request body with exactly the JSON Schema of the zod schema the handler parses", async () => {
    for (const { path, module } of found) {
      for (const method of HTTP_METHODS.filter((m) => module[m])) {
        const [id, op] = operationFor(path, method)!;
        const documented = doc.paths[path][method.toLowerCase()];
        if (!op.body) {
          expect(documented.requestBody, id).toBeUndefined();
          continue;
        }
        // The zod schema's JSON Schema, with each field's description from the reference's catalog.
        expect(documented.requestBody!.content["application/json"].schema, id).toEqual(withDescriptions(jsonSchemaOf(op.body, "input"), FIELD_GROUPS[id as OperationId].body!));
        // Retries of a POST are made safe by the key; PATCH and DELETE are idempotent by nature,
        // and a public POST changes nothing.
        expect(documented.parameters.some((p) => p.name === "Idempotency-Key" && p.in === "header"), id).toBe(method === "POST" && Boolean(op.scope));
        // The handler's own answer to an empty body names the same fields, with the same reasons.
        const response = await call(module[method]!, op, allScopes, { body: {} });
        expect(response.status, id).toBe(422);
        const { error } = (await response.json()) as { error: { details: unknown } };
        expect(error.details, id).toEqual(fieldErrorsFromZod((op.body.safeParse({}) as { error: z.ZodError }).error));
      }
    }
  });

  it("describes each query string with the schema the handler parses", async () => {
    for (const [id, op] of entries.filter(([, op]) => op.query)) {
      const module = found.find((route) => route.path === op.path)!.module;
      const names = doc.paths[op.path][op.method.toLowerCase()].parameters.filter((p) => p.in === "query").map((p) => p.name);
      expect(names.sort(), id).toEqual(Object.keys((jsonSchemaOf(op.query!, "input") as { properties: object }).properties).sort());
      const response = await call(module[op.method]!, op, allScopes, { query: "?limit=0" });
      expect(response.status, id).toBe(422);
      expect(((await response.json()) as { error: { details: object } }).error.details, id).toHaveProperty("limit");
    }
  });

  it("names the scope each handler enforces; a public operation answers without any key", async () => {
    for (const [id, op] of entries.filter(([, op]) => !op.scope)) {
      expect(doc.paths[op.path][op.method.toLowerCase()].security, id).toEqual([]);
      const module = found.find((route) => route.path === op.path)!.module;
      const response = await module[op.method]!(new Request(`http://localhost${op.path}`, { method: op.method, headers: { "content-type": "application/json" }, body: "{}" }), { params: Promise.resolve({}) as Promise<never> });
      expect(response.status, id).toBe(422);
    }
    for (const [id, op] of entries.filter(([, op]) => op.scope)) {
      const module = found.find((route) => route.path === op.path)!.module;
      const response = await call(module[op.method]!, op, noScopes, { body: op.method === "POST" ? {} : undefined });
      expect(response.status, id).toBe(403);
      expect(((await response.json()) as { error: { details: object } }).error.details, id).toEqual({ requiredScope: op.scope });
    }
  });

  it("gives examples that its own schemas accept", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [id, op] of entries.filter(([, op]) => op.body)) {
      const content = doc.paths[op.path][op.method.toLowerCase()].requestBody!.content["application/json"];
      if (!content.example) continue;
      expect(ajv.validate(content.schema, content.example), `${id}: ${ajv.errorsText()}`).toBe(true);
      expect(op.body!.safeParse(content.example).success, id).toBe(true);
    }
  });

  it("documents every webhook event with its headers, its body's schema and an example that fits it", () => {
    const full = openApiDocument() as { webhooks: Record<string, { post: { parameters: { name: string; in: string }[]; requestBody: { content: { "application/json": { schema: object; example: { type: string; data: unknown } } } } } }> };
    expect(Object.keys(full.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const type of WEBHOOK_EVENT_TYPES) {
      const { parameters, requestBody } = full.webhooks[type].post;
      expect(parameters.filter((p) => p.in === "header").map((p) => p.name), type).toEqual(["webhook-id", "webhook-timestamp", "webhook-signature"]);
      const { schema, example } = requestBody.content["application/json"];
      expect(example.type, type).toBe(type);
      expect(ajv.validate(schema, example), `${type}: ${ajv.errorsText()}`).toBe(true);
      // The zod schema deliveries are built from accepts the same example.
      expect(webhookEnvelopeSchema(type).safeParse(example).success, type).toBe(true);
    }
  });
});
