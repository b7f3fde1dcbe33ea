import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as achievementsRoute from "@/app/api/v1/achievements/route";
import * as achievementRoute from "@/app/api/v1/achievements/[id]/route";
import * as credentialsRoute from "@/app/api/v1/credentials/route";
import * as credentialRoute from "@/app/api/v1/credentials/[id]/route";
import * as revokeRoute from "@/app/api/v1/credentials/[id]/revoke/route";
import { db } from "@/lib/db";
import { publicUrls } from "@/lib/issuing/urls";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { endlessBody, streamingRequest } from "@/lib/test/streaming-body";
import { API_RATE_LIMIT, DEFAULT_MAX_BODY_BYTES } from "./handler";
import { createApiKey, revokeApiKey } from "./keys";
import { API_SCOPES, type ApiScope } from "./scopes";

// `never` so handlers with any params type fit; each call passes the params its route expects.
type Handler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;

/** Calls a route handler in-process, as Next.js would. */
async function call(
  handler: Handler,
  { method = "GET", path, key, body, headers = {}, params = {} }: { method?: string; path: string; key?: string; body?: unknown; headers?: Record<string, string>; params?: Record<string, string> },
) {
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

async function orgWithKey(scopes: ApiScope[] = [...API_SCOPES]) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "API Academy");
  const key = await createApiKey(org.id, { name: "Automation", scopes }, { userId: owner.id });
  return { org, owner, key: key.plaintext, keyId: key.id };
}

const achievementBody = {
  name: "Data Literacy",
  description: "Reads charts and tables critically.",
  criteria: { narrative: "Pass the final assessment." },
  tags: ["data"],
};

async function createAchievementVia(key: string) {
  const created = await call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: achievementBody });
  expect(created.status).toBe(201);
  return created.json as { id: string; url: string };
}

const credentialBody = (achievementId: string, email = uniqueEmail("learner")) => ({ achievementId, recipient: { email, name: "Lee Learner" } });

