// The columns of a CSV file of program events, as the page documents them. No server imports:
// the page and the example file read them too.

/** In this order in the example; any order in a file, matched by name without case. */
export const EVENT_COLUMNS = ["id", "email", "name", "metric", "value", "occurredAt"] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];
export const REQUIRED_EVENT_COLUMNS: readonly EventColumn[] = ["id", "email", "metric", "value"];

/** Events read and checked per call of the engine (the API's limit per request). */
export const EVENTS_CSV_CHUNK = 1000;

/** A small file that works, for the page's download: two learners on the program's first metric. */
export function exampleEventsCsv(metric = "courses_completed"): string {
  const rows = [
    EVENT_COLUMNS.join(","),
    `lms-81723,ada@example.com,Ada Lovelace,${metric},1,2026-01-15T10:00:00Z`,
    `lms-81724,ada@example.com,Ada Lovelace,${metric},1,2026-01-22T10:00:00Z`,
    `lms-81725,alan@example.com,Alan Turing,${metric},2,2026-01-23`,
  ];
  return `${rows.join("\r\n")}\r\n`;
}
