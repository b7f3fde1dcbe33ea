import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

// The dashboard routes and actions read the session and request headers; the test plays a signed-in owner.
const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: string | null } | null }));
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => session.user,
  requireUser: async () => session.user,
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const achievementsRoute = await import("@/app/api/v1/achievements/route");
const achievementRoute = await import("@/app/api/v1/achievements/[id]/route");
const credentialsRoute = await import("@/app/api/v1/credentials/route");
const credentialRoute = await import("@/app/api/v1/credentials/[id]/route");
const revokeRoute = await import("@/app/api/v1/credentials/[id]/revoke/route");
const jobRoute = await import("@/app/api/v1/jobs/[id]/route");
const summaryRoute = await import("@/app/api/v1/analytics/summary/route");
const exportRoute = await import("@/app/(main)/dashboard/[org]/credentials/export.csv/route");
const ob2Route = await import("@/app/(main)/c/[id]/ob2/route");
const jobStatusRoute = await import("@/app/(main)/dashboard/[org]/issue/bulk/[jobId]/status/route");
const { db } = await import("@/lib/db");
const { publicAction } = await import("@/lib/auth/guard");
const { errorResponse, toAppError } = await import("@/lib/http/respond");
const { exportCredentialsCsv } = await import("@/lib/issuing/export-credentials");
const { credentialPageData, credentialState } = await import("@/lib/issuing/public-views");
const { credentialJsonLd } = await import("@/lib/public/json-ld");
const { createApiKey } = await import("./keys");
const { issuedCredentialAnswer } = await import("./resources");
const { API_SCOPES } = await import("./scopes");
const { createOrgWith, createUser, uniqueEmail } = await import("@/lib/test/factories");

type Handler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: Handler, { method = "GET", path, key, body, params = {} }: { method?: string; path: string; key?: string; body?: unknown; params?: Record<string, string> }) {
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  let json: { error?: { code: string; details: Record<string, { code: string }> } } & Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // CSV and other bodies
  }
  return { status: response.status, json, text };
}

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Bad Input Academy");
  await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
  const key = (await createApiKey(org.id, { name: "fuzz", scopes: [...API_SCOPES] }, { userId: owner.id })).plaintext;
  const created = await call(achievementsRoute.POST as Handler, {
    method: "POST", path: "/api/v1/achievements", key,
    body: { name: "Data Literacy", description: "Reads data.", criteria: { narrative: "Pass." }, expiresAfter: { value: 3650, unit: "days" } },
  });
  expect(created.status).toBe(201);
  return { owner, org, key, achievementId: created.json.id as string };
}

const issue = (key: string, body: unknown) => call(credentialsRoute.POST as Handler, { method: "POST", path: "/api/v1/credentials", key, body });

