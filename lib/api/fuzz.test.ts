import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runBulkJob } from "@/lib/issuing/bulk/run-job";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { createApiKey } from "./keys";
import { EXAMPLE_IDS, operations, type Operation } from "./operations";
import { API_SCOPES } from "./scopes";

/**
 * Property-based fuzzing of every REST API operation (the operations table), called in-process
 * with a real key: bodies, path parameters and query strings carrying NUL, lone surrogates, huge
 * and tiny numbers, dates at and past the bounds, deep nesting and wrong types. Nothing may answer
 * 5xx, every refusal has the `{ error: { code, message, details } }` shape, and a refused request
 * writes nothing (the organization's row counts are compared before and after each request).
 */

type RouteHandler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;
type RouteModule = Partial<Record<string, RouteHandler>>;

const routeFiles = import.meta.glob<RouteModule>("/app/api/v1/**/route.ts");
const toOpenApiPath = (file: string) => file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}");

async function handlerFor(op: Operation): Promise<RouteHandler> {
  for (const [file, load] of Object.entries(routeFiles)) {
    if (toOpenApiPath(file) === op.path) return (await load())[op.method]!;
  }
  throw new Error(`no route file for ${op.path}`);
}

// Runs per operation: with the set-up and the row counts, the whole file takes well under a minute.
// FUZZ_SCALE=10 for a longer search on a developer's machine.
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = { body: 50 * SCALE, params: 25 * SCALE, query: 30 * SCALE };
// A key makes at most 600 requests a minute (lib/api/handler.ts); a fresh key every 400 stays under it.
const REQUESTS_PER_KEY = 400;

const tally = { requests: 0, byClass: {} as Record<string, number>, serverErrors: [] as string[], writesOnRefusal: [] as string[] };

// ---- nasty values -------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const poison = fc.constantFrom("\u0000", "\uD800", "\uDFFF", "\uDBFF\u0000", "%00", "%", "%E0%A4%A", "\\u0000", "\u202E", "\uFEFF", "\r\n");
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 12 }), fc.oneof(poison, loneSurrogate), fc.string({ maxLength: 12 })).map((parts) => parts.join("")),
  fc.constantFrom("", " ", "x".repeat(20_001), "😀".repeat(30), `${"a".repeat(39)}😀`, "javascript:alert(1)", "https://example.org/\u0000", "ACHIEVEMENT_ID"),
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, 5e-324, -0, 0, 1, -1, 3650, 3651, 0.5),
);
const dateAtBounds = fc.constantFrom(
  "1899-12-31", "1900-01-01", "9999-12-31", "10000-01-01", "20260-01-15", "0000-01-01", "+020260-01-15T00:00:00Z",
  "1900-01-01T00:00:00+00:01", "9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59-01:00", "2026-02-30", "2026-01-15T24:00:00Z",
  null, true, false, 0, -1, 1e15, 8.64e15 + 1, "",
);
const deepNesting = fc.tuple(fc.integer({ min: 50, max: 1500 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = "\u0000";
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  // Printed short when reported (fast-check's printer recurses); JSON.stringify ignores the symbol.
  Object.defineProperty(value, fc.toStringMethod, { value: () => `${asArray ? "array" : "object"} nested ${depth} deep`, enumerable: false });
  return value;
});
const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 3 }), fc.array(nastyString, { maxLength: 3 }), fc.dictionary(nastyString, nastyString, { maxKeys: 3 }));
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(nastyString, nastyNumber, dateAtBounds, wrongType, deepNesting);

// ---- bodies: a valid body with one or more places replaced ----------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON value a fuzzer may replace: existing keys and indexes, and new keys. */
function places(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = [path];
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...places(item, [...path, i])));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) found.push(...places(item, [...path, key]));
    found.push([...path, "unexpected"]);
  }
  return found;
}

/** `body` with the value at `path` replaced; copies only along the path, so tagged values keep their tags. */
function replaced(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const node = body && typeof body === "object" ? (body as Record<string | number, unknown>) : {};
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  copy[head] = replaced(node[head], rest, value);
  return copy;
}

