import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db, sql } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs";
import { SigningPool, signCredentialsInThread } from "@/lib/ob/sign-batch";
import type { Signer } from "../issue-batch";
import { verifyCredential } from "@/lib/ob/verify";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { createAchievement } from "../achievements";
import { publishedIssuerProfile } from "../issuer-profile";
import { publishedKeyDocument } from "../public-documents";
import { achievementInputSchema } from "../schemas";
import { signedStatusList } from "../status-lists";
import { publicUrls } from "../urls";
import { createBulkJob, previewBulkUpload } from "./create-job";
import { getBulkJob, listBulkFailures } from "./queries";
import { bulkReportCsv } from "./report";
import { handleBulkIssue, JOB_FAILED_MESSAGE, runBulkJob } from "./run-job";

afterAll(async () => {
  await stopQueue();
  await closeDb();
});

async function setup(extra: Record<string, unknown> = {}) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Bulk Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "Spreadsheet Wizard", description: "Tames spreadsheets.", criteria: { narrative: "Pass the test." }, ...extra }),
  );
  return { owner, org, achievement };
}

/** A CSV with `valid` good rows (unique addresses for this test) plus the extra lines. */
function csvOf(tag: string, valid: number, extra: string[] = []) {
  const lines = ["email,name,issue date,evidence"];
  for (let i = 0; i < valid; i++) lines.push(`learner${i}.${tag}@example.com,Learner ${i},2026-01-15,https://example.org/work/${i}`);
  return [...lines, ...extra].join("\n");
}