describe("bad input answers 4xx naming the field, and writes nothing", () => {
  it("refuses an out-of-range year, null, true and 0 as validFrom (defects 2 and 14)", async () => {
    const { org, key, achievementId } = await setup();
    for (const [validFrom, code] of [["20260-01-15", "date_out_of_range"], ["0000-01-01", "date_out_of_range"], ["1899-12-31", "date_out_of_range"], [null, "invalid_date"], [true, "invalid_date"], [0, "invalid_date"]] as const) {
      const response = await issue(key, { achievementId, recipient: { email: uniqueEmail() }, validFrom });
      expect(response.status, String(validFrom)).toBe(422);
      expect(response.json.error!.details.validFrom.code).toBe(code);
    }
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);
    // The last day of year 9999 is a valid start, but not with the achievement's ten-year expiry on top.
    const late = await issue(key, { achievementId, recipient: { email: uniqueEmail() }, validFrom: "9999-12-31" });
    expect(late.status).toBe(422);
    expect(late.json.error!.details.validFrom.code).toBe("date_out_of_range");
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);
    const ending = await issue(key, { achievementId, recipient: { email: uniqueEmail() }, validFrom: "9999-12-31", validUntil: "9999-12-31T23:59:59Z" });
    expect(ending.status).toBe(201);
    expect(ending.json.validUntil).toBe("9999-12-31T23:59:59.000Z");
  });

  it("refuses NUL and lone surrogates in any stored string with 422 (defect 13)", async () => {
    const { org, key, achievementId } = await setup();
    const cases: [unknown, string][] = [
      [{ achievementId, recipient: { email: uniqueEmail(), name: "Lee\u0000" } }, "recipient.name"],
      [{ achievementId, recipient: { email: uniqueEmail() }, narrative: "\uD800" }, "narrative"],
      [{ achievementId, recipient: { email: uniqueEmail() }, evidence: [{ id: "https://example.org/\u0000" }] }, "evidence.0.id"],
      [{ achievementId: "\u0000", recipient: { email: uniqueEmail() } }, "achievementId"],
    ];
    for (const [body, field] of cases) {
      const response = await issue(key, body);
      expect(response.status, field).toBe(422);
      expect(response.json.error!.details[field]?.code, field).toBe("invalid_characters");
    }
    const achievement = await call(achievementsRoute.POST as Handler, { method: "POST", path: "/api/v1/achievements", key, body: { name: "A\u0000", description: "d", criteria: { narrative: "n" } } });
    expect(achievement.status).toBe(422);
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db.achievement.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("checks id path parameters for shape before any query: 404, never 500", async () => {
    const { key } = await setup();
    for (const id of ["\u0000", "abc%", "%00", "x".repeat(10_000), "c0000000000000000000000000\u0000", "../../etc", ""]) {
      for (const [handler, path] of [
        [credentialRoute.GET, "/api/v1/credentials/x"],
        [achievementRoute.GET, "/api/v1/achievements/x"],
        [jobRoute.GET, "/api/v1/jobs/x"],
      ] as const) {
        const response = await call(handler as Handler, { path, key, params: { id } });
        expect(response.status, `${path} ${JSON.stringify(id.slice(0, 30))}`).toBe(404);
      }
      const revoked = await call(revokeRoute.POST as Handler, { method: "POST", path: "/api/v1/credentials/x/revoke", key, body: { reason: "x" }, params: { id } });
      expect(revoked.status).toBe(404);
    }
  });

  it("refuses cursors and analytics ranges past the bounds with 422", async () => {
    const { key } = await setup();
    const cursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");
    for (const bad of [cursor("+020260-01-15T00:00:00.000Z", "c000000000000000000000000"), cursor("2026-01-01T00:00:00.000Z", "x\u0000"), "%00", "\u0000"]) {
      const response = await call(credentialsRoute.GET as Handler, { path: `/api/v1/credentials?cursor=${encodeURIComponent(bad)}`, key });
      expect(response.status, bad).toBe(422);
      expect(response.json.error!.details.cursor).toBeDefined();
    }
    for (const [query, code] of [["from=0000-01-01&to=0000-01-05", "date_out_of_range"], ["from=20260-01-15", "invalid_date"], ["to=%00", "invalid_date"], ["achievementId=%00", "invalid_characters"]] as const) {
      const response = await call(summaryRoute.GET as Handler, { path: `/api/v1/analytics/summary?${query}`, key });
      expect(response.status, query).toBe(422);
      expect(Object.values(response.json.error!.details)[0].code, query).toBe(code);
    }
  });

  it("export.csv?status=bogus answers 422, not 500 (a ZodError that is not an AppError)", async () => {
    const { owner, org } = await setup();
    session.user = { id: owner.id, email: owner.email, name: owner.name };
    try {
      const bogus = await call(exportRoute.GET as Handler, { path: `/dashboard/${org.slug}/credentials/export.csv?status=bogus`, params: { org: org.slug } });
      expect(bogus.status).toBe(422);
      expect(bogus.json.error!.details.status.code).toBe("invalid_choice");
      const badDate = await call(exportRoute.GET as Handler, { path: `/dashboard/${org.slug}/credentials/export.csv?from=20260-01-01`, params: { org: org.slug } });
      expect(badDate.status).toBe(422);
      const badSlug = await call(exportRoute.GET as Handler, { path: "/dashboard/x/credentials/export.csv", params: { org: "a\u0000b" } });
      expect(badSlug.status).toBe(404);
      const fine = await call(exportRoute.GET as Handler, { path: `/dashboard/${org.slug}/credentials/export.csv?status=issued`, params: { org: org.slug } });
      expect(fine.status).toBe(200);
      // Dashboard routes check id parameters for shape too, before any query.
      for (const jobId of ["\u0000", "%00", "abc%", "x".repeat(5000)]) {
        const status = await call(jobStatusRoute.GET as Handler, { path: "/dashboard/x/issue/bulk/x/status", params: { org: org.slug, jobId } });
        expect(status.status, jobId.slice(0, 10)).toBe(404);
        expect(status.json.error!.code).toBe("not_found");
      }
    } finally {
      session.user = null;
    }
  });
});

