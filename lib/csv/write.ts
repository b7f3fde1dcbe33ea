import { isoOrNull } from "@/lib/dates";
// Every CSV Laurel writes goes through here, so no cell can turn into a spreadsheet formula.

/** A cell value as it may come from the database or a row object. */
export type CsvValue = string | number | boolean | Date | null | undefined;

// Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell that starts with one of these as a
// formula or DDE command (OWASP "CSV injection"); tab and CR start one after trimming.
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of a cell, neutralised: a leading formula character gets an apostrophe before it. */
export function neutraliseCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  // An unprintable stored date (an invalid Date) is an empty cell, not a failed export.
  const text = value instanceof Date ? (isoOrNull(value) ?? "") : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string, delimiter: string): string {
  return text.includes('"') || text.includes(delimiter) || text.includes("\n") || text.includes("\r") ? `"${text.replaceAll('"', '""')}"` : text;
}

export type CsvOptions = {
  /** Column separator (default ","). */
  delimiter?: string;
  /** Start with a UTF-8 byte order mark, so Excel reads accents right (default true). */
  bom?: boolean;
};

/** One CSV line (no line break), every cell neutralised and quoted where needed. */
export function csvLine(cells: readonly CsvValue[], delimiter = ","): string {
  return cells.map((cell) => quote(neutraliseCell(cell), delimiter)).join(delimiter);
}

/** A whole CSV document (RFC 4180: CRLF line breaks), header first. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const lines = [csvLine(header, delimiter)];
  for (const row of rows) lines.push(csvLine(row, delimiter));
  return `${options.bom === false ? "" : "\uFEFF"}${lines.join("\r\n")}\r\n`;
}