const claimEmailsFor = async (credentialIds: string[]) =>
  (await sql<{ n: string | number }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'credential.claim-email' AND data->>'credentialId' = ANY($1)`, [credentialIds]))[0].n;

async function rowsOf(jobId: string) {
  return db.bulkRow.findMany({ where: { jobId }, orderBy: { rowNumber: "asc" }, select: { rowNumber: true, status: true, credentialId: true, error: true } });
}

describe("bulk issuance job", () => {
  it("issues the valid rows, reports the invalid ones, counts both and queues one claim email per credential", async () => {
    const { owner, org, achievement } = await setup();
    const tag = unique("a");
    const text = csvOf(tag, 3, ["not-an-email,Broken,2026-01-15,", `learner0.${tag}@example.com,Again,2026-01-15,https://example.org/work/0`, `late.${tag}@example.com,Late,15/01/2026,`]);

    const preview = await previewBulkUpload(org.id, { achievementId: achievement.id, fileName: "cohort.csv", text });
    expect(preview).toMatchObject({ total: 6, valid: 3, invalid: 3, mapping: { email: 0, name: 1, issueDate: 2, evidenceUrl: 3 } });
    expect(preview.problems.map((row) => [row.rowNumber, row.issue?.code])).toEqual([[5, "invalid_email"], [6, "duplicate_row"], [7, "invalid_date"]]);
    expect(await db.bulkJob.count({ where: { organizationId: org.id } })).toBe(0);

    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "cohort.csv", text, message: "Well done!" }, { userId: owner.id });
    expect(created).toMatchObject({ status: "queued", total: 6, done: 3, failed: 3 });

    const summary = await runBulkJob(created.id);
    expect(summary).toMatchObject({ status: "completed", total: 6, done: 6, failed: 3 });
    const view = await getBulkJob(org.id, created.id);
    expect(view).toMatchObject({ issued: 3, skipped: 0, failed: 3, done: 6 });

    const rows = await rowsOf(created.id);
    expect(rows.map((row) => row.status)).toEqual(["issued", "issued", "issued", "failed", "failed", "failed"]);
    expect(rows[5].error).toContain("YYYY-MM-DD");

    const credentials = await db.credential.findMany({ where: { bulkJobId: created.id }, orderBy: { recipientEmail: "asc" } });
    expect(credentials.map((c) => c.recipientEmail)).toEqual([0, 1, 2].map((i) => `learner${i}.${tag}@example.com`));
    expect(new Set(credentials.map((c) => c.statusIndex)).size).toBe(3);
    expect(credentials.every((c) => c.message === "Well done!" && c.validFrom.toISOString() === "2026-01-15T00:00:00.000Z")).toBe(true);
    expect(await db.credentialEvent.count({ where: { credentialId: { in: credentials.map((c) => c.id) }, type: "issued" } })).toBe(3);
    expect(Number(await claimEmailsFor(credentials.map((c) => c.id)))).toBe(3);

    // Signed like any other credential: both proofs verify against the published key and status list.
    const fetchRemote = async (url: string) => {
      const path = new URL(url).pathname;
      const status = path.match(/^\/o\/([^/]+)\/status\/([^/]+)$/);
      const key = path.match(/^\/o\/([^/]+)\/keys\/([^/]+)$/);
      if (status) return signedStatusList(status[1], status[2]);
      if (key) return publishedKeyDocument(key[1], key[2]);
      return publishedIssuerProfile(path.split("/")[2]);
    };
    const [first] = credentials;
    expect((first.document as { credentialSubject: { achievement: { name: string } } }).credentialSubject.achievement.name).toBe("Spreadsheet Wizard");
    for (const form of [first.document, first.jwt]) {
      const result = await verifyCredential(form as never, { fetchRemote, allowOrigins: [], now: new Date(Date.now() + 5000) });
      expect(result.checks.filter((check) => !check.ok)).toEqual([]);
    }

    const failures = await listBulkFailures(org.id, created.id);
    expect(failures.map((f) => [f.rowNumber, f.issue?.code])).toEqual([[5, "invalid_email"], [6, "duplicate_row"], [7, "invalid_date"]]);
  });

  it("the same file uploaded again issues nobody twice: every row is skipped with the existing credential", async () => {
    const { org, achievement } = await setup();
    const text = csvOf(unique("b"), 4);
    const first = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "a.csv", text });
    await runBulkJob(first.id);
    const second = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "a-again.csv", text });
    const summary = await runBulkJob(second.id);

    expect(summary).toMatchObject({ status: "completed", done: 4, failed: 0 });
    expect(await getBulkJob(org.id, second.id)).toMatchObject({ issued: 0, skipped: 4 });
    expect(await db.credential.count({ where: { achievementId: achievement.id } })).toBe(4);
    const [firstRows, secondRows] = [await rowsOf(first.id), await rowsOf(second.id)];
    expect(secondRows.map((row) => row.credentialId)).toEqual(firstRows.map((row) => row.credentialId));
    expect(secondRows.every((row) => row.status === "skipped" && row.error === "Skipped: already issued.")).toBe(true);
    // No second claim email either.
    expect(Number(await claimEmailsFor(firstRows.map((row) => row.credentialId!)))).toBe(4);
  });

  it("a crash after the first batch, then a re-run, issues every row exactly once", async () => {
    const { org, achievement } = await setup();
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "crash.csv", text: csvOf(unique("c"), 7) });

    await expect(
      runBulkJob(created.id, {
        batchSize: 3,
        afterBatch: (batch) => {
          if (batch === 1) throw new Error("the process died");
        },
      }),
    ).rejects.toThrow("the process died");
    expect(await getBulkJob(org.id, created.id)).toMatchObject({ status: "running", done: 3, issued: 3 });

    // Two workers picking the job up at once must not double-issue either.
    await Promise.all([runBulkJob(created.id, { batchSize: 3 }), runBulkJob(created.id, { batchSize: 2 })]);
    const view = await getBulkJob(org.id, created.id);
    expect(view).toMatchObject({ status: "completed", total: 7, done: 7, failed: 0 });
    expect(view.issued + view.skipped).toBe(7);
    const credentials = await db.credential.findMany({ where: { achievementId: achievement.id }, select: { recipientEmail: true, id: true } });
    expect(credentials).toHaveLength(7);
    expect(new Set(credentials.map((c) => c.recipientEmail)).size).toBe(7);
    expect(Number(await claimEmailsFor(credentials.map((c) => c.id)))).toBe(7);
  });

  it("a batch's claim emails commit with its credentials: after a crash none is missing, after the re-run none is doubled", async () => {
    const { org, achievement } = await setup();
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "emails.csv", text: csvOf(unique("m"), 5) });
    await expect(
      runBulkJob(created.id, {
        batchSize: 2,
        afterBatch: () => {
          throw new Error("the process died");
        },
      }),
    ).rejects.toThrow();
    const firstBatch = (await db.credential.findMany({ where: { bulkJobId: created.id }, select: { id: true } })).map((c) => c.id);
    expect(firstBatch).toHaveLength(2);
    for (const id of firstBatch) expect(Number(await claimEmailsFor([id])), id).toBe(1);

    await runBulkJob(created.id);
    const all = (await db.credential.findMany({ where: { bulkJobId: created.id }, select: { id: true } })).map((c) => c.id);
    expect(all).toHaveLength(5);
    for (const id of all) expect(Number(await claimEmailsFor([id])), id).toBe(1);
  });

  it("the preview refuses a date the job could not store, exactly as the job does", async () => {
    const { org, achievement } = await setup({ expiresAfter: { value: 3, unit: "months" } });
    const tag = unique("y");
    const text = [
      "email,issue date,expiry date",
      `ok.${tag}@example.com,2026-01-15,`,
      `zero.${tag}@example.com,0000-01-01,`,
      `old.${tag}@example.com,1899-12-31,`,
      `far.${tag}@example.com,2026-01-15,10000-01-01`,
      // Valid as written, but the achievement's three-month expiry would land in the year 10000.
      `edge.${tag}@example.com,9999-11-15,`,
    ].join("\n");
    const preview = await previewBulkUpload(org.id, { achievementId: achievement.id, fileName: "years.csv", text });
    expect(preview.problems.map((row) => [row.rowNumber, row.issue?.code])).toEqual([
      [3, "date_out_of_range"],
      [4, "date_out_of_range"],
      [5, "invalid_date"],
      [6, "date_out_of_range"],
    ]);
    expect(preview.problems[0].issue?.params).toMatchObject({ column: "issue date", value: "0000-01-01", min: 1900, max: 9999 });

    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "years.csv", text });
    expect(await runBulkJob(created.id)).toMatchObject({ status: "completed", total: 5, done: 5, failed: 4 });
    const rows = await rowsOf(created.id);
    expect(rows.map((row) => row.status)).toEqual(["issued", "failed", "failed", "failed", "failed"]);
    expect(rows[1].error).toBe("“0000-01-01” in column “issue date” is outside the years 1900 to 9999 (the expiry date the achievement gives included).");
  });

  it("a row recorded with a date the job now refuses fails alone when the job reaches it", async () => {
    const { org, achievement } = await setup();
    const tag = unique("r");
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "old.csv", text: csvOf(tag, 3) });
    // As an older version recorded it: the preview then called 0000-01-01 valid.
    const [second] = await db.bulkRow.findMany({ where: { jobId: created.id }, orderBy: { rowNumber: "asc" }, skip: 1, take: 1 });
    await db.bulkRow.update({ where: { id: second.id }, data: { data: { ...(second.data as object), issueDate: "0000-01-01" } } });

    expect(await runBulkJob(created.id)).toMatchObject({ status: "completed", done: 3, failed: 1 });
    const rows = await rowsOf(created.id);
    expect(rows.map((row) => row.status)).toEqual(["issued", "failed", "issued"]);
    expect(rows[1].error).toMatch(/outside the years 1900 to 9999/);
    expect((await listBulkFailures(org.id, created.id))[0].issue).toMatchObject({ code: "date_out_of_range" });
  });

  it("a row the database refuses at store time fails alone with a clear reason; the rest of its batch is issued", async () => {
    const { org, achievement } = await setup();
    const tag = unique("t");
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "store.csv", text: csvOf(tag, 7) });
    // A signer whose output for one recipient (row 6, "Learner 4") holds a character PostgreSQL refuses in JSON.
    const sign = (async (credentials: Array<Record<string, unknown>>, key: Parameters<Signer>[1]) =>
      (await signCredentialsInThread(credentials, key)).map((item) =>
        (item.credential as unknown as { credentialSubject: { name?: string } }).credentialSubject.name === "Learner 4" ? { ...item, credential: { ...item.credential, poison: "\u0000" } } : item,
      )) as Signer;
    expect(await runBulkJob(created.id, { batchSize: 7, sign })).toMatchObject({ status: "completed", total: 7, done: 7, failed: 1 });
    const rows = await rowsOf(created.id);
    expect(rows.map((row) => row.status)).toEqual(["issued", "issued", "issued", "issued", "failed", "issued", "issued"]);
    expect(rows[4].error).toBe("Not issued: this row contains characters that can’t be stored. Correct it and upload the row again.");
    expect(await db.credential.count({ where: { bulkJobId: created.id } })).toBe(6);
    expect(await db.bulkRow.count({ where: { jobId: created.id, status: "pending" } })).toBe(0);
    const issuedIds = rows.flatMap((row) => (row.credentialId ? [row.credentialId] : []));
    expect(Number(await claimEmailsFor(issuedIds))).toBe(6);
    expect(await db.credentialEvent.count({ where: { credentialId: { in: issuedIds }, type: "issued" } })).toBe(6);
    const report = await bulkReportCsv(org.id, created.id, "es");
    expect(report.csv).toContain("No emitida: esta fila contiene caracteres que no se pueden guardar.");
  });

  it("a job that fails for good leaves no row pending and tells its owner no database internals", async () => {
    const { org, achievement } = await setup();
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "down.csv", text: csvOf(unique("f"), 4) });
    const sign: Signer = async () => {
      throw new Error('Raw query failed. Code: `57P01`. Message: `terminating connection due to administrator command` on "Credential"');
    };
    await expect(handleBulkIssue(created.id, { retryCount: 3, retryLimit: 3 }, { sign })).rejects.toThrow();
    const view = await getBulkJob(org.id, created.id);
    expect(view).toMatchObject({ status: "failed", total: 4, done: 4, failed: 4, error: JOB_FAILED_MESSAGE });
    expect(view.error).not.toMatch(/Raw query|Code:|Credential/);
    const rows = await rowsOf(created.id);
    expect(rows.every((row) => row.status === "failed" && row.error?.startsWith("Not issued: the job stopped"))).toBe(true);
  });

  it("hands over to a new queue job once its time budget is spent", async () => {
    const { org, achievement } = await setup();
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "slices.csv", text: csvOf(unique("s"), 5) });
    const summary = await runBulkJob(created.id, { batchSize: 2, timeBudgetMs: 0 });
    expect(summary).toMatchObject({ status: "running", done: 2 });
    const [{ n }] = await sql<{ n: string | number }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'credential.bulk-issue' AND data->>'jobId' = $1`, [created.id]);
    expect(Number(n)).toBe(2);
    expect(await runBulkJob(created.id)).toMatchObject({ status: "completed", done: 5 });
  });

  it("signs on a pool of worker threads when given one, with the same result", async () => {
    const { org, achievement } = await setup();
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "pool.csv", text: csvOf(unique("d"), 5) });
    const pool = await SigningPool.start(2);
    try {
      await runBulkJob(created.id, { batchSize: 2, sign: (credentials, key) => pool.sign(credentials, key, { chunkSize: 1 }) });
    } finally {
      await pool.close();
    }
    const credentials = await db.credential.findMany({ where: { bulkJobId: created.id } });
    expect(credentials).toHaveLength(5);
    expect(credentials.every((c) => c.jwt.split(".").length === 3 && (c.document as { proof: unknown[] }).proof.length === 1)).toBe(true);
  });

  it("writes a report of every row in which no cell can run as a formula", async () => {
    const { org, achievement } = await setup();
    const tag = unique("e");
    const text = [
      "email,name",
      `safe.${tag}@example.com,"=HYPERLINK(""http://evil.example"",""click"")"`,
      `plus.${tag}@example.com,+1+2`,
      "@bad,@SUM(A1)",
    ].join("\n");
    const created = await createBulkJob(org.id, { achievementId: achievement.id, fileName: "names.csv", text });
    await runBulkJob(created.id);

    const report = await bulkReportCsv(org.id, created.id, "en");
    expect(report.fileName).toBe("names-report.csv");
    const [header, ...rows] = Papa.parse<string[]>(report.csv.replace(/^\uFEFF/, "").trimEnd(), { newline: "\r\n" }).data;
    expect(header).toEqual(["Row", "Email", "Name", "Status", "Credential URL", "Error"]);
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ["2", `safe.${tag}@example.com`, `'=HYPERLINK("http://evil.example","click")`, "issued"],
      ["3", `plus.${tag}@example.com`, "'+1+2", "issued"],
      ["4", "'@bad", "'@SUM(A1)", "failed"],
    ]);
    const credential = await db.credential.findFirstOrThrow({ where: { bulkJobId: created.id, recipientEmail: `safe.${tag}@example.com` } });
    expect(rows[0][4]).toBe(publicUrls.credential(credential.id));
    expect(rows[2][5]).toMatch(/not a valid email address/);
    for (const row of rows) for (const cell of row) expect(cell).toMatch(/^([^=+\-@\t\r]|$)/);

    const spanish = await bulkReportCsv(org.id, created.id, "es");
    expect(spanish.csv).toContain("Fila,Correo,Nombre,Estado");
    // Another organization's job is not found.
    const other = await setup();
    await expect(bulkReportCsv(other.org.id, created.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an upload with no email column or no valid row, and an archived achievement", async () => {
    const { org, achievement } = await setup();
    await expect(createBulkJob(org.id, { achievementId: achievement.id, fileName: "x.csv", text: "name\nAda\n" })).rejects.toMatchObject({
      fields: { mapping: { code: "missing_column" } },
    });
    await expect(createBulkJob(org.id, { achievementId: achievement.id, fileName: "x.csv", text: "email\nnope\n" })).rejects.toMatchObject({
      fields: { file: { code: "no_valid_rows" } },
    });
    await db.achievement.update({ where: { id: achievement.id }, data: { archivedAt: new Date() } });
    await expect(previewBulkUpload(org.id, { achievementId: achievement.id, fileName: "x.csv", text: "email\na@example.com\n" })).rejects.toMatchObject({ code: "conflict" });
  });
});