describe("a bad row stored before dates were bounded (defect 2)", () => {
  it("still reads: the API list and item, export.csv, the page data, its JSON-LD and the OB 2.0 document", async () => {
    const { org, key, achievementId } = await setup();
    const older = await issue(key, { achievementId, recipient: { email: uniqueEmail() }, validFrom: "2026-01-15" });
    const poisoned = await issue(key, { achievementId, recipient: { email: uniqueEmail() } });
    const newer = await issue(key, { achievementId, recipient: { email: uniqueEmail() } });
    // What an unchecked "20260-01-15" became: PostgreSQL keeps it, JavaScript reads an invalid Date.
    await db.credential.update({ where: { id: poisoned.json.id as string }, data: { validFrom: new Date("+020260-01-15T00:00:00Z"), validUntil: new Date("+020270-01-15T00:00:00Z") } });
    const stored = await db.credential.findUniqueOrThrow({ where: { id: poisoned.json.id as string } });
    expect(Number.isNaN(stored.validFrom.getTime())).toBe(true);

    // The list walks past the row, one page at a time.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(credentialsRoute.GET as Handler, { path: `/api/v1/credentials?limit=1${cursor ? `&cursor=${cursor}` : ""}`, key });
      expect(page.status).toBe(200);
      const data = page.json.data as { id: string; validFrom: string | null }[];
      seen.push(...data.map((row) => row.id));
      if (data[0]?.id === poisoned.json.id) expect(data[0].validFrom).toBeNull();
      cursor = page.json.nextCursor as string | null;
    } while (cursor);
    expect(seen.sort()).toEqual([older.json.id, poisoned.json.id, newer.json.id].sort());

    const item = await call(credentialRoute.GET as Handler, { path: "/api/v1/credentials/x", key, params: { id: poisoned.json.id as string } });
    expect(item.status).toBe(200);
    expect(item.json).toMatchObject({ id: poisoned.json.id, validFrom: null });
    expect(item.json.validUntil).toBeUndefined();

    const csv = await exportCredentialsCsv(org.id, {});
    expect(csv.split("\n").filter(Boolean)).toHaveLength(4);

    const page = await credentialPageData(poisoned.json.id as string);
    expect(page).not.toBeNull();
    expect(credentialState(page!)).toBe("not_yet_valid");
    expect(() => JSON.stringify(credentialJsonLd(page!))).not.toThrow();

    const ob2 = await call(ob2Route.GET as Handler, { path: `/c/${poisoned.json.id}/ob2`, params: { id: poisoned.json.id as string } });
    expect(ob2.status).toBe(200);
    expect(ob2.json.issuedOn).toBeTruthy();
  });
});

describe("after the credential is stored", () => {
  it("the issue answer is a success even when reading the credential back fails (no 5xx, so no retry issues twice)", async () => {
    const { org } = await setup();
    const missing = { id: "00000000-0000-4000-8000-000000000000", url: "https://laurel.example/c/00000000-0000-4000-8000-000000000000" };
    expect(await issuedCredentialAnswer(org.id, missing)).toEqual({ ...missing, status: "issued" });
  });
});

describe("the one responder", () => {
  it("maps zod, PostgreSQL data errors and AppErrors to 4xx, and anything else to a logged 500", async () => {
    const zod = z.object({ status: z.enum(["a", "b"]) }).safeParse({ status: "c" }).error!;
    const zodAnswer = errorResponse(zod);
    expect(zodAnswer.status).toBe(422);
    expect(await zodAnswer.json()).toEqual({ error: { code: "validation_failed", message: expect.any(String), details: { status: { code: "invalid_choice" } } } });

    const owner = await createUser();
    const nul = await db.user.update({ where: { id: owner.id }, data: { name: "a\u0000b" } }).catch((error: unknown) => error);
    const outOfRange = await db.organization.create({ data: { name: "x", slug: `x-${Date.now()}`, currentPeriodEnd: new Date("0000-01-01T00:00:00Z") } }).catch((error: unknown) => error);
    const tooBig = await db.statusList.findFirst({ where: { length: 2 ** 40 } }).catch((error: unknown) => error);
    const badSyntax = await db.$queryRawUnsafe("select 'x'::date").catch((error: unknown) => error);
    for (const [error, reason] of [[nul, "invalid_characters"], [outOfRange, "date_out_of_range"], [tooBig, "number_out_of_range"], [badSyntax, "invalid_date"]] as const) {
      const answer = errorResponse(error);
      expect(answer.status, reason).toBe(422);
      expect(((await answer.json()) as { error: { details: { form: { code: string } } } }).error.details.form.code).toBe(reason);
    }
    expect(toAppError(new Error("boom"))).toBeNull();
    expect(errorResponse(new Error("boom")).status).toBe(500);
  });

  it("server actions use the same mapping: a zod or data error is a failed state, not a thrown 500", async () => {
    const owner = await createUser();
    const zodAction = publicAction({ schema: z.object({}) }, async () => z.object({ n: z.number() }).parse({ n: "x" }));
    expect(await zodAction(null, new FormData())).toMatchObject({ ok: false, code: "validation_failed", fields: { n: { code: "required" } } });
    const dataAction = publicAction({ schema: z.object({}) }, async () => db.user.update({ where: { id: owner.id }, data: { name: "\u0000" } }));
    expect(await dataAction(null, new FormData())).toMatchObject({ ok: false, code: "validation_failed", fields: { form: { code: "invalid_characters" } } });
    const bug = publicAction({ schema: z.object({}) }, async () => {
      throw new Error("a real bug");
    });
    await expect(bug(null, new FormData())).rejects.toThrow("a real bug");
  });
});
