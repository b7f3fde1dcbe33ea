import { describe, expect, it } from "vitest";
import * as credentialsRoute from "@/app/api/v1/credentials/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as progressRoute from "@/app/api/v1/learners/progress/route";
import * as programRoute from "@/app/api/v1/programs/[id]/route";
import * as ruleRoute from "@/app/api/v1/programs/[id]/rules/[ruleId]/route";
import * as rulesRoute from "@/app/api/v1/programs/[id]/rules/route";
import * as programsRoute from "@/app/api/v1/programs/route";
import { createApiKey } from "@/lib/api/keys";
import { API_SCOPES, type ApiScope } from "@/lib/api/scopes";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement, setAchievementArchived } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";
import { setProgramArchived } from "./manage";
import { MAX_EVENTS_PER_REQUEST } from "./schemas";

type Handler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;
type Answer = { status: number; headers: Headers; json: Record<string, any> };

async function call(
  handler: unknown,
  { method = "GET", path, key, body, params = {}, headers = {} }: { method?: string; path: string; key: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> },
): Promise<Answer> {
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await (handler as Handler)(request, { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} };
}

const keyFor = async (organizationId: string, scopes: ApiScope[] = [...API_SCOPES]) => (await createApiKey(organizationId, { name: unique("key"), scopes })).plaintext;

async function achievementOf(organizationId: string, name: string) {
  return createAchievement(organizationId, parseInput(achievementInputSchema, { name, description: `${name}.`, criteria: { narrative: "Do it." } }));
}

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Programs Academy");
  const key = await keyFor(org.id);
  const [bronze, silver, gold, capstone] = await Promise.all(["Bronze", "Silver", "Gold", "Capstone"].map((name) => achievementOf(org.id, name)));
  return { owner, org, key, achievements: { bronze, silver, gold, capstone } };
}

const programBody = {
  name: "Data Academy",
  description: "Learn data skills.",
  metrics: [
    { key: "courses_completed", label: { en: "Courses completed", es: "Cursos completados" } },
    { key: "score", label: "Score", unit: "points", aggregate: "latest" },
  ],
};

const createProgram = (key: string, body: unknown = programBody) => call(programsRoute.POST, { method: "POST", path: "/api/v1/programs", key, body });
const addRule = (key: string, programId: string, body: unknown) =>
  call(rulesRoute.POST, { method: "POST", path: `/api/v1/programs/${programId}/rules`, key, body, params: { id: programId } });
const patchProgram = (key: string, programId: string, body: unknown) =>
  call(programRoute.PATCH, { method: "PATCH", path: `/api/v1/programs/${programId}`, key, body, params: { id: programId } });
const getProgram = (key: string, programId: string) => call(programRoute.GET, { path: `/api/v1/programs/${programId}`, key, params: { id: programId } });
const deleteRule = (key: string, programId: string, ruleId: string) =>
  call(ruleRoute.DELETE, { method: "DELETE", path: `/api/v1/programs/${programId}/rules/${ruleId}`, key, params: { id: programId, ruleId } });
const sendEvents = (key: string, body: unknown, headers: Record<string, string> = {}) => call(eventsRoute.POST, { method: "POST", path: "/api/v1/events", key, body, headers });
const progress = (key: string, query: string) => call(progressRoute.GET, { path: `/api/v1/learners/progress${query}`, key });
const fieldOf = (answer: Answer, field: string) => answer.json.error?.details?.[field]?.code;

