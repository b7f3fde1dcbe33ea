import { describe, expect, it } from "vitest";
import * as achievementsRoute from "@/app/api/v1/achievements/route";
import { resolveOrgAccess } from "@/lib/auth/org-access";
import { REQUIRED_ROLE, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { authenticateApiKey, createApiKey, createApiKeyFormSchema, ensureApiKey, hashApiKey, listApiKeys, revokeApiKey } from "./keys";
import { API_SCOPES } from "./scopes";

const listAchievements = (key: string) =>
  achievementsRoute.GET(new Request("http://localhost/api/v1/achievements", { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({}),
  });

describe("API keys", () => {
  it("shows the key once, stores only its hash and prefix, and audits create and revoke", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const key = await createApiKey(org.id, { name: "LMS", scopes: ["credentials:write", "credentials:write"] }, { userId: owner.id, ip: "203.0.113.9" });
    expect(key.plaintext).toMatch(/^lrl_live_[0-9A-Za-z]{32}$/);
    expect(key.scopes).toEqual(["credentials:write"]);

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.keyHash).toBe(hashApiKey(key.plaintext));
    expect(JSON.stringify(stored)).not.toContain(key.plaintext);
    expect(key.plaintext.startsWith(stored.prefix)).toBe(true);
    const listed = await listApiKeys(org.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("keyHash");
    expect(listed[0]).not.toHaveProperty("plaintext");

    await revokeApiKey(org.id, key.id, { userId: owner.id });
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id, targetId: key.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["api_key.created", "api_key.revoked"]);
    expect(await authenticateApiKey(key.plaintext)).toBeNull();
  });

  it("records when a key was last used, at most once a minute", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const key = await createApiKey(org.id, { name: "Hot", scopes: ["achievements:read"] });
    const t0 = new Date("2030-01-01T10:00:00Z");
    const auth = await authenticateApiKey(key.plaintext, t0);
    expect(auth).toMatchObject({ org: { id: org.id, slug: org.slug }, apiKey: { id: key.id, scopes: ["achievements:read"] } });
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt?.toISOString();
    expect(await lastUsed()).toBe(t0.toISOString());
    await authenticateApiKey(key.plaintext, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 61_000);
    await authenticateApiKey(key.plaintext, later);
    expect(await lastUsed()).toBe(later.toISOString());
  });

  it("reads the dashboard form's scope checkboxes and requires at least one", () => {
    expect(parseInput(createApiKeyFormSchema, { name: " Zapier ", "scope:credentials:read": "on", "scope:achievements:write": "on" })).toEqual({
      name: "Zapier",
      scopes: ["achievements:write", "credentials:read"],
    });
    expect(() => parseInput(createApiKeyFormSchema, { name: "None" })).toThrow(expect.objectContaining({ fields: { scopes: { code: "scope_required" } } }));
  });
});

describe("who may manage API keys", async () => {
  const people = { owner: await createUser(), admin: await createUser(), issuer: await createUser(), viewer: await createUser(), outsider: await createUser() };
  const org = await createOrgWith([
    { userId: people.owner.id, role: "owner" },
    { userId: people.admin.id, role: "admin" },
    { userId: people.issuer.id, role: "issuer" },
    { userId: people.viewer.id, role: "viewer" },
  ]);
  await createOrgWith([{ userId: people.outsider.id, role: "owner" }]);
  const existing = await createApiKey(org.id, { name: "Existing", scopes: ["achievements:read"] });

  /** What the dashboard's actions do: the wrapper resolves access, then the domain function runs. */
  async function asMember(person: keyof typeof people, run: (orgId: string, userId: string) => Promise<unknown>) {
    const access = await resolveOrgAccess(people[person].id, org.slug, REQUIRED_ROLE["apiKeys:manage"]);
    return run(access.org.id, people[person].id);
  }

  const expected: Record<Role, boolean> = { owner: true, admin: true, issuer: false, viewer: false };
  for (const [role, allowed] of Object.entries(expected) as [Role, boolean][]) {
    it(`${role} ${allowed ? "may" : "may not"} create and revoke keys`, async () => {
      const victim = await createApiKey(org.id, { name: "Victim", scopes: ["achievements:read"] });
      const create = () => asMember(role, (orgId, userId) => createApiKey(orgId, { name: `${role}'s key`, scopes: ["achievements:read"] }, { userId }));
      const revoke = () => asMember(role, (orgId, userId) => revokeApiKey(orgId, victim.id, { userId }));
      if (allowed) {
        await expect(create()).resolves.toMatchObject({ name: `${role}'s key` });
        await expect(revoke()).resolves.toMatchObject({ id: victim.id });
        expect((await listAchievements(victim.plaintext)).status).toBe(401);
      } else {
        await expect(create()).rejects.toMatchObject({ code: "forbidden" });
        await expect(revoke()).rejects.toMatchObject({ code: "forbidden" });
        expect((await listAchievements(victim.plaintext)).status).toBe(200);
      }
    });
  }

  it("viewers still see the list (the page's read)", async () => {
    const access = await resolveOrgAccess(people.viewer.id, org.slug, "viewer");
    expect((await listApiKeys(access.org.id)).map((key) => key.id)).toContain(existing.id);
  });

  it("a member of another organization gets not_found, and cannot revoke this org's key from their own org", async () => {
    await expect(resolveOrgAccess(people.outsider.id, org.slug, REQUIRED_ROLE["apiKeys:manage"])).rejects.toMatchObject({ code: "not_found" });
    const theirOrg = await db.membership.findFirstOrThrow({ where: { userId: people.outsider.id }, select: { organizationId: true } });
    await expect(revokeApiKey(theirOrg.organizationId, existing.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listAchievements(existing.plaintext)).status).toBe(200);
  });
});

describe("the seed's API key", () => {
  it("exists once with every scope, however often the seed runs", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const plaintext = `seed-${org.id}`;
    expect((await ensureApiKey(org.id, plaintext)).created).toBe(true);
    expect((await ensureApiKey(org.id, plaintext)).created).toBe(false);
    expect(await db.apiKey.count({ where: { organizationId: org.id } })).toBe(1);
    expect((await authenticateApiKey(plaintext))?.apiKey.scopes.sort()).toEqual([...API_SCOPES].sort());
  });
});
