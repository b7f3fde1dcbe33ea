import { AppError } from "@/lib/errors";
import { parseCsv } from "@/lib/issuing/bulk/parse";
import { EVENT_COLUMNS, REQUIRED_EVENT_COLUMNS, type EventColumn } from "./columns";

/** One data row of the file: its line as a spreadsheet shows it (the header is line 1) and the event it stands for. */
export type EventsCsvRow = { line: number; event: Record<string, unknown> };

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z]/g, "");

/** A number as written in a cell ("3", "-1.5", "1e3"); anything else stays text for the schema to refuse. */
function cellValue(cell: string): unknown {
  const text = cell.trim();
  if (text === "") return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : text;
}

/**
 * Reads a CSV file of events (the same reader as bulk issuing: UTF-8, any separator a spreadsheet
 * uses, at most 10 MB and 50,000 rows) into the events the API would take, for one program. A
 * file that cannot be read or lacks a required column is refused whole, naming `file`; a bad row
 * is left to the event schema, which refuses it alone.
 */
export function parseEventsCsv(text: string, programId: string): EventsCsvRow[] {
  const parsed = parseCsv(text);
  const index = new Map<EventColumn, number>();
  parsed.headers.forEach((header, i) => {
    const column = EVENT_COLUMNS.find((name) => normalise(name) === normalise(header));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = REQUIRED_EVENT_COLUMNS.find((column) => !index.has(column));
  if (missing) {
    throw new AppError("validation_failed", `The file has no "${missing}" column`, { file: { code: "missing_column", params: { column: missing } } });
  }
  const cell = (cells: string[], column: EventColumn) => {
    const at = index.get(column);
    const value = at === undefined ? undefined : cells[at]?.trim();
    return value === "" ? undefined : value;
  };
  return parsed.rows.map(({ rowNumber, cells }) => ({
    line: rowNumber,
    event: {
      id: cell(cells, "id"),
      learner: { email: cell(cells, "email"), ...(cell(cells, "name") !== undefined && { name: cell(cells, "name") }) },
      programId,
      metric: cell(cells, "metric"),
      value: cellValue(cell(cells, "value") ?? ""),
      ...(cell(cells, "occurredAt") !== undefined && { occurredAt: cell(cells, "occurredAt") }),
    },
  }));
}
