import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { guessMapping } from "./columns";
import { BULK_LIMITS, parseCsv } from "./parse";
import { checkBulkRow, parseIsoDate, validateRows } from "./validate";

const check = (csv: string, options: { evidenceRequired?: boolean } = {}) => {
  const parsed = parseCsv(csv);
  return validateRows(parsed, guessMapping(parsed.headers), options);
};

function fileErrorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).fields?.file;
  }
  throw new Error("expected an error");
}

describe("parseCsv", () => {
  it("reads quoted fields with commas, quotes and line breaks", () => {
    const parsed = parseCsv('email,name,narrative\nada@example.com,"Lovelace, Ada","She said ""hi""\nand left"\n');
    expect(parsed.headers).toEqual(["email", "name", "narrative"]);
    expect(parsed.rows).toEqual([{ rowNumber: 2, cells: ["ada@example.com", "Lovelace, Ada", 'She said "hi"\nand left'] }]);
  });

  it("drops a UTF-8 byte order mark, so the first header is still recognised", () => {
    const parsed = parseCsv("\uFEFFEmail,Name\nada@example.com,Ada\n");
    expect(parsed.headers[0]).toBe("Email");
    expect(guessMapping(parsed.headers)).toEqual({ email: 0, name: 1 });
  });

  it("reads semicolon-separated files as European spreadsheets save them", () => {
    const parsed = parseCsv("correo;nombre\nana@example.com;Ana Pérez\n");
    expect(parsed.delimiter).toBe(";");
    expect(parsed.rows[0].cells).toEqual(["ana@example.com", "Ana Pérez"]);
    expect(guessMapping(parsed.headers)).toEqual({ email: 0, name: 1 });
  });

  it("skips blank lines but keeps spreadsheet row numbers", () => {
    const parsed = parseCsv("email\r\na@example.com\r\n\r\nb@example.com\r\n");
    expect(parsed.rows.map((row) => row.rowNumber)).toEqual([2, 4]);
  });

  it("refuses empty files, header-only files and unclosed quotes", () => {
    expect(fileErrorOf(() => parseCsv("  \n"))?.code).toBe("file_empty");
    expect(fileErrorOf(() => parseCsv("email,name\n"))?.code).toBe("no_rows");
    expect(fileErrorOf(() => parseCsv('email,name\na@example.com,"Ada\n'))?.code).toBe("csv_malformed");
  });

  it("refuses more than 50,000 rows and more than 10 MB", () => {
    const rows = Array.from({ length: BULK_LIMITS.maxRows + 1 }, (_, i) => `p${i}@example.com`).join("\n");
    expect(fileErrorOf(() => parseCsv(`email\n${rows}`))).toMatchObject({ code: "too_many_rows", params: { max: 50_000 } });
    expect(fileErrorOf(() => parseCsv(`email\n${"x".repeat(BULK_LIMITS.maxBytes)}`))).toMatchObject({ code: "file_too_large", params: { maxMb: 10 } });
  });
});

describe("guessMapping", () => {
  it("maps common header names, each column to one field", () => {
    expect(guessMapping(["Recipient Email", "Full name", "Evidence URL", "Notes", "Issue date", "Expiry date", "Score", "Cohort"])).toEqual({
      email: 0, name: 1, evidenceUrl: 2, narrative: 3, issueDate: 4, expiryDate: 5, result: 6,
    });
    expect(guessMapping(["Participant e-mail", "Cohort"])).toEqual({ email: 0 });
  });
});

