import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { createAchievement } from "../achievements";
import { achievementInputSchema } from "../schemas";
import { createBulkJob } from "./create-job";
import { failedRowsCsv } from "./failed-rows";
import { pastedRowsText } from "./paste";
import { retryFailedRows } from "./retry";
import { getBulkJob } from "./queries";
import { runBulkJob } from "./run-job";
import { bulkTemplateCsv, templateColumns } from "./template";

afterAll(async () => {
  await stopQueue();
  await closeDb();
});

async function setup(extra: Record<string, unknown> = {}) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Retry Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "Data Wrangler", description: "Wrangles data.", criteria: { narrative: "Pass." }, ...extra }),
  );
  return { owner, org, achievement };
}

const readCsv = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, "").trimEnd(), { newline: "\r\n" }).data;

describe("the CSV template", () => {
  it("has the columns the achievement takes, each matched by the upload without a choice", async () => {
    const { org, achievement } = await setup();
    const plain = await bulkTemplateCsv(org.id, achievement.id);
    expect(plain.fileName).toBe("data-wrangler-recipients.csv");
    expect(readCsv(plain.csv)).toEqual([["email", "name", "result", "issue_date", "expiry_date"]]);

    const strict = await createAchievement(
      org.id,
      parseInput(achievementInputSchema, { name: "Évidence Pro", description: "x", criteria: { narrative: "y" }, evidenceRequired: true, expiresAfter: { value: 12, unit: "months" } }),
    );
    const withExample = await bulkTemplateCsv(org.id, strict.id, { example: true, now: new Date("2026-06-01T00:00:00Z") });
    expect(withExample.fileName).toBe("evidence-pro-recipients.csv");
    const [header, example, ...rest] = readCsv(withExample.csv);
    expect(header).toEqual(["email", "name", "result", "issue_date", "evidence_url", "narrative"]);
    expect(rest).toEqual([]);
    expect(example[0]).toMatch(/@example\.com$/);

    // The example row, uploaded as it is, is a row that can be issued: the columns map by their names.
    const job = await createBulkJob(org.id, { achievementId: strict.id, fileName: withExample.fileName, text: withExample.csv });
    expect(job).toMatchObject({ total: 1, failed: 0 });
    expect(templateColumns({ evidenceRequired: false, expiresAfterValue: null }).map((c) => c.field)).toEqual(["email", "name", "result", "issueDate", "expiryDate"]);
  });

  it("is another organization's achievement's: not found", async () => {
    const { achievement } = await setup();
    const other = await setup();
    await expect(bulkTemplateCsv(other.org.id, achievement.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("failed rows and retrying them", () => {
  it("hands back the failed rows with the file's columns and an error column, neutralised", async () => {
    const { org, achievement } = await setup();
    const tag = unique("f");
    const text = ["Email;Full name;Score", `ok.${tag}@example.com;Ada;90`, `broken-${tag};=cmd|' /C calc'!A0;75`].join("\n");
    const job = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "scores.csv", text });
    await runBulkJob(job.id);
    const file = await failedRowsCsv(org.id, job.id, "en");
    expect(file.fileName).toBe("scores-failed-rows.csv");
    const rows = readCsv(file.csv);
    expect(rows[0]).toEqual(["Email", "Full name", "Score", "error"]);
    expect(rows.slice(1)).toEqual([[`broken-${tag}`, "'=cmd|' /C calc'!A0", "75", `“broken-${tag}” is not a valid email address.`]]);
    expect(await failedRowsCsv(org.id, job.id, "es").then((f) => f.csv)).toContain("no es una dirección de correo válida");
    const other = await setup();
    await expect(failedRowsCsv(other.org.id, job.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("issues a corrected row in the same job, never the rows already issued, and a second retry issues no one twice", async () => {
    const { owner, org, achievement } = await setup();
    const tag = unique("r");
    const text = ["email,name,result", `ada.${tag}@example.com,Ada,Passed`, `bo.${tag}@,Bo,Merit`, `cy.${tag}@example.com,Cy,Passed`].join("\n");
    const job = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "cohort.csv", text }, { userId: owner.id });
    await runBulkJob(job.id);
    expect(await getBulkJob(org.id, job.id)).toMatchObject({ status: "completed", issued: 2, failed: 1 });

    // A correction that is still wrong is refused, naming the row, and changes nothing.
    await expect(retryFailedRows(org.id, job.id, [{ rowNumber: 3, values: { email: "still wrong" } }])).rejects.toMatchObject({
      code: "validation_failed",
      fields: { "row.3": { code: "invalid_email", params: { row: 3 } } },
    });
    // A row that was issued cannot be retried.
    await expect(retryFailedRows(org.id, job.id, [{ rowNumber: 2, values: {} }])).rejects.toMatchObject({ fields: { "row.2": { code: "row_not_failed" } } });
    expect(await getBulkJob(org.id, job.id)).toMatchObject({ status: "completed", failed: 1 });

    const corrected = `bo.${tag}@example.com`;
    expect(await retryFailedRows(org.id, job.id, [{ rowNumber: 3, values: { email: ` ${corrected.toUpperCase()} ` } }], { userId: owner.id })).toEqual({ retried: 1 });
    expect(await getBulkJob(org.id, job.id)).toMatchObject({ status: "queued", done: 2, failed: 0 });
    // While it waits, another retry is refused.
    await expect(retryFailedRows(org.id, job.id, [{ rowNumber: 3, values: {} }])).rejects.toMatchObject({ code: "conflict" });
    await runBulkJob(job.id);
    expect(await getBulkJob(org.id, job.id)).toMatchObject({ status: "completed", total: 3, done: 3, issued: 3, failed: 0 });
    const credentials = await db.credential.findMany({ where: { organizationId: org.id }, select: { recipientEmail: true, bulkJobId: true } });
    expect(credentials.map((c) => c.recipientEmail).sort()).toEqual([`ada.${tag}@example.com`, corrected, `cy.${tag}@example.com`]);
    expect(credentials.every((c) => c.bulkJobId === job.id)).toBe(true);
    // The corrected cell is what the file's row now holds.
    const row = await db.bulkRow.findFirstOrThrow({ where: { jobId: job.id, rowNumber: 3 } });
    expect(row.data).toMatchObject({ email: corrected, cells: [corrected, "Bo", "Merit"] });

    // Nothing failed any more: a retry has nothing to try, and issues nobody again.
    await expect(retryFailedRows(org.id, job.id, [{ rowNumber: 3, values: {} }])).rejects.toMatchObject({ fields: { "row.3": { code: "row_not_failed" } } });
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(3);
    expect(await db.auditLog.count({ where: { organizationId: org.id, action: "bulk_job.retried" } })).toBe(1);
    expect((await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } })).options).toMatchObject({ retries: 1 });
  });

  it("retries a row twice over without a second credential: the same award meets its idempotency key", async () => {
    const { org, achievement } = await setup();
    const tag = unique("d");
    // Row 3 repeats row 2: refused as a duplicate, then retried as it is.
    const text = ["email,name", `ann.${tag}@example.com,Ann`, `ann.${tag}@example.com,Ann again`].join("\n");
    const job = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "twice.csv", text });
    await runBulkJob(job.id);
    expect(await getBulkJob(org.id, job.id)).toMatchObject({ issued: 1, failed: 1 });
    await retryFailedRows(org.id, job.id, [{ rowNumber: 3, values: {} }]);
    await runBulkJob(job.id);
    expect(await getBulkJob(org.id, job.id)).toMatchObject({ status: "completed", issued: 1, skipped: 1, failed: 0 });
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(1);
    // Another organization cannot retry A's job.
    const other = await setup();
    await expect(retryFailedRows(other.org.id, job.id, [{ rowNumber: 3, values: {} }])).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("pasted rows", () => {
  it("reads tab-separated cells with their header as they are, and writes a header when none was copied", () => {
    expect(pastedRowsText("email\tname\r\na@example.com\tAda\r\n\r\n")).toEqual({ text: "email\tname\na@example.com\tAda", headerAdded: false });
    expect(pastedRowsText("a@example.com\tAda Lovelace\t90\nb@example.com\tBo\t80")).toEqual({
      text: "email\tname\tcolumn 3\na@example.com\tAda Lovelace\t90\nb@example.com\tBo\t80",
      headerAdded: true,
    });
    expect(pastedRowsText("Ada,ada@example.com").text.split("\n")[0]).toBe("name,email");
    expect(pastedRowsText(" \n ")).toEqual({ text: "", headerAdded: false });
  });
});
