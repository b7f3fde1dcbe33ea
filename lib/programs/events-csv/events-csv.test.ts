import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db, sql } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { createProgram, setProgramArchived } from "../manage";
import { programInputSchema } from "../schemas";
import { exampleEventsCsv } from "./columns";
import { createEventsCsvJob } from "./create-job";
import { parseEventsCsv } from "./parse";
import { getEventsJob, listEventsJobs, rejectedRowsOf } from "./queries";
import { eventsReportCsv } from "./report";
import { runEventsCsvJob } from "./run-job";

afterAll(async () => {
  await stopQueue();
  await closeDb();
});

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Events Academy");
  const program = await createProgram(org.id, parseInput(programInputSchema, { name: "Courses", metrics: [{ key: "courses_completed", label: "Courses" }] }));
  return { owner, org, program };
}

const fileErrorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fields?.file;
    throw error;
  }
  return undefined;
};

/** A file with good rows (ids unique to this test) and, after them, one bad row per kind of mistake. */
function fileOf(tag: string) {
  return [
    "ID,Email,Name,Metric,Value,occurredat",
    `${tag}-1,ada.${tag}@example.com,Ada Lovelace,courses_completed,1,2026-01-15T10:00:00Z`,
    `${tag}-2,ada.${tag}@example.com,Ada Lovelace,courses_completed,2,2026-01-16`,
    `${tag}-3,not-an-email,Broken,courses_completed,1,2026-01-15`,
    "",
    `${tag}-4,alan.${tag}@example.com,Alan Turing,courses_completed,one,2026-01-15`,
    `${tag}-5,alan.${tag}@example.com,Alan Turing,Courses Completed,1,2026-01-15`,
    `${tag}-6,alan.${tag}@example.com,Alan Turing,courses_completed,1,15/01/2026`,
    `,alan.${tag}@example.com,Alan Turing,courses_completed,1,`,
    `${tag}-8,grace.${tag}@example.com,,courses_completed,3.5,`,
  ].join("\n");
}

// What the API's event schema says of each bad row: the line as a spreadsheet numbers it, and the column.
const EXPECTED_REJECTED = [
  { line: 4, field: "email", code: "invalid_email" },
  { line: 6, field: "value", code: "required" },
  { line: 7, field: "metric", code: "invalid_metric_key" },
  { line: 8, field: "occurredAt", code: "invalid_date" },
  { line: 9, field: "id", code: "required" },
];

describe("reading a CSV file of events", () => {
  it("turns each row into the event the API takes, for the page's program", () => {
    const rows = parseEventsCsv(fileOf("p"), "cprogram0000000000000000001");
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({
      line: 2,
      event: { id: "p-1", learner: { email: "ada.p@example.com", name: "Ada Lovelace" }, programId: "cprogram0000000000000000001", metric: "courses_completed", value: 1, occurredAt: "2026-01-15T10:00:00Z" },
    });
    // The blank line is skipped but counted, so lines match the spreadsheet.
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 6, 7, 8, 9, 10]);
    expect(rows[3].event.value).toBe("one");
    expect(rows[7].event).toEqual({ id: "p-8", learner: { email: "grace.p@example.com" }, programId: "cprogram0000000000000000001", metric: "courses_completed", value: 3.5 });
  });

  it("refuses a file without a required column, naming the column", () => {
    expect(fileErrorOf(() => parseEventsCsv("id,email,metric\nx,a@example.com,m", "c1"))).toEqual({ code: "missing_column", params: { column: "value" } });
    expect(fileErrorOf(() => parseEventsCsv("email,metric,value\na@example.com,m,1", "c1"))).toEqual({ code: "missing_column", params: { column: "id" } });
    expect(fileErrorOf(() => parseEventsCsv("", "c1"))).toMatchObject({ code: "file_empty" });
    expect(fileErrorOf(() => parseEventsCsv("id,email,metric,value\n", "c1"))).toMatchObject({ code: "no_rows" });
  });

  it("offers an example file that reads without a problem", () => {
    const rows = parseEventsCsv(exampleEventsCsv("lessons"), "c1");
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.event.metric === "lessons" && typeof row.event.value === "number")).toBe(true);
  });
});

