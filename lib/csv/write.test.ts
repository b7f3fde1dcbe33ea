import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvLine, neutraliseCell, writeCsv } from "./write";

describe("neutraliseCell", () => {
  it.each([
    ["=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
  ])("puts an apostrophe before %j", (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it("leaves ordinary text, numbers and dates alone", () => {
    expect(neutraliseCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(neutraliseCell("a=b")).toBe("a=b");
    expect(neutraliseCell(42)).toBe("42");
    expect(neutraliseCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell(undefined)).toBe("");
  });
});

describe("writeCsv", () => {
  it("quotes separators, quotes and line breaks, and reads back as the same cells", () => {
    const rows = [
      ["Smith, Jo", 'She said "hi"', "two\nlines"],
      ["=cmd|' /C calc'!A0", "-1", "plain"],
    ];
    const csv = writeCsv(["a", "b", "c"], rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: "\r\n" }).data;
    expect(parsed).toEqual([
      ["a", "b", "c"],
      ["Smith, Jo", 'She said "hi"', "two\nlines"],
      ["'=cmd|' /C calc'!A0", "'-1", "plain"],
    ]);
  });

  it("never lets a cell start with a formula character, whatever the column", () => {
    const csv = writeCsv(["=header"], [["@x"], ["+y"]], { bom: false });
    for (const line of csv.trimEnd().split("\r\n")) expect(line).toMatch(/^[^=+\-@\t\r]/);
  });

  it("uses the delimiter asked for", () => {
    expect(csvLine(["a;b", "c"], ";")).toBe('"a;b";c');
  });
});
