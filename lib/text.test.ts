import { describe, expect, it } from "vitest";
import { z } from "zod";
import { shortenTitle } from "@/lib/design/badge-design";
import { parseInput } from "@/lib/errors";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { cleanText, firstGrapheme, isSafeText, safeText, truncateText } from "./text";

describe("safeText", () => {
  it("refuses NUL and lone surrogates, keeps every real character", () => {
    for (const bad of ["a\u0000b", "\u0000", "x\uD800", "\uDC00y", "a\uD83Db", "\uDE00\uD83D"]) expect(isSafeText(bad)).toBe(false);
    for (const good of ["", "plain", "José Ñúñez", "日本語", "😀", "👩🏽‍🚀 astronaut", "🇪🇸", "tab\tand\nnewline", "\u200Bzero-width"]) expect(isSafeText(good)).toBe(true);
  });

  it("names the field and the reason in the validation error", () => {
    const schema = z.object({ name: safeText().trim().max(10) });
    expect(() => parseInput(schema, { name: "bad\u0000" })).toThrow(expect.objectContaining({ code: "validation_failed", fields: { name: { code: "invalid_characters" } } }));
    expect(parseInput(schema, { name: "  fine  " })).toEqual({ name: "fine" });
  });

  it("guards every text field of an achievement, URLs included", () => {
    const base = { name: "Data", description: "Reads data.", criteria: { narrative: "Pass." } };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, name: "Da\u0000ta" }, "name"],
      [{ ...base, description: "\uD800" }, "description"],
      [{ ...base, criteria: { narrative: "x\u0000" } }, "criteria.narrative"],
      [{ ...base, criteria: { id: "https://example.org/\u0000" } }, "criteria.id"],
      [{ ...base, tags: ["ok", "b\u0000d"] }, "tags.1"],
      [{ ...base, alignment: [{ targetName: "T\uDC00", targetUrl: "https://example.org" }] }, "alignment.0.targetName"],
    ];
    for (const [input, field] of cases) {
      const result = achievementInputSchema.safeParse(input);
      expect(result.success, field).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
    }
  });
});

describe("truncateText (defect 12: a badge title cut inside an emoji)", () => {
  it("never cuts a character in half and stays within the schema's length", () => {
    const name = `${"a".repeat(38)}😀 and more`; // the emoji's two code units straddle the 39th unit
    const title = shortenTitle(name);
    expect(isSafeText(title)).toBe(true);
    expect(title.length).toBeLessThanOrEqual(40);
    expect(title.endsWith("…")).toBe(true);
    expect(z.string().max(40).safeParse(title).success).toBe(true);
  });

  it("keeps flags, skin tones and joined emoji whole", () => {
    for (const unit of ["🇪🇸", "👍🏽", "👩🏽‍🚀", "é"]) {
      for (let max = 2; max < 30; max++) {
        const cut = truncateText(unit.repeat(20), max);
        expect(cut.length).toBeLessThanOrEqual(max);
        const body = cut.slice(0, -1);
        expect(body.length % unit.length, `${unit} at ${max}`).toBe(0);
        expect(body).toBe(unit.repeat(body.length / unit.length));
      }
    }
  });

  it("cuts at a word when one is near, and leaves short text alone", () => {
    expect(truncateText("Advanced Data Literacy for Public Servants", 30, { atWord: true })).toBe("Advanced Data Literacy for…");
    expect(truncateText("Short", 30)).toBe("Short");
    expect(firstGrapheme("👩🏽‍🚀 Ada")).toBe("👩🏽‍🚀");
  });

  it("an achievement named so its default title would split an emoji is accepted with a whole title", () => {
    const name = `${"Data literacy ".repeat(2)}${"x".repeat(10)}🧑‍💻🧑‍💻 extra`;
    const input = parseInput(achievementInputSchema, {
      name,
      description: "Reads data.",
      criteria: { narrative: "Pass." },
      design: { template: "circle", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "star", title: shortenTitle(name) },
    });
    expect(isSafeText(input.design!.title)).toBe(true);
  });
});

describe("cleanText (text imported from elsewhere)", () => {
  it("drops NUL and replaces lone surrogates, keeping real characters", () => {
    expect(cleanText("a\u0000b\uD800c😀\uDC00")).toBe("ab\uFFFDc😀\uFFFD");
    expect(isSafeText(cleanText("\uDBFF\u0000\uDFFF"))).toBe(true);
  });
});
