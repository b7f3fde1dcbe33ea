import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { purgeExpired, purgeExpiredJob } from "./purge-expired";

// A "now" long past, so that with DATABASE_URL (one database for every test file) the purge
// only sees this file's rows.
const now = new Date("2001-06-15T12:00:00Z");
const at = (hours: number) => new Date(now.getTime() + hours * 60 * 60 * 1000);
const run = randomUUID().slice(0, 8);

afterAll(async () => {
  await db.user.deleteMany({ where: { email: `purge-${run}@example.test` } });
  await db.verificationToken.deleteMany({ where: { identifier: `purge-${run}` } });
  await db.rateLimit.deleteMany({ where: { key: { startsWith: `purge-${run}:` } } });
  await db.organization.deleteMany({ where: { slug: `purge-${run}` } });
  await db.oAuthClient.deleteMany({ where: { name: `purge-${run}` } });
  await db.renderedCard.deleteMany({ where: { key: { startsWith: `purge-${run}:` } } });
  await closeDb();
});

describe("maintenance.purge-expired", () => {
  it("deletes exactly the expired rows", async () => {
    const user = await db.user.create({ data: { email: `purge-${run}@example.test` } });
    await db.verificationToken.createMany({
      data: [
        { identifier: `purge-${run}`, token: `expired-${run}`, expires: at(-0.01) },
        { identifier: `purge-${run}`, token: `valid-${run}`, expires: at(1) },
      ],
    });
    await db.passwordResetToken.createMany({
      data: [
        { userId: user.id, tokenHash: `long-expired-${run}`, expiresAt: at(-25) },
        { userId: user.id, tokenHash: `just-expired-${run}`, expiresAt: at(-23) },
        { userId: user.id, tokenHash: `valid-${run}`, expiresAt: at(1) },
      ],
    });
    await db.rateLimit.createMany({
      data: [
        { key: `purge-${run}:old`, windowStart: at(-25), count: 3 },
        { key: `purge-${run}:recent`, windowStart: at(-23), count: 3 },
        { key: `purge-${run}:current`, windowStart: at(0), count: 1 },
      ],
    });

    const org = await db.organization.create({ data: { name: "Purge", slug: `purge-${run}` } });
    const record = { organizationId: org.id, scope: "POST /api/v1/credentials", requestHash: "h", status: 201, response: {} };
    await db.idempotencyRecord.createMany({
      data: [
        { ...record, key: `old-${run}`, createdAt: at(-8 * 24) },
        { ...record, key: `recent-${run}`, createdAt: at(-6 * 24) },
      ],
    });

    // Open Badges API: a connected app's codes and token pairs, and two apps nobody connected.
    const client = (id: string, createdAt: Date) =>
      db.oAuthClient.create({ data: { id: `lc_${id}${run}`, name: `purge-${run}`, redirectUris: ["https://w.example/cb"], scopes: [], tokenEndpointAuthMethod: "none", createdAt } });
    const connected = await client("connected", at(-40 * 24));
    await client("unused-old", at(-31 * 24));
    await client("unused-new", at(-29 * 24));
    const grant = await db.oAuthGrant.create({ data: { userId: user.id, clientId: connected.id, scopes: [] } });
    const code = { grantId: grant.id, scopes: [], redirectUri: "https://w.example/cb", codeChallenge: "c" };
    await db.oAuthAuthorizationCode.createMany({ data: [{ ...code, codeHash: `spent-${run}`, expiresAt: at(-0.01) }, { ...code, codeHash: `live-${run}`, expiresAt: at(0.05) }] });
    const pair = (name: string, access: number, refresh: number | null) => ({
      grantId: grant.id, scopes: [], accessTokenHash: `a-${name}-${run}`, accessTokenExpiresAt: at(access),
      refreshTokenHash: refresh === null ? null : `r-${name}-${run}`, refreshTokenExpiresAt: refresh === null ? null : at(refresh),
    });
    await db.oAuthToken.createMany({ data: [pair("refresh-expired", -24, -1), pair("refreshable", -1, 24), pair("access-only-expired", -1, null), pair("access-only", 1, null)] });

    // Share cards: one rendered 31 days ago, one 29 days ago.
    const png = Buffer.from("png") as Uint8Array<ArrayBuffer>;
    await db.renderedCard.createMany({
      data: [
        { key: `purge-${run}:old`, version: "v1", png, createdAt: at(-31 * 24) },
        { key: `purge-${run}:recent`, version: "v1", png, createdAt: at(-29 * 24) },
      ],
    });

    await expect(purgeExpired(now)).resolves.toEqual({
      verificationTokens: 1, passwordResetTokens: 1, rateLimits: 1, idempotencyRecords: 1, oauthCodes: 1, oauthTokens: 2, oauthClients: 1, renderedCards: 1,
    });
    expect((await db.renderedCard.findMany({ where: { key: { startsWith: `purge-${run}:` } } })).map((card) => card.key)).toEqual([`purge-${run}:recent`]);

    const tokens = await db.verificationToken.findMany({ where: { identifier: `purge-${run}` } });
    expect(tokens.map((t) => t.token)).toEqual([`valid-${run}`]);
    const resets = await db.passwordResetToken.findMany({ where: { userId: user.id }, orderBy: { expiresAt: "asc" } });
    expect(resets.map((t) => t.tokenHash)).toEqual([`just-expired-${run}`, `valid-${run}`]);
    const limits = await db.rateLimit.findMany({ where: { key: { startsWith: `purge-${run}:` } }, orderBy: { key: "asc" } });
    expect(limits.map((l) => l.key)).toEqual([`purge-${run}:current`, `purge-${run}:recent`]);
    const records = await db.idempotencyRecord.findMany({ where: { organizationId: org.id } });
    expect(records.map((r) => r.key)).toEqual([`recent-${run}`]);

    expect((await db.oAuthAuthorizationCode.findMany({ where: { grantId: grant.id } })).map((c) => c.codeHash)).toEqual([`live-${run}`]);
    expect((await db.oAuthToken.findMany({ where: { grantId: grant.id }, orderBy: { accessTokenHash: "asc" } })).map((t) => t.accessTokenHash)).toEqual([`a-access-only-${run}`, `a-refreshable-${run}`]);
    expect((await db.oAuthClient.findMany({ where: { name: `purge-${run}` }, orderBy: { id: "asc" } })).map((c) => c.id)).toEqual([`lc_connected${run}`, `lc_unused-new${run}`]);

    // A second run finds nothing left to delete.
    await expect(purgeExpired(now)).resolves.toEqual({
      verificationTokens: 0, passwordResetTokens: 0, rateLimits: 0, idempotencyRecords: 0, oauthCodes: 0, oauthTokens: 0, oauthClients: 0, renderedCards: 0,
    });
  });

  it("is scheduled hourly, one run at a time", () => {
    expect(purgeExpiredJob.schedule?.cron).toBe("0 * * * *");
    expect(purgeExpiredJob.options?.policy).toBe("singleton");
  });
});