describe("validateRows", () => {
  it("reports bad emails, wrong date formats and bad URLs per row, naming the expected format", () => {
    const result = check(
      [
        "email,name,issue date,expiry date,evidence",
        "ada@example.com,Ada,2026-03-01,2027-03-01,https://example.org/work/1",
        "not-an-email,Bob,,,",
        "cy@example.com,Cy,01/03/2026,,",
        "di@example.com,Di,2026-02-30,,",
        "ed@example.com,Ed,2026-03-01,2026-02-01,",
        "fa@example.com,Fa,,,javascript:alert(1)",
      ].join("\n"),
    );
    expect(result.valid).toBe(1);
    expect(result.rows.map((row) => [row.rowNumber, row.issue?.code])).toEqual([
      [2, undefined],
      [3, "invalid_email"],
      [4, "invalid_date"],
      [5, "invalid_date"],
      [6, "expiry_before_issue"],
      [7, "invalid_url"],
    ]);
    expect(result.rows[2].issue?.params).toEqual({ column: "issue date", value: "01/03/2026", expected: "YYYY-MM-DD" });
    expect(result.rows[0].data).toEqual({
      email: "ada@example.com", name: "Ada", issueDate: "2026-03-01", expiryDate: "2027-03-01", evidenceUrl: "https://example.org/work/1",
    });
  });

  it("marks a row that repeats an earlier one (email compared without case) as a duplicate", () => {
    const result = check("email,name\nada@example.com,Ada\nbo@example.com,Bo\nADA@example.com ,Ada L.\n");
    expect(result.rows.map((row) => row.issue)).toEqual([undefined, undefined, { code: "duplicate_row", params: { row: 2 } }]);
  });

  it("an issue date written as a date or as that midnight in UTC is the same date", () => {
    const result = check("email,issue date\nada@example.com,2026-01-15\nada@example.com,2026-01-15T00:00:00Z\n");
    expect(result.rows[1].issue).toEqual({ code: "duplicate_row", params: { row: 2 } });
  });

  it("the same person with different evidence is not a duplicate", () => {
    const result = check("email,evidence\nada@example.com,https://example.org/1\nada@example.com,https://example.org/2\n");
    expect(result.invalid).toBe(0);
  });

  it("needs the email column mapped, and mapped columns that exist", () => {
    const parsed = parseCsv("name,cohort\nAda,1\n");
    const missing = validateRows(parsed, guessMapping(parsed.headers));
    expect(missing.mappingIssues).toEqual([{ code: "missing_column", params: { field: "email" } }]);
    expect(missing.valid).toBe(0);
    const unknown = validateRows(parsed, { email: 0, name: 7 });
    expect(unknown.mappingIssues).toEqual([{ code: "unknown_column", params: { field: "name", column: "7" } }]);
  });

  it("asks for evidence when the achievement requires it", () => {
    const result = check("email,evidence\nada@example.com,\nbo@example.com,https://example.org/1\n", { evidenceRequired: true });
    expect(result.rows.map((row) => row.issue?.code)).toEqual(["evidence_required", undefined]);
  });

  it("keeps formula-like cells as plain data", () => {
    const result = check('email,name,narrative\nada@example.com,"=HYPERLINK(""http://evil.example"",""x"")",@SUM(A1)\n');
    expect(result.valid).toBe(1);
    expect(result.rows[0].data).toMatchObject({ name: '=HYPERLINK("http://evil.example","x")', narrative: "@SUM(A1)" });
  });
});

describe("parseIsoDate", () => {
  it("accepts ISO dates and date-times, nothing else", () => {
    expect(parseIsoDate("2026-03-31")?.toISOString()).toBe("2026-03-31T00:00:00.000Z");
    expect(parseIsoDate("2026-03-31T10:00:00Z")?.toISOString()).toBe("2026-03-31T10:00:00.000Z");
    for (const bad of ["31/03/2026", "2026-3-31", "2026-13-01", "2025-02-29", "March 31, 2026", "2026-03-31 10:00"]) expect(parseIsoDate(bad)).toBeNull();
  });
});

describe("checkBulkRow", () => {
  it("refuses dates outside the years 1900–9999, and an expiry the achievement's policy would push past them", () => {
    expect(checkBulkRow({ email: "a@example.com", issueDate: "0000-01-01" })).toMatchObject({ issue: { code: "date_out_of_range" } });
    expect(checkBulkRow({ email: "a@example.com", issueDate: "1899-12-31" })).toMatchObject({ issue: { code: "date_out_of_range" } });
    expect(checkBulkRow({ email: "a@example.com", issueDate: "1900-01-01" })).toHaveProperty("request");
    expect(checkBulkRow({ email: "a@example.com", issueDate: "9999-12-31" })).toHaveProperty("request");
    const yearly = { expiresAfterValue: 12, expiresAfterUnit: "months" };
    expect(checkBulkRow({ email: "a@example.com", issueDate: "9999-06-01" }, yearly)).toMatchObject({ issue: { code: "date_out_of_range" } });
    expect(checkBulkRow({ email: "a@example.com", issueDate: "9998-06-01" }, yearly)).toHaveProperty("request");
  });

  it("refuses NUL characters and broken surrogate pairs, which no column can hold, and keeps emoji", () => {
    expect(checkBulkRow({ email: "a@example.com", name: "Ada\u0000" })).toMatchObject({ issue: { code: "invalid_characters", params: { column: "name" } } });
    expect(checkBulkRow({ email: "a@example.com", narrative: "half \uD83D" })).toMatchObject({ issue: { code: "invalid_characters" } });
    expect(checkBulkRow({ email: "a@example.com", name: "Ada 🎓" })).toMatchObject({ request: { recipient: { name: "Ada 🎓" } } });
  });

  it("turns a valid row into the request the job issues", () => {
    expect(checkBulkRow({ email: "a@example.com", name: "Ada", issueDate: "2026-01-15", evidenceUrl: "https://example.org/1", result: "A" })).toEqual({
      request: {
        recipient: { email: "a@example.com", name: "Ada" },
        validFrom: new Date("2026-01-15T00:00:00Z"),
        validUntil: undefined,
        evidence: [{ id: "https://example.org/1" }],
        narrative: undefined,
        result: "A",
      },
    });
  });

  it("records a refused row with the unstorable characters replaced", () => {
    const result = check("email,name\nada@example.com,Ada\u0000Lovelace\n");
    expect(result.rows[0]).toMatchObject({ issue: { code: "invalid_characters" }, data: { name: "Ada\uFFFDLovelace" } });
  });
});
