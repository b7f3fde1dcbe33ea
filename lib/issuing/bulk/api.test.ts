import { afterAll, describe, expect, it } from "vitest";
import { POST as bulkIssue } from "@/app/api/v1/credentials/bulk/route";
import { GET as getJob } from "@/app/api/v1/jobs/[id]/route";
import { createApiKey } from "@/lib/api/keys";
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { createAchievement } from "../achievements";
import { achievementInputSchema } from "../schemas";
import { runBulkJob } from "./run-job";

afterAll(async () => {
  await stopQueue();
  await closeDb();
});

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "API Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "API Badge", description: "Via the API.", criteria: { narrative: "Call it." } }));
  const writer = (await createApiKey(org.id, { name: "writer", scopes: ["credentials:write"] })).plaintext;
  const reader = (await createApiKey(org.id, { name: "reader", scopes: ["credentials:read"] })).plaintext;
  return { org, achievement, writer, reader };
}

const post = (key: string, body: unknown) =>
  bulkIssue(
    new Request("http://localhost/api/v1/credentials/bulk", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({}) },
  );
const get = (key: string, id: string) =>
  getJob(new Request(`http://localhost/api/v1/jobs/${id}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id }) });

describe("REST API: bulk issuance", () => {
  it("accepts recipients as a job (202), reports bad rows, and the job's state answers on /api/v1/jobs/{id}", async () => {
    const { org, achievement, writer, reader } = await setup();
    const tag = unique("api");
    const recipients = [
      { email: `ada.${tag}@example.com`, name: "Ada", validFrom: "2026-01-15", evidence: "https://example.org/ada" },
      { email: "not-an-email" },
      { email: `alan.${tag}@example.com`, validFrom: "15/01/2026" },
      { email: `grace.${tag}@example.com`, result: "A+" },
    ];
    const response = await post(writer, { achievementId: achievement.id, recipients, message: "Welcome!" });
    expect(response.status).toBe(202);
    const { job } = await response.json();
    expect(job).toMatchObject({ status: "queued", achievementId: achievement.id, total: 4, done: 2, failed: 2, issued: 0 });
    expect(job.url).toMatch(new RegExp(`/dashboard/${org.slug}/issue/bulk/${job.id}$`));

    await runBulkJob(job.id);
    const state = await get(reader, job.id);
    expect(state.status).toBe(200);
    expect((await state.json()).job).toMatchObject({ id: job.id, status: "completed", total: 4, done: 4, failed: 2, issued: 2, skipped: 0 });
    const grace = await db.credential.findFirstOrThrow({ where: { bulkJobId: job.id, recipientEmail: `grace.${tag}@example.com` } });
    expect((grace.document as { credentialSubject: { result: unknown } }).credentialSubject.result).toEqual([{ type: ["Result"], value: "A+" }]);

    // The same recipients again: a new job, but nobody gets a second credential.
    const again = await (await post(writer, { achievementId: achievement.id, recipients })).json();
    await runBulkJob(again.job.id);
    expect((await (await get(reader, again.job.id)).json()).job).toMatchObject({ issued: 0, skipped: 2, failed: 2 });
    expect(await db.credential.count({ where: { achievementId: achievement.id } })).toBe(2);
  });

  it("a recipient with a date no database holds fails alone, named; the others are issued and the job says nothing of the database", async () => {
    const { achievement, writer, reader } = await setup();
    const tag = unique("yr");
    const recipients = [
      { email: `a.${tag}@example.com`, validFrom: "2026-01-15" },
      { email: `zero.${tag}@example.com`, validFrom: "0000-01-01" },
      { email: `b.${tag}@example.com`, validUntil: "20260-01-15" },
      { email: `c.${tag}@example.com` },
    ];
    const response = await post(writer, { achievementId: achievement.id, recipients });
    expect(response.status).toBe(202);
    const { job } = await response.json();
    expect(job).toMatchObject({ total: 4, failed: 2 });
    await runBulkJob(job.id);
    const state = (await (await get(reader, job.id)).json()).job;
    expect(state).toMatchObject({ status: "completed", total: 4, done: 4, failed: 2, issued: 2, error: null });
    const rows = await db.bulkRow.findMany({ where: { jobId: job.id }, orderBy: { rowNumber: "asc" }, select: { status: true, error: true } });
    expect(rows.map((row) => row.status)).toEqual(["issued", "failed", "failed", "issued"]);
    expect(rows[1].error).toMatch(/“0000-01-01” in column “validFrom” is outside the years 1900 to 9999/);
    expect(rows[2].error).toMatch(/“20260-01-15” in column “validUntil” is not a date/);
  });

  it("needs credentials:write to post and the key's own organization to read", async () => {
    const { achievement, writer, reader } = await setup();
    const refused = await post(reader, { achievementId: achievement.id, recipients: [{ email: "x@example.com" }] });
    expect(refused.status).toBe(403);
    const { job } = await (await post(writer, { achievementId: achievement.id, recipients: [{ email: "x@example.com" }] })).json();

    const other = await setup();
    expect((await get(other.reader, job.id)).status).toBe(404);
    expect((await post(other.writer, { achievementId: achievement.id, recipients: [{ email: "x@example.com" }] })).status).toBe(404);
    expect((await get(reader, "no-such-job")).status).toBe(404);
  });

  it("refuses a body without recipients, naming the field", async () => {
    const { achievement, writer } = await setup();
    const response = await post(writer, { achievementId: achievement.id, recipients: [] });
    expect(response.status).toBe(422);
    expect((await response.json()).error.details).toHaveProperty("recipients");
    const none = await post(writer, { achievementId: achievement.id, recipients: [{ email: "bad" }] });
    expect(none.status).toBe(422);
    expect((await none.json()).error.details).toEqual({ file: { code: "no_valid_rows" } });
  });
});