describe("the programs API", () => {
  it("creates, lists, gets and changes a program", async () => {
    const { key } = await setup();
    const created = await createProgram(key);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "Data Academy",
      description: "Learn data skills.",
      visibility: "public",
      archived: false,
      rules: [],
      metrics: [
        { key: "courses_completed", label: { en: "Courses completed", es: "Cursos completados" }, aggregate: "sum" },
        { key: "score", label: { en: "Score" }, unit: "points", aggregate: "latest" },
      ],
    });
    const id = created.json.id as string;
    expect(created.json.url).toMatch(new RegExp(`/p/${id}$`));

    const listed = await call(programsRoute.GET, { path: "/api/v1/programs", key });
    expect(listed.status).toBe(200);
    expect(listed.json.data.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await getProgram(key, id)).json).toEqual(created.json);

    // A PATCH changes what it names and nothing else: the metrics and the description stay.
    const renamed = await patchProgram(key, id, { name: "Data Academy 2026", enrolUrl: "https://example.org/join" });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: "Data Academy 2026", description: "Learn data skills.", enrolUrl: "https://example.org/join", metrics: created.json.metrics });
    const cleared = await patchProgram(key, id, { enrolUrl: null, visibility: "members" });
    expect(cleared.json.enrolUrl).toBeUndefined();
    expect(cleared.json.visibility).toBe("members");

    const empty = await patchProgram(key, id, {});
    expect(empty.status).toBe(422);
    expect(fieldOf(empty, "form")).toBe("empty_patch");
  });

  it("lists archived programs only when asked, and refuses unknown parameters", async () => {
    const { org, key } = await setup();
    const kept = (await createProgram(key)).json.id;
    const archived = (await createProgram(key, { name: "Old program" })).json.id;
    await setProgramArchived(org.id, archived, true);
    const ids = async (query: string) => (await call(programsRoute.GET, { path: `/api/v1/programs${query}`, key })).json.data.map((p: { id: string }) => p.id);
    expect(await ids("")).toEqual([kept]);
    expect((await ids("?archived=true")).sort()).toEqual([kept, archived].sort());
    const bad = await call(programsRoute.GET, { path: "/api/v1/programs?archive=true", key });
    expect(bad.status).toBe(422);
    expect(fieldOf(bad, "archive")).toBe("unknown_parameter");
  });

  it("refuses a bad program naming each field, and stores nothing", async () => {
    const { org, key } = await setup();
    const cases: Array<[unknown, string, string]> = [
      [{}, "name", "required"],
      [{ name: "" }, "name", "required"],
      [{ name: "x", visibility: "everyone" }, "visibility", "invalid_choice"],
      [{ name: "x", enrolUrl: "ftp://example.org" }, "enrolUrl", "invalid_format"],
      [{ name: "x", metrics: [{ key: "Courses Done", label: "Courses" }] }, "metrics.0.key", "invalid_metric_key"],
      [{ name: "x", metrics: [{ key: "laurel.credentials_earned", label: "Mine" }] }, "metrics.0.key", "invalid_metric_key"],
      [{ name: "x", metrics: [{ key: "a", label: "A" }, { key: "a", label: "B" }] }, "metrics", "duplicate_metric_key"],
      [{ name: "x", metrics: [{ key: "a", label: "A", aggregate: "max" }] }, "metrics.0.aggregate", "invalid_choice"],
    ];
    for (const [body, field, code] of cases) {
      const answer = await createProgram(key, body);
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(fieldOf(answer, field), JSON.stringify(body)).toBe(code);
    }
    expect(await db.program.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("adds rules of every kind, answered as they were sent", async () => {
    const { org, key, achievements } = await setup();
    const programId = (await createProgram(key)).json.id;
    const [first, second, sharer] = await Promise.all(["Streaker", "Loyal", "Sharer"].map((name) => achievementOf(org.id, name)));
    const rules = [
      { achievementId: achievements.bronze.id, kind: "target", metric: "courses_completed", atLeast: 1 },
      { achievementId: achievements.silver.id, kind: "target", metric: "courses_completed", atLeast: 3 },
      { achievementId: achievements.capstone.id, kind: "pathway", requires: [achievements.bronze.id, achievements.silver.id], count: 1, revokeWithRequirements: true },
      { achievementId: first.id, kind: "streak", metric: "courses_completed", periods: 4, unit: "week" },
      { achievementId: second.id, kind: "loyalty", months: 6 },
      { achievementId: achievements.gold.id, kind: "loyalty", metric: "courses_completed", atLeast: 10, withinDays: 90 },
      { achievementId: sharer.id, kind: "target", metric: "laurel.credentials_shared", atLeast: 2 },
    ];
    const ids: string[] = [];
    for (const rule of rules) {
      const answer = await addRule(key, programId, rule);
      expect(answer.status, JSON.stringify(rule)).toBe(201);
      expect(answer.json, JSON.stringify(rule)).toMatchObject({ ...rule, id: expect.any(String), achievementName: expect.any(String) });
      ids.push(answer.json.id);
    }
    const program = await getProgram(key, programId);
    expect(program.json.rules.map((r: { id: string }) => r.id)).toEqual(ids);
    // The pathway's default: keep the award when a counted credential is revoked.
    const pathway = await addRule(key, (await createProgram(key, { name: "Pathways" })).json.id, { achievementId: achievements.capstone.id, kind: "pathway", requires: [achievements.gold.id] });
    expect(pathway.json).toMatchObject({ requires: [achievements.gold.id], revokeWithRequirements: false });
    expect(pathway.json).not.toHaveProperty("count");
  });

  it("refuses each bad rule naming the field, and stores none", async () => {
    const { org, key, achievements } = await setup();
    const programId = (await createProgram(key)).json.id;
    const { bronze, silver, gold, capstone } = achievements;
    const archived = await achievementOf(org.id, "Retired");
    await setAchievementArchived(org.id, archived.id, true);
    const other = await createOrgWith([{ userId: (await createUser()).id, role: "owner" }]);
    const foreign = await achievementOf(other.id, "Foreign");
    const cases: Array<[unknown, number, string, string]> = [
      [{ achievementId: "c000000000000000000000000", kind: "target", metric: "courses_completed", atLeast: 1 }, 422, "achievementId", "unknown_achievement"],
      [{ achievementId: foreign.id, kind: "target", metric: "courses_completed", atLeast: 1 }, 422, "achievementId", "unknown_achievement"],
      [{ achievementId: "not-an-id", kind: "target", metric: "courses_completed", atLeast: 1 }, 422, "achievementId", "invalid_format"],
      [{ achievementId: archived.id, kind: "target", metric: "courses_completed", atLeast: 1 }, 409, "achievementId", "achievement_archived"],
      [{ achievementId: bronze.id, kind: "target", metric: "lessons", atLeast: 1 }, 422, "metric", "unknown_metric"],
      [{ achievementId: bronze.id, kind: "target", metric: "laurel.unknown", atLeast: 1 }, 422, "metric", "invalid_metric_key"],
      [{ achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: -1 }, 422, "atLeast", "too_short"],
      [{ achievementId: bronze.id, kind: "badge" }, 422, "kind", "invalid_choice"],
      [{ achievementId: capstone.id, kind: "pathway", requires: [capstone.id, bronze.id] }, 422, "requires", "requires_itself"],
      [{ achievementId: capstone.id, kind: "pathway", requires: [bronze.id, bronze.id] }, 422, "requires", "duplicate_achievement"],
      [{ achievementId: capstone.id, kind: "pathway", requires: [bronze.id, silver.id], count: 3 }, 422, "count", "count_above_requires"],
      [{ achievementId: capstone.id, kind: "pathway", requires: [bronze.id, foreign.id] }, 422, "requires.1", "unknown_achievement"],
      [{ achievementId: capstone.id, kind: "pathway", requires: [] }, 422, "requires", "too_short"],
      [{ achievementId: gold.id, kind: "streak", metric: "courses_completed", periods: 0, unit: "week" }, 422, "periods", "too_short"],
      [{ achievementId: gold.id, kind: "streak", metric: "courses_completed", periods: 3, unit: "day" }, 422, "unit", "invalid_choice"],
    ];
    for (const [body, status, field, code] of cases) {
      const answer = await addRule(key, programId, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(fieldOf(answer, field), `${JSON.stringify(body)} → ${JSON.stringify(answer.json)}`).toBe(code);
    }
    expect(await db.programRule.count({ where: { programId } })).toBe(0);

    // One rule per achievement and program: a second one is a conflict naming the first.
    const first = await addRule(key, programId, { achievementId: bronze.id, kind: "target", metric: "courses_completed", atLeast: 1 });
    const again = await addRule(key, programId, { achievementId: bronze.id, kind: "streak", metric: "courses_completed", periods: 2, unit: "month" });
    expect(again.status).toBe(409);
    expect(again.json.error.details.achievementId).toEqual({ code: "rule_exists", params: { ruleId: first.json.id } });
    expect(await db.programRule.count({ where: { programId } })).toBe(1);
  });

  it("keeps a metric a rule reads, and deletes rules", async () => {
    const { key, achievements } = await setup();
    const programId = (await createProgram(key)).json.id;
    const rule = (await addRule(key, programId, { achievementId: achievements.bronze.id, kind: "target", metric: "courses_completed", atLeast: 1 })).json;

    const dropped = await patchProgram(key, programId, { metrics: [{ key: "score", label: "Score", aggregate: "latest" }] });
    expect(dropped.status).toBe(409);
    expect(dropped.json.error.details.metrics).toEqual({ code: "metric_in_use", params: { metric: "courses_completed" } });
    expect((await getProgram(key, programId)).json.metrics).toHaveLength(2);

    const deleted = await deleteRule(key, programId, rule.id);
    expect(deleted.status).toBe(204);
    expect(deleted.json).toEqual({});
    expect((await getProgram(key, programId)).json.rules).toEqual([]);
    expect((await deleteRule(key, programId, rule.id)).status).toBe(404);
    // The deleted rule's row stays (awards point at it); the metric is free to go now.
    expect(await db.programRule.count({ where: { id: rule.id, deletedAt: { not: null } } })).toBe(1);
    expect((await patchProgram(key, programId, { metrics: [{ key: "score", label: "Score", aggregate: "latest" }] })).status).toBe(200);

    // A rule is deleted only through its own program.
    const otherProgram = (await createProgram(key, { ...programBody, name: "Other" })).json.id;
    const kept = (await addRule(key, programId, { achievementId: achievements.silver.id, kind: "loyalty", months: 1 })).json;
    expect((await deleteRule(key, otherProgram, kept.id)).status).toBe(404);
    expect((await getProgram(key, programId)).json.rules).toHaveLength(1);
  });

  it("needs the scope of each operation", async () => {
    const { org, key } = await setup();
    const programId = (await createProgram(key)).json.id;
    const reader = await keyFor(org.id, ["programs:read"]);
    const sender = await keyFor(org.id, ["events:write"]);
    expect((await call(programsRoute.GET, { path: "/api/v1/programs", key: reader })).status).toBe(200);
    expect((await getProgram(reader, programId)).status).toBe(200);
    const refusals = [
      [await createProgram(reader), "programs:write"],
      [await patchProgram(reader, programId, { name: "x" }), "programs:write"],
      [await addRule(reader, programId, {}), "programs:write"],
      [await deleteRule(reader, programId, "c000000000000000000000000"), "programs:write"],
      [await sendEvents(reader, { events: [{}] }), "events:write"],
      [await call(programsRoute.GET, { path: "/api/v1/programs", key: sender }), "programs:read"],
      [await progress(sender, "?email=a@example.com"), "credentials:read"],
    ] as const;
    for (const [answer, scope] of refusals) {
      expect(answer.status, scope).toBe(403);
      expect(answer.json.error).toMatchObject({ code: "forbidden", details: { requiredScope: scope } });
    }
    // A write key reads too.
    expect((await getProgram(await keyFor(org.id, ["programs:write"]), programId)).status).toBe(200);
  });

  it("answers another organization's program and rule as not found, and changes nothing", async () => {
    const { key, achievements } = await setup();
    const programId = (await createProgram(key)).json.id;
    const ruleId = (await addRule(key, programId, { achievementId: achievements.bronze.id, kind: "target", metric: "courses_completed", atLeast: 1 })).json.id;
    const intruder = await setup();
    const answers = [
      await getProgram(intruder.key, programId),
      await patchProgram(intruder.key, programId, { name: "Taken over" }),
      await addRule(intruder.key, programId, { achievementId: intruder.achievements.bronze.id, kind: "target", metric: "courses_completed", atLeast: 1 }),
      await deleteRule(intruder.key, programId, ruleId),
      await progress(intruder.key, `?email=a@example.com&programId=${programId}`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe("not_found");
    }
    expect((await call(programsRoute.GET, { path: "/api/v1/programs", key: intruder.key })).json.data).toEqual([]);
    const program = (await getProgram(key, programId)).json;
    expect(program.name).toBe("Data Academy");
    expect(program.rules.map((r: { id: string }) => r.id)).toEqual([ruleId]);
  });

  it("answers a malformed id as not found", async () => {
    const { key } = await setup();
    for (const id of ["nope", "c000000000000000000000000%00", "x".repeat(500)]) {
      expect((await getProgram(key, id)).status).toBe(404);
      expect((await deleteRule(key, "c000000000000000000000000", id)).status).toBe(404);
    }
  });

  it("needs a plan with programs", async () => {
    const { org, key } = await setup();
    await db.organization.update({ where: { id: org.id }, data: { createdAt: new Date(Date.now() - 60 * 24 * 3600 * 1000) } });
    const answer = await call(programsRoute.GET, { path: "/api/v1/programs", key });
    expect(answer.status).toBe(402);
    expect(answer.json.error.code).toBe("payment_required");
  });
});

/** An event as a sender writes it. */
const event = (programId: string, overrides: Record<string, unknown> = {}) => ({
  id: unique("evt"),
  learner: { email: uniqueEmail("learner"), name: "Lee Learner" },
  programId,
  metric: "courses_completed",
  value: 1,
  occurredAt: "2026-01-15T10:00:00Z",
  ...overrides,
});

describe("POST /api/v1/events", () => {
  it("answers the envelope, with each bad event rejected alone by index and field", async () => {
    const { key } = await setup();
    const programId = (await createProgram(key)).json.id;
    const answer = await sendEvents(key, {
      events: [event(programId), event(programId, { learner: { email: "not-an-email" } }), event(programId), event(programId, { value: "one" }), event(programId, { programId: "nope" })],
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(answer.json).sort()).toEqual(["accepted", "duplicates", "rejected"]);
    expect(answer.json.accepted).toBe(2);
    expect(answer.json.duplicates).toBe(0);
    expect(answer.json.rejected.map((r: { index: number; error: { field: string; code: string } }) => [r.index, r.error.field, r.error.code])).toEqual([
      [1, "learner.email", "invalid_email"],
      [3, "value", "required"],
      [4, "programId", "invalid_format"],
    ]);
    for (const rejected of answer.json.rejected) expect(typeof rejected.error.message).toBe("string");
  });

  it("takes 1 to 1,000 events, and refuses the batch otherwise naming `events`", async () => {
    const { key } = await setup();
    const programId = (await createProgram(key)).json.id;
    const cases: Array<[unknown, string, Record<string, number> | undefined]> = [
      [{}, "required", undefined],
      [{ events: [] }, "too_short", { min: 1 }],
      [{ events: "all of them" }, "required", undefined],
      [{ events: Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, () => event(programId)) }, "too_many", { max: MAX_EVENTS_PER_REQUEST, count: MAX_EVENTS_PER_REQUEST + 1 }],
    ];
    for (const [body, code, params] of cases) {
      const answer = await sendEvents(key, body);
      expect(answer.status, code).toBe(422);
      expect(answer.json.error.code).toBe("validation_failed");
      expect(answer.json.error.details.events).toEqual(params ? { code, params } : { code });
    }
    const full = await sendEvents(key, { events: Array.from({ length: MAX_EVENTS_PER_REQUEST }, () => event(programId)) });
    expect(full.status).toBe(200);
    expect(full.json.accepted + full.json.duplicates + full.json.rejected.length).toBe(MAX_EVENTS_PER_REQUEST);
  });

  it("replays the first answer for the same Idempotency-Key, and refuses the key with another body", async () => {
    const { key } = await setup();
    const programId = (await createProgram(key)).json.id;
    const body = { events: [event(programId)] };
    const first = await sendEvents(key, body, { "idempotency-key": "batch-1" });
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await sendEvents(key, body, { "idempotency-key": "batch-1" });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    const reused = await sendEvents(key, { events: [event(programId)] }, { "idempotency-key": "batch-1" });
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    // A refused batch does not use up its key: the corrected batch goes through with it.
    const refused = await sendEvents(key, { events: [] }, { "idempotency-key": "batch-2" });
    expect(refused.status).toBe(422);
    expect((await sendEvents(key, body, { "idempotency-key": "batch-2" })).status).toBe(200);
  });
});

describe("GET /api/v1/learners/progress", () => {
  it("checks the email, the program id and unknown parameters", async () => {
    const { key } = await setup();
    const programId = (await createProgram(key)).json.id;
    const cases: Array<[string, string, string]> = [
      ["", "email", "required"],
      ["?email=", "email", "invalid_email"],
      ["?email=not-an-email", "email", "invalid_email"],
      ["?email=a@example.com&programId=nope", "programId", "invalid_format"],
      ["?email=a@example.com&program=x", "program", "unknown_parameter"],
    ];
    for (const [query, field, code] of cases) {
      const answer = await progress(key, query);
      expect(answer.status, query).toBe(422);
      expect(fieldOf(answer, field), query).toBe(code);
    }
    const missing = await progress(key, "?email=a@example.com&programId=c000000000000000000000000");
    expect(missing.status).toBe(404);

    const mine = await progress(key, `?email=${encodeURIComponent("Lee@Example.com")}&programId=${programId}`);
    expect(mine.status).toBe(200);
    expect(Array.isArray(mine.json.data)).toBe(true);
    expect((await progress(key, "?email=lee@example.com")).status).toBe(200);
  });
});

describe("a ladder through the API, end to end", () => {
  it("awards the levels an event crosses, once, as credentials the API lists, and progress says what remains", async () => {
    const { key, achievements } = await setup();
    const programId = (await createProgram(key)).json.id;
    for (const [level, atLeast] of [[achievements.bronze, 10], [achievements.silver, 50], [achievements.gold, 100]] as const) {
      expect((await addRule(key, programId, { achievementId: level.id, kind: "target", metric: "courses_completed", atLeast })).status).toBe(201);
    }
    const email = uniqueEmail("climber");
    const first = await sendEvents(key, { events: [event(programId, { id: "e1", learner: { email, name: "Cleo Climber" }, value: 40 }), event(programId, { id: "e2", learner: { email }, value: 20 })] });
    expect(first.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    // The same events again change nothing.
    expect((await sendEvents(key, { events: [event(programId, { id: "e1", learner: { email }, value: 40 })] })).json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });

    const { issuePendingAwards } = await import("./awards");
    await issuePendingAwards();
    const listed = await call(credentialsRoute.GET, { path: `/api/v1/credentials?recipientEmail=${encodeURIComponent(email)}`, key });
    expect(listed.json.data.map((c: { achievementId: string }) => c.achievementId).sort()).toEqual([achievements.bronze.id, achievements.silver.id].sort());

    const answer = await progress(key, `?email=${encodeURIComponent(email)}&programId=${programId}`);
    expect(answer.status).toBe(200);
    const [mine] = answer.json.data;
    expect(mine.metrics.find((m: { key: string }) => m.key === "courses_completed").value).toBe(60);
    expect(mine.earned.map((e: { name: string }) => e.name).sort()).toEqual(["Bronze", "Silver"]);
    expect(mine.next).toEqual([expect.objectContaining({ name: "Gold", kind: "target", target: 100, current: 60, remaining: 40 })]);
  });
});
