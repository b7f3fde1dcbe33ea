import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseKind, db, ensureDb, sql } from "@/lib/db";

describe("lib/db", () => {
  it("opens nothing at import", () => {
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("laurel.db.state")]).toBeUndefined();
    expect(databaseKind()).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  it("round-trips a user and leaves passwordHash out unless asked", async () => {
    await ensureDb();
    const email = `round-trip-${randomUUID()}@example.org`;
    const created = await db.user.create({ data: { email, name: "Ada", passwordHash: "scrypt$test" } });
    expect(created).toMatchObject({ email, name: "Ada" });
    expect(created).not.toHaveProperty("passwordHash");

    const found = await db.user.findUnique({ where: { email } });
    expect(found?.id).toBe(created.id);
    expect(found).not.toHaveProperty("passwordHash");

    const withHash = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
    expect(withHash?.passwordHash).toBe("scrypt$test");
  });

  it("runs raw parameterized SQL on the same database", async () => {
    const email = `raw-${randomUUID()}@example.org`;
    await db.user.create({ data: { email } });
    const rows = await sql<{ email: string; total: string }>(
      `SELECT email, count(*) OVER () AS total FROM "User" WHERE email = $1`,
      [email],
    );
    // bigint comes back as a string on both backends, as pg returns it.
    expect(rows).toEqual([{ email, total: "1" }]);

    const last = await sql<{ answer: number }>("SELECT 1 AS answer; SELECT 42 AS answer");
    expect(last).toEqual([{ answer: 42 }]);
  });

  it("has applied the migrations", async () => {
    const rows = await sql<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("supports transactions", async () => {
    const slug = `org-${randomUUID()}`;
    await expect(
      db.$transaction(async (tx) => {
        await tx.organization.create({ data: { name: "Rolled back", slug } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db.organization.findUnique({ where: { slug } })).toBeNull();
  });
});