describe("REST API v1 with an API key", () => {
  it("creates an achievement and issues a credential, answering with their public URLs", async () => {
    const { key } = await orgWithKey();
    const achievement = await createAchievementVia(key);
    expect(achievement).toMatchObject({
      name: "Data Literacy",
      achievementType: "Badge",
      url: publicUrls.achievement(achievement.id),
      image: publicUrls.achievementImage(achievement.id, 1),
      tags: ["data"],
    });

    const fetched = await call(achievementRoute.GET, { path: `/api/v1/achievements/${achievement.id}`, key, params: { id: achievement.id } });
    expect(fetched.status).toBe(200);
    expect(fetched.json.id).toBe(achievement.id);

    const issued = await call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body: credentialBody(achievement.id, "lee@example.com") });
    expect(issued.status).toBe(201);
    expect(issued.json).toMatchObject({ status: "issued", achievementId: achievement.id, url: publicUrls.credential(issued.json.id), recipient: { email: "lee@example.com" } });

    const read = await call(credentialRoute.GET, { path: `/api/v1/credentials/${issued.json.id}`, key, params: { id: issued.json.id } });
    expect(read.json).toEqual(issued.json);

    const revoked = await call(revokeRoute.POST, { method: "POST", path: `/api/v1/credentials/${issued.json.id}/revoke`, key, body: { reason: "Mistake" }, params: { id: issued.json.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.status).toBe("revoked");
    const again = await call(revokeRoute.POST, { method: "POST", path: `/api/v1/credentials/${issued.json.id}/revoke`, key, body: { reason: "Mistake" }, params: { id: issued.json.id } });
    expect(again.status).toBe(409);
  });

  it("issues once for one Idempotency-Key, replays the answer, and refuses the key with another body", async () => {
    const { org, key } = await orgWithKey();
    const achievement = await createAchievementVia(key);
    const body = credentialBody(achievement.id);
    const send = (payload: unknown) =>
      call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body: payload, headers: { "Idempotency-Key": "order-1234" } });

    const first = await send(body);
    const second = await send(body);
    expect(first.status).toBe(201);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    expect(second.json).toEqual(first.json);
    expect(await db.credential.count({ where: { organizationId: org.id, achievementId: achievement.id } })).toBe(1);

    const reused = await send(credentialBody(achievement.id, uniqueEmail("other")));
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(1);

    // Keys belong to one organization: another org may use the same key for its own request.
    const other = await orgWithKey();
    const otherAchievement = await createAchievementVia(other.key);
    const theirs = await call(credentialsRoute.POST, {
      method: "POST", path: "/api/v1/credentials", key: other.key, body: credentialBody(otherAchievement.id), headers: { "Idempotency-Key": "order-1234" },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("replays any POST with the same Idempotency-Key: one achievement, and not across endpoints", async () => {
    const { org, key } = await orgWithKey();
    const send = () => call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: achievementBody, headers: { "Idempotency-Key": "sync-42" } });
    const first = await send();
    const second = await send();
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    expect(second.json.id).toBe(first.json.id);
    expect(await db.achievement.count({ where: { organizationId: org.id } })).toBe(1);

    const elsewhere = await call(credentialsRoute.POST, {
      method: "POST", path: "/api/v1/credentials", key, body: credentialBody(first.json.id), headers: { "Idempotency-Key": "sync-42" },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.json.error).toMatchObject({ code: "idempotency_key_reused", details: { firstUsedWith: "POST /api/v1/achievements" } });

    // A failed request stores nothing: the key can be used again once the body is fixed.
    const invalid = await call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: { name: "" }, headers: { "Idempotency-Key": "sync-43" } });
    expect(invalid.status).toBe(422);
    const fixed = await call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: achievementBody, headers: { "Idempotency-Key": "sync-43" } });
    expect(fixed.status).toBe(201);
  });

  it("answers 409 while a request with the key is still running, and takes over one abandoned by a crash", async () => {
    const { org, key } = await orgWithKey();
    const achievement = await createAchievementVia(key);
    const body = credentialBody(achievement.id);
    const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    // What a request that claimed the key and is still issuing (or died) leaves behind.
    const claim = await db.idempotencyRecord.create({
      data: { organizationId: org.id, key: "slow-1", scope: "POST /api/v1/credentials", requestHash, status: 0, response: {} },
    });
    const send = () => call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body, headers: { "Idempotency-Key": "slow-1" } });
    const busy = await send();
    expect(busy.status).toBe(409);
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);

    await db.idempotencyRecord.update({ where: { id: claim.id }, data: { createdAt: new Date(Date.now() - 5 * 60_000) } });
    const retried = await send();
    expect(retried.status).toBe(201);
    expect((await send()).headers.get("Idempotent-Replayed")).toBe("true");
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("still issues once when the stored answer was lost after issuing (a crash between the two)", async () => {
    const { org, key } = await orgWithKey();
    const achievement = await createAchievementVia(key);
    const body = credentialBody(achievement.id);
    const send = () => call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body, headers: { "Idempotency-Key": "crash-1" } });
    const first = await send();
    await db.idempotencyRecord.deleteMany({ where: { organizationId: org.id } });
    const retry = await send();
    expect(retry.json.id).toBe(first.json.id);
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("refuses a key without the scope (403, naming it), and lets a write scope read", async () => {
    const { key } = await orgWithKey(["achievements:write"]);
    const achievement = await createAchievementVia(key);
    const refused = await call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body: credentialBody(achievement.id) });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: "forbidden", details: { requiredScope: "credentials:write" } });
    expect((await call(credentialsRoute.GET, { path: "/api/v1/credentials", key })).status).toBe(403);
    expect((await call(achievementsRoute.GET, { path: "/api/v1/achievements", key })).status).toBe(200);
  });

  it("answers 401 the same way for a revoked, an unknown and a missing key", async () => {
    const { org, key, keyId } = await orgWithKey();
    expect((await call(achievementsRoute.GET, { path: "/api/v1/achievements", key })).status).toBe(200);
    await revokeApiKey(org.id, keyId);
    const revoked = await call(achievementsRoute.GET, { path: "/api/v1/achievements", key });
    const unknown = await call(achievementsRoute.GET, { path: "/api/v1/achievements", key: "lrl_live_00000000000000000000000000000000" });
    const missing = await call(achievementsRoute.GET, { path: "/api/v1/achievements" });
    for (const answer of [revoked, unknown, missing]) {
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthorized");
    }
    expect(revoked.json).toEqual(unknown.json);
  });

  it("never shows another organization's data (404)", async () => {
    const a = await orgWithKey();
    const b = await orgWithKey();
    const achievement = await createAchievementVia(a.key);
    const issued = await call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key: a.key, body: credentialBody(achievement.id) });

    const theirCredential = await call(credentialRoute.GET, { path: `/api/v1/credentials/${issued.json.id}`, key: b.key, params: { id: issued.json.id } });
    expect(theirCredential.status).toBe(404);
    const theirAchievement = await call(achievementRoute.GET, { path: `/api/v1/achievements/${achievement.id}`, key: b.key, params: { id: achievement.id } });
    expect(theirAchievement.status).toBe(404);
    const revoke = await call(revokeRoute.POST, { method: "POST", path: `/api/v1/credentials/${issued.json.id}/revoke`, key: b.key, body: { reason: "x" }, params: { id: issued.json.id } });
    expect(revoke.status).toBe(404);
    const issueOnTheirs = await call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key: b.key, body: credentialBody(achievement.id) });
    expect(issueOnTheirs.status).toBe(404);
    const list = await call(credentialsRoute.GET, { path: "/api/v1/credentials", key: b.key });
    expect(list.json.data).toEqual([]);
  });

  it("walks every credential exactly once through the pages, and filters by achievement, status and recipient", async () => {
    const { key } = await orgWithKey();
    const first = await createAchievementVia(key);
    const second = await createAchievementVia(key);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const issued = await call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body: credentialBody(i < 5 ? first.id : second.id) });
      ids.push(issued.json.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await call(credentialsRoute.GET, { path: `/api/v1/credentials${query}`, key });
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.map((c: { id: string }) => c.id));
      cursor = page.json.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen.sort()).toEqual([...ids].sort());

    const onlyFirst = await call(credentialsRoute.GET, { path: `/api/v1/credentials?achievementId=${first.id}`, key });
    expect(onlyFirst.json.data).toHaveLength(5);
    await call(revokeRoute.POST, { method: "POST", path: `/api/v1/credentials/${ids[0]}/revoke`, key, body: { reason: "x" }, params: { id: ids[0] } });
    const revoked = await call(credentialsRoute.GET, { path: "/api/v1/credentials?status=revoked", key });
    expect(revoked.json.data.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    const issuedOnly = await call(credentialsRoute.GET, { path: "/api/v1/credentials?status=issued&limit=200", key });
    expect(issuedOnly.json.data).toHaveLength(6);

    // One recipient's credentials, whatever the case of the address asked for.
    const [ada, other] = [uniqueEmail("ada"), uniqueEmail("other")];
    const adas = [];
    for (const email of [ada, other, ada]) {
      const issued = await call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body: credentialBody(second.id, email) });
      if (email === ada) adas.push(issued.json.id);
    }
    const forAda = await call(credentialsRoute.GET, { path: `/api/v1/credentials?achievementId=${second.id}&recipientEmail=${encodeURIComponent(ada.toUpperCase())}`, key });
    expect(forAda.json.data.map((c: { id: string }) => c.id).sort()).toEqual(adas.sort());
    const badEmail = await call(credentialsRoute.GET, { path: "/api/v1/credentials?recipientEmail=not-an-address", key });
    expect(badEmail.status).toBe(422);
    expect(Object.keys(badEmail.json.error.details)).toEqual(["recipientEmail"]);

    const badQuery = await call(credentialsRoute.GET, { path: "/api/v1/credentials?status=lost&limit=500", key });
    expect(badQuery.status).toBe(422);
    expect(Object.keys(badQuery.json.error.details).sort()).toEqual(["limit", "status"]);
    const badCursor = await call(credentialsRoute.GET, { path: "/api/v1/credentials?cursor=not-a-cursor", key });
    expect(badCursor.status).toBe(422);
  });

  it("answers bad bodies with a clear 4xx, never a 500", async () => {
    const { key } = await orgWithKey();
    const malformed = await call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: '{"name": "Half' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("invalid_json");
    expect(malformed.json.error.message).toMatch(/not valid JSON/);

    const notJson = await call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(notJson.status).toBe(415);

    const invalid = await call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: { name: "", criteria: {}, achievementType: "Trophy" } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.code).toBe("validation_failed");
    expect(invalid.json.error.details).toMatchObject({
      name: { code: "required" },
      description: { code: "required" },
      criteria: { code: "criteria_required" },
      achievementType: { code: "invalid_choice" },
    });

    const huge = await call(achievementsRoute.POST, { method: "POST", path: "/api/v1/achievements", key, body: { ...achievementBody, description: "x".repeat(1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("payload_too_large");

    const wrongTypes = await call(credentialsRoute.POST, { method: "POST", path: "/api/v1/credentials", key, body: [1, 2] });
    expect(wrongTypes.status).toBe(422);
  });

  it("refuses a chunked body over the limit with 413, reading no further than the limit", async () => {
    const { org, key } = await orgWithKey();
    const { stream, state, chunkBytes } = endlessBody();
    const request = streamingRequest("http://localhost/api/v1/achievements", stream, { authorization: `Bearer ${key}`, "content-type": "application/json" });
    expect(request.headers.get("content-length")).toBeNull();
    const response = await achievementsRoute.POST(request, { params: Promise.resolve({}) as Promise<never> });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: "payload_too_large", details: { maxBytes: DEFAULT_MAX_BODY_BYTES } });
    expect(state.cancelled).toBe(true);
    expect(state.pulled * chunkBytes).toBeLessThan(DEFAULT_MAX_BODY_BYTES + 4 * chunkBytes);
    expect(await db.achievement.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("limits requests per key (429 with Retry-After)", async () => {
    const { key, keyId } = await orgWithKey();
    // As if this minute's allowance were already spent.
    await db.rateLimit.upsert({
      where: { key: `api-key:${keyId}` },
      create: { key: `api-key:${keyId}`, windowStart: new Date(), count: API_RATE_LIMIT.limit },
      update: { windowStart: new Date(), count: API_RATE_LIMIT.limit },
    });
    const limited = await call(achievementsRoute.GET, { path: "/api/v1/achievements", key });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    const other = await orgWithKey();
    expect((await call(achievementsRoute.GET, { path: "/api/v1/achievements", key: other.key })).status).toBe(200);
  });
});