function mutatedBody(valid: Json): fc.Arbitrary<{ body: unknown; raw?: string }> {
  const spots = places(valid);
  const oneSpot = fc.tuple(fc.constantFrom(...spots), nastyValue).map(([path, value]) => ({ body: replaced(valid, path, value) }));
  const twoSpots = fc
    .tuple(fc.constantFrom(...spots), nastyValue, fc.constantFrom(...spots), nastyValue)
    .map(([a, first, b, second]) => ({ body: replaced(replaced(valid, a, first), b, second) }));
  const raw = fc.constantFrom("{", "[1,", "1e999", '{"a":1e999}', "-0", "null", "[]", '"\\u0000"', '{"validFrom":"\\ud800"}', "\u0000", "  ").map((text) => ({ body: undefined, raw: text }));
  return fc.oneof({ arbitrary: oneSpot, weight: 6 }, { arbitrary: twoSpots, weight: 2 }, { arbitrary: raw, weight: 1 }, { arbitrary: wrongType.map((body) => ({ body })), weight: 1 });
}

// ---- the organization and its row counts ---------------------------------------------------

let org: { id: string };
let ids: { achievement: string; credential: string; job: string; program: string; rule: string; webhook: string; delivery: string };
let keyState = { key: "", used: 0 };

async function key(): Promise<string> {
  if (!keyState.key || keyState.used >= REQUESTS_PER_KEY) {
    keyState = { key: (await createApiKey(org.id, { name: `fuzz ${tally.requests}`, scopes: [...API_SCOPES] })).plaintext, used: 0 };
  }
  keyState.used++;
  return keyState.key;
}

type Counts = Record<string, number>;
let lastCounts: Counts | null = null;

async function counts(): Promise<Counts> {
  const [row] = await db.$queryRaw<Counts[]>`
    SELECT
      (SELECT count(*) FROM "Credential" WHERE "organizationId" = ${org.id})::int AS credentials,
      (SELECT count(*) FROM "Achievement" WHERE "organizationId" = ${org.id})::int AS achievements,
      (SELECT count(*) FROM "AchievementVersion" v JOIN "Achievement" a ON a.id = v."achievementId" WHERE a."organizationId" = ${org.id})::int AS "achievementVersions",
      (SELECT count(*) FROM "BulkJob" WHERE "organizationId" = ${org.id})::int AS "bulkJobs",
      (SELECT count(*) FROM "BulkRow" r JOIN "BulkJob" j ON j.id = r."jobId" WHERE j."organizationId" = ${org.id})::int AS "bulkRows",
      (SELECT count(*) FROM "CredentialEvent" WHERE "organizationId" = ${org.id})::int AS events,
      (SELECT count(*) FROM "IdempotencyRecord" WHERE "organizationId" = ${org.id})::int AS "idempotencyRecords",
      (SELECT count(*) FROM "AuditLog" WHERE "organizationId" = ${org.id} AND action <> 'api_key.created')::int AS audit,
      (SELECT coalesce(sum(issued), 0) FROM "IssuanceUsage" WHERE "organizationId" = ${org.id})::int AS "quotaUsed",
      (SELECT coalesce(sum(allocated), 0) FROM "StatusList" WHERE "organizationId" = ${org.id})::int AS "statusSlots",
      (SELECT count(*) FROM "Credential" WHERE "organizationId" = ${org.id} AND "revokedAt" IS NOT NULL)::int AS revoked,
      (SELECT count(*) FROM "Program" WHERE "organizationId" = ${org.id})::int AS programs,
      (SELECT coalesce(sum(length(p.name) + length(p.description) + length(coalesce(p."enrolUrl", '')) + length(p.visibility)), 0) FROM "Program" p WHERE p."organizationId" = ${org.id})::int AS "programText",
      (SELECT count(*) FROM "ProgramMetric" m JOIN "Program" p ON p.id = m."programId" WHERE p."organizationId" = ${org.id})::int AS "programMetrics",
      (SELECT count(*) FROM "ProgramRule" WHERE "organizationId" = ${org.id} AND "deletedAt" IS NULL)::int AS "programRules",
      (SELECT count(*) FROM "ProgramEvent" WHERE "organizationId" = ${org.id})::int AS "programEvents",
      (SELECT count(*) FROM "ProgramJob" WHERE "organizationId" = ${org.id})::int AS "programJobs",
      (SELECT count(*) FROM "WebhookEndpoint" WHERE "organizationId" = ${org.id})::int AS webhooks,
      (SELECT coalesce(sum(length(e.url) + length(e.description) + cardinality(e.events) + e.enabled::int + length(e."secretEncrypted")), 0) FROM "WebhookEndpoint" e WHERE e."organizationId" = ${org.id})::int AS "webhookSettings",
      (SELECT count(*) FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId" WHERE e."organizationId" = ${org.id} AND d.state = 'failed')::int AS "failedDeliveries",
      (SELECT count(*) FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId" WHERE e."organizationId" = ${org.id})::int AS deliveries`;
  return row;
}