describe("the events job", () => {
  it("feeds the good rows to the program, refuses each bad row alone, and reports line, column and reason", async () => {
    const { owner, org, program } = await setup();
    const tag = unique("f");
    const created = await createEventsCsvJob(org.id, program.id, { fileName: "week-3.csv", text: fileOf(tag) }, { userId: owner.id });
    expect(created).toMatchObject({ status: "queued", total: 8, done: 0, failed: 0 });
    const queued = await sql<{ n: string | number }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'program.events-csv' AND data->>'jobId' = $1`, [created.id]);
    expect(Number(queued[0].n)).toBe(1);

    // Small chunks, so the file takes several calls of the engine and the counters move between them.
    const finished = await runEventsCsvJob(created.id, { chunkSize: 3 });
    expect(finished).toMatchObject({ status: "completed", total: 8, done: 8, failed: EXPECTED_REJECTED.length, error: null });
    const rejected = await rejectedRowsOf(org.id, program.id, created.id);
    expect(rejected.map(({ line, field, code }) => ({ line, field, code }))).toEqual(EXPECTED_REJECTED);
    expect(rejected.every((row) => row.message.length > 0)).toBe(true);

    // The file's text is not kept once it is processed.
    const stored = await db.programJob.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.options).toEqual({ fileName: "week-3.csv", fileHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stored.finishedAt).toBeInstanceOf(Date);

    const report = await eventsReportCsv(org.id, program.id, created.id, "en");
    expect(report.fileName).toBe("week-3-rejected.csv");
    const [header, ...lines] = Papa.parse<string[]>(report.csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(header).toEqual(["Line", "Column", "Code", "Why"]);
    expect(lines.map((line) => [line[0], line[1], line[2]])).toEqual(EXPECTED_REJECTED.map((row) => [String(row.line), row.field, row.code]));
    expect(lines[0][3]).toBe("Column “email” is not a valid email address.");
    const spanish = await eventsReportCsv(org.id, program.id, created.id, "es");
    expect(spanish.csv).toContain("La columna «email» no es una dirección de correo válida.");

    expect((await listEventsJobs(org.id, program.id)).map((job) => [job.id, job.fileName])).toEqual([[created.id, "week-3.csv"]]);
    // Running it again changes nothing.
    expect(await runEventsCsvJob(created.id)).toMatchObject({ status: "completed", done: 8, failed: EXPECTED_REJECTED.length });
  });

  it("is safe to upload twice: the same rows, the same ids, the same report", async () => {
    const { org, program } = await setup();
    const text = fileOf(unique("twice"));
    const first = await createEventsCsvJob(org.id, program.id, { fileName: "a.csv", text });
    await runEventsCsvJob(first.id);
    const eventsAfterFirst = await db.programEvent.count({ where: { organizationId: org.id } });
    const second = await createEventsCsvJob(org.id, program.id, { fileName: "a.csv", text });
    expect(await runEventsCsvJob(second.id)).toMatchObject({ status: "completed", done: 8, failed: EXPECTED_REJECTED.length });
    // The events' ids come from the file: the engine counts the second sending as duplicates.
    expect(await db.programEvent.count({ where: { organizationId: org.id } })).toBe(eventsAfterFirst);
    const report = async (jobId: string) => (await rejectedRowsOf(org.id, program.id, jobId)).map(({ line, field, code }) => ({ line, field, code }));
    expect(await report(second.id)).toEqual(await report(first.id));
  });

  it("resumes after the rows a crashed run had recorded", async () => {
    const { org, program } = await setup();
    const job = await createEventsCsvJob(org.id, program.id, { fileName: "b.csv", text: fileOf(unique("resume")) });
    // As a run that recorded its first chunk (rows 1–3, one refused) and died.
    await db.programJob.update({ where: { id: job.id }, data: { status: "running", done: 3, failed: 1, report: [{ line: 4, field: "email", code: "invalid_email", message: "learner.email: invalid_email" }] } });
    expect(await runEventsCsvJob(job.id, { chunkSize: 3 })).toMatchObject({ status: "completed", done: 8, failed: EXPECTED_REJECTED.length });
    expect((await rejectedRowsOf(org.id, program.id, job.id)).map((row) => row.line)).toEqual(EXPECTED_REJECTED.map((row) => row.line));
  });

  it("refuses an archived program, another organization's program and an unreadable file, leaving no job", async () => {
    const { org, program } = await setup();
    const other = await setup();
    const codeOf = (promise: Promise<unknown>) => promise.then(() => null, (error: AppError) => ({ code: error.code, file: error.fields?.file?.code }));
    expect(await codeOf(createEventsCsvJob(other.org.id, program.id, { fileName: "x.csv", text: fileOf("x") }))).toEqual({ code: "not_found", file: undefined });
    expect(await codeOf(createEventsCsvJob(org.id, program.id, { fileName: "x.csv", text: "email,value\na@example.com,1" }))).toEqual({ code: "validation_failed", file: "missing_column" });
    await setProgramArchived(org.id, program.id, true);
    expect(await codeOf(createEventsCsvJob(org.id, program.id, { fileName: "x.csv", text: fileOf("x") }))).toEqual({ code: "conflict", file: "program_archived" });
    expect(await db.programJob.count({ where: { programId: program.id } })).toBe(0);
    // Nor can another organization read a job.
    const job = await createEventsCsvJob(other.org.id, other.program.id, { fileName: "y.csv", text: fileOf(unique("y")) });
    expect(await codeOf(getEventsJob(org.id, other.program.id, job.id))).toEqual({ code: "not_found", file: undefined });
    expect(await codeOf(eventsReportCsv(org.id, other.program.id, job.id))).toEqual({ code: "not_found", file: undefined });
  });
});
