import Papa from "papaparse";
import { AppError } from "@/lib/errors";

export const BULK_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 50_000 } as const;

export type CsvRow = { rowNumber: number; cells: string[] };
export type ParsedCsv = { headers: string[]; rows: CsvRow[]; delimiter: string };

const fileError = (code: string, message: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", message, { file: { code, params } });

const DELIMITERS = [",", ";", "\t", "|"];

// From the header line: papaparse's own guess counts blank lines against a delimiter.
function guessDelimiter(content: string): string {
  const end = content.search(/\r?\n/);
  const header = (end === -1 ? content : content.slice(0, end)).replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = header.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/**
 * Reads a CSV file (UTF-8, with or without a BOM; comma, semicolon or tab separated, as
 * spreadsheets export it) into a header and data rows. Row numbers are as a spreadsheet shows
 * them: the header is row 1. Blank lines are skipped but still counted.
 */
export function parseCsv(text: string): ParsedCsv {
  if (Buffer.byteLength(text, "utf8") > BULK_LIMITS.maxBytes) {
    throw fileError("file_too_large", "The file is larger than 10 MB", { maxMb: BULK_LIMITS.maxBytes / 1024 / 1024 });
  }
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (content.trim() === "") throw fileError("file_empty", "The file is empty");
  const result = Papa.parse<string[]>(content, { delimiter: guessDelimiter(content), skipEmptyLines: false });
  const broken = result.errors.find((error) => error.type === "Quotes");
  if (broken) throw fileError("csv_malformed", `The file is not valid CSV near row ${(broken.row ?? 0) + 1}`, { row: (broken.row ?? 0) + 1 });
  const [header = [], ...data] = result.data;
  const headers = header.map((cell) => cell.trim());
  if (headers.every((cell) => cell === "")) throw fileError("no_header", "The first row must name the columns");
  const rows: CsvRow[] = [];
  data.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === "")) return;
    rows.push({ rowNumber: index + 2, cells });
  });
  if (rows.length === 0) throw fileError("no_rows", "The file has a header but no rows");
  if (rows.length > BULK_LIMITS.maxRows) {
    throw fileError("too_many_rows", `The file has ${rows.length} rows; the limit is ${BULK_LIMITS.maxRows}`, { rows: rows.length, max: BULK_LIMITS.maxRows });
  }
  return { headers, rows, delimiter: result.meta.delimiter };
}
