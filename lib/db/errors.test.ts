import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isUniqueViolation } from "./errors";

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
