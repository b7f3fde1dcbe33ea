import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isUniqueViolation, sqlState } from "./errors";

describe("isUniqueViolation", () => {
  it("names the violated field on this database's adapter", async () => {
    const slug = `dup-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await db.organization.create({ data: { name: "First", slug } });
    const error = await db.organization.create({ data: { name: "Second", slug } }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, "slug")).toBe(true);
    expect(isUniqueViolation(error, "name")).toBe(false);
  });

  it("reads both adapter shapes: fields and index names", () => {
    const byIndex = { code: "P2002", meta: { driverAdapterError: { cause: { constraint: { index: "User_handle_key" } } } } };
    const byFields = { code: "P2002", meta: { driverAdapterError: { cause: { constraint: { fields: ["handle"] } } } } };
    for (const error of [byIndex, byFields]) {
      expect(isUniqueViolation(error, "handle")).toBe(true);
      expect(isUniqueViolation(error, "email")).toBe(false);
    }
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
  });
});

describe("sqlState", () => {
  it("reads the SQLSTATE of a refused value through this database's adapter, and nothing from other errors", async () => {
    const outOfRange = await db.$queryRaw`SELECT ${"0000-01-01T00:00:00.000Z"}::timestamp(3) AS x`.catch((e: unknown) => e);
    expect(sqlState(outOfRange)).toBe("22008");
    const nul = await db.$queryRaw`SELECT ${"a\u0000b"}::text AS x`.catch((e: unknown) => e);
    expect(sqlState(nul)).toMatch(/^22/);
    // Prisma's own codes (P2002…) and plain errors are not SQLSTATEs.
    const slug = `dup-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await db.organization.create({ data: { name: "First", slug } });
    const unique = await db.organization.create({ data: { name: "Second", slug } }).catch((e: unknown) => e);
    expect(sqlState(unique)).not.toBe("P2002");
    expect(sqlState(new Error("boom"))).toBeNull();
    expect(sqlState(Object.assign(new Error("x"), { code: "P2010" }))).toBeNull();
  });
});