/** Sends one request, checks the answer and, when it was refused, that nothing was written. */
async function probe(op: Operation, label: string, input: { path: string; params?: Record<string, string>; body?: unknown; raw?: string; idempotencyKey?: string }) {
  const handler = await handlerFor(op);
  const bearer = await key();
  const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
  const hasBody = input.raw !== undefined || input.body !== undefined;
  if (hasBody) headers["content-type"] = "application/json";
  if (input.idempotencyKey) headers["idempotency-key"] = input.idempotencyKey;
  // Counted after every request, so the counts after the previous one are the counts before this one.
  const before = lastCounts ?? (await counts());
  const response = await handler(
    new Request(`http://localhost${input.path}`, { method: op.method, headers, body: hasBody ? (input.raw ?? JSON.stringify(input.body)) : undefined }),
    { params: Promise.resolve(input.params ?? {}) as Promise<never> },
  );
  const text = await response.text();
  tally.requests++;
  const statusClass = `${String(response.status)[0]}xx`;
  tally.byClass[statusClass] = (tally.byClass[statusClass] ?? 0) + 1;
  const shown = `${op.method} ${input.path.slice(0, 80)} ${label} → ${response.status} ${text.slice(0, 200)}`;
  if (response.status >= 500) tally.serverErrors.push(shown);
  const after = await counts();
  lastCounts = after;
  expect(response.status, shown).toBeLessThan(500);
  if (response.status >= 400) {
    const answer = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    expect(typeof answer.error?.code, shown).toBe("string");
    expect(typeof answer.error?.message, shown).toBe("string");
    expect(typeof answer.error?.details, shown).toBe("object");
    if (JSON.stringify(after) !== JSON.stringify(before)) tally.writesOnRefusal.push(`${shown} ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    expect(after, shown).toEqual(before);
  }
}

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

describe("fuzzing the REST API", () => {
  beforeAll(async () => {
    const owner = await createUser();
    const created = await createOrgWith([{ userId: owner.id, role: "owner" }], "Fuzz Academy");
    await db.organization.update({ where: { id: created.id }, data: { plan: "business", subscriptionStatus: "active" } });
    org = created;
    const achievementsPost = await handlerFor(operations.createAchievement);
    const bearer = await key();
    const post = (handler: RouteHandler, path: string, body: unknown) =>
      handler(new Request(`http://localhost${path}`, { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({}) as Promise<never> }).then((r) => r.json());
    const achievement = await post(achievementsPost, "/api/v1/achievements", { ...operations.createAchievement.example, expiresAfter: { value: 3650, unit: "days" } });
    const credential = await post(await handlerFor(operations.createCredential), "/api/v1/credentials", { achievementId: achievement.id, recipient: { email: uniqueEmail("fuzz") } });
    const job = await post(await handlerFor(operations.bulkIssueCredentials), "/api/v1/credentials/bulk", { achievementId: achievement.id, recipients: [{ email: uniqueEmail("fuzz") }] });
    // Finished before fuzzing: a queue worker of another test file running it midway would write
    // this organization's rows while a refused request is being checked for writes.
    await runBulkJob(job.job.id);
    for (let waited = 0; (await db.bulkJob.findUniqueOrThrow({ where: { id: job.job.id } })).status !== "completed"; waited += 100) {
      if (waited > 30_000) throw new Error("the fuzz organization's bulk job did not complete");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const program = await post(await handlerFor(operations.createProgram), "/api/v1/programs", operations.createProgram.example);
    const rulePost = await handlerFor(operations.addProgramRule);
    const rule = await rulePost(
      new Request(`http://localhost/api/v1/programs/${program.id}/rules`, { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: JSON.stringify({ ...operations.addProgramRule.example, achievementId: achievement.id }) }),
      { params: Promise.resolve({ id: program.id }) as Promise<never> },
    ).then((r) => r.json());
    const webhook = await post(await handlerFor(operations.createWebhook), "/api/v1/webhooks", operations.createWebhook.example);
    // A delivered event, for the delivery log and redelivery.
    const event = await db.webhookEvent.create({ data: { id: `msg_fuzz_${webhook.id}`, organizationId: org.id, type: "credential.issued", payload: "{}" } });
    const delivery = await db.webhookDelivery.create({ data: { eventId: event.id, endpointId: webhook.id, state: "succeeded", attempts: 1, responseStatus: 200 } });
    ids = { achievement: achievement.id, credential: credential.id, job: job.job.id, program: program.id, rule: rule.id, webhook: webhook.id, delivery: delivery.id };
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  afterAll(() => {
    // The note's figures: how many requests were tried, how they were answered.
    console.info(`API fuzz: ${tally.requests} requests, by status ${JSON.stringify(tally.byClass)}, 5xx: ${tally.serverErrors.length}, rows written on refused requests: ${tally.writesOnRefusal.length}`);
  });

  /** The real record each path parameter of an operation names. */
  const realParams = (name: string, op: Operation): Record<string, string> => {
    const params: Record<string, string> = {};
    if (op.path.includes("{id}")) {
      params.id = op.path.startsWith("/api/v1/programs") ? ids.program : op.path.startsWith("/api/v1/webhooks") ? ids.webhook : ({ getAchievement: ids.achievement, getJob: ids.job }[name] ?? ids.credential);
    }
    if (op.path.includes("{deliveryId}")) params.deliveryId = ids.delivery;
    if (op.path.includes("{type}")) params.type = "credential.issued";
    if (op.path.includes("{ruleId}")) params.ruleId = ids.rule;
    return params;
  };
  const pathOf = (op: Operation, params: Record<string, string>) => op.path.replace(/\{(\w+)\}/g, (_match, param: string) => encodeURIComponent(params[param].replace(/[\uD800-\uDFFF]/g, "x")));

  const withBodies = (Object.entries(operations) as [string, Operation][]).filter(([, op]) => op.body);
  for (const [name, op] of withBodies) {
    it(`${name}: no body makes it answer 5xx or write on refusal`, async () => {
      const example = JSON.stringify(op.example ?? {}).replaceAll("ACHIEVEMENT_ID", ids.achievement).replaceAll(EXAMPLE_IDS.achievement, ids.achievement).replaceAll(EXAMPLE_IDS.program, ids.program);
      const valid = JSON.parse(example) as Json;
      const params = realParams(name, op);
      const path = pathOf(op, params);
      await fc.assert(
        fc.asyncProperty(mutatedBody(valid), fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/), { freq: 5 }), async (input, idempotencyKey) => {
          await probe(op, show(input.raw ?? input.body), { path, params, ...input, idempotencyKey: idempotencyKey?.trim() || undefined });
        }),
        { numRuns: RUNS.body },
      );
    }, 60_000 * SCALE);
  }

  // Each path parameter of each operation in turn, the others naming their real record.
  const withIds = (Object.entries(operations) as [string, Operation][]).flatMap(([name, op]) => [...op.path.matchAll(/\{(\w+)\}/g)].map(([, param]) => [name, op, param] as const));
  for (const [name, op, param] of withIds) {
    it(`${name}: no ${param} path parameter makes it answer 5xx`, async () => {
      const real = realParams(name, op)[param];
      const id = fc.oneof(nastyString, fc.uuid(), fc.constant(real), fc.constant(`${real}\u0000`), fc.constant(`${real}%`), fc.constant(real.toUpperCase()));
      await fc.assert(
        fc.asyncProperty(id, async (value) => {
          const params = { ...realParams(name, op), [param]: value };
          await probe(op, show(value), { path: pathOf(op, params), params, body: op.body ? { reason: "fuzz" } : undefined });
        }),
        { numRuns: RUNS.params },
      );
    }, 60_000 * SCALE);
  }

  const withQueries = (Object.entries(operations) as [string, Operation][]).filter(([, op]) => op.query);
  for (const [name, op] of withQueries) {
    it(`${name}: no query string makes it answer 5xx`, async () => {
      const names = ["limit", "cursor", "status", "achievementId", "from", "to", "email", "programId", "archived", "unexpected"];
      const value = fc.oneof(nastyString, nastyNumber.map(String), dateAtBounds.map(String), fc.constantFrom("issued", "revoked", "bogus", ids.achievement, ids.program, "learner@example.com", "true", "1", "200", "201", "1e308", "NaN", "-1"));
      const query = fc.array(fc.tuple(fc.constantFrom(...names), value), { minLength: 1, maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(query, async (pairs) => {
          const search = new URLSearchParams(pairs.map(([key, text]) => [key, text.replace(/[\uD800-\uDFFF]/g, "\u0000")]));
          await probe(op, show(pairs), { path: `${op.path}?${search}` });
        }),
        { numRuns: RUNS.query },
      );
    }, 60_000 * SCALE);
  }

  it("tried enough requests and found no 5xx and no write on refusal", () => {
    const expected = withBodies.length * RUNS.body + withIds.length * RUNS.params + withQueries.length * RUNS.query;
    expect(tally.requests).toBeGreaterThanOrEqual(expected);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.writesOnRefusal).toEqual([]);
  });
});
