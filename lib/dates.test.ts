import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { issueCredentialSchema } from "@/lib/issuing/schemas";
import { dateSchema, daySchema, formatStoredDate, isoOrNull, parseDateInput } from "./dates";

const body = (extra: Record<string, unknown>) => ({ achievementId: "c0000000000000000000000000", recipient: { email: "lee@example.com" }, ...extra });

describe("the bounded date schema (defects 2 and 14)", () => {
  it("accepts RFC 3339 dates and date-times within 1900–9999", () => {
    for (const [input, iso] of [
      ["1900-01-01", "1900-01-01T00:00:00.000Z"],
      ["2026-01-15", "2026-01-15T00:00:00.000Z"],
      ["9999-12-31", "9999-12-31T00:00:00.000Z"],
      ["2026-01-15T10:30:00Z", "2026-01-15T10:30:00.000Z"],
      ["2026-01-15T10:30:00.123456+02:00", "2026-01-15T08:30:00.123Z"],
      ["2026-01-15T10:30Z", "2026-01-15T10:30:00.000Z"],
      ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ] as const) {
      const parsed = parseDateInput(input);
      expect(parsed.ok, input).toBe(true);
      if (parsed.ok) expect(parsed.date.toISOString()).toBe(iso);
    }
  });

  it("refuses years outside the bounds, with the reason", () => {
    for (const input of ["20260-01-15", "1899-12-31", "0000-01-01", "10000-01-01", "+020260-01-15T00:00:00Z", "-000001-01-01", "9999-12-31T23:00:00-05:00"]) {
      expect(parseDateInput(input), input).toEqual({ ok: false, code: "date_out_of_range" });
    }
    expect(parseDateInput(new Date(Date.UTC(1850, 0, 1)))).toEqual({ ok: false, code: "date_out_of_range" });
  });

  it("refuses null, booleans, numbers and malformed or impossible dates", () => {
    for (const input of [null, true, false, 0, 1_700_000_000_000, {}, [], "", "yesterday", "15/01/2026", "2026-02-30", "2025-02-29", "2026-13-01", "2026-01-15T25:00:00Z", "2026-01-15T10:00:00", "2026-1-5", "2026-01-15\u0000", new Date(NaN)]) {
      expect(parseDateInput(input), String(input)).toEqual({ ok: false, code: "invalid_date" });
    }
  });

  it("is what the issuing schema uses: validFrom null, true, 0 or in year 20260 is a 422 naming the field", () => {
    for (const [validFrom, code] of [[null, "invalid_date"], [true, "invalid_date"], [0, "invalid_date"], ["20260-01-15", "date_out_of_range"], ["0000-01-01", "date_out_of_range"]] as const) {
      expect(() => parseInput(issueCredentialSchema, body({ validFrom })), String(validFrom)).toThrow(
        expect.objectContaining({ code: "validation_failed", fields: { validFrom: { code } } }),
      );
    }
    expect(parseInput(issueCredentialSchema, body({ validFrom: "2026-01-15" })).validFrom).toEqual(new Date("2026-01-15T00:00:00Z"));
    expect(parseInput(issueCredentialSchema, body({})).validFrom).toBeUndefined();
  });

  it("documents itself as a date-time string in the OpenAPI document", () => {
    expect(z.toJSONSchema(z.object({ at: dateSchema }), { io: "input" }).properties?.at).toMatchObject({ type: "string", format: "date-time" });
  });

  it("days (analytics ranges) are bounded the same way", () => {
    expect(daySchema.safeParse("2026-01-31").success).toBe(true);
    expect(daySchema.safeParse("0000-01-01").error?.issues[0].message).toBe("date_out_of_range");
    expect(daySchema.safeParse("2026-01-31T00:00:00Z").error?.issues[0].message).toBe("invalid_date");
  });
});

describe("reading stored dates", () => {
  const unreadable = new Date(NaN); // what a stored year 20260 reads as

  it("prints nothing rather than throwing", () => {
    expect(() => unreadable.toISOString()).toThrow();
    expect(isoOrNull(unreadable)).toBeNull();
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(new Date("2026-01-15T00:00:00Z"))).toBe("2026-01-15T00:00:00.000Z");
    expect(formatStoredDate(unreadable, (date) => new Intl.DateTimeFormat("en").format(date))).toBe("—");
  });
});
