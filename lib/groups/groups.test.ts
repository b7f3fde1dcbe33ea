import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs";
import { createAchievement } from "@/lib/issuing/achievements";
import { getBulkJob } from "@/lib/issuing/bulk/queries";
import { retryFailedRows } from "@/lib/issuing/bulk/retry";
import { runBulkJob } from "@/lib/issuing/bulk/run-job";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { importGroupMembers } from "./import";
import { issueToGroup } from "./issue";
import { addGroupMember, createGroup, deleteGroup, getGroup, listGroups, removeGroupMember, renameGroup } from "./manage";

afterAll(async () => {
  await stopQueue();
  await closeDb();
});

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Cohort Academy");
  const group = await createGroup(org.id, "Spring cohort", { userId: owner.id });
  return { owner, org, group };
}

describe("importing a group's members from a CSV", () => {
  it("refuses the whole file when a row is wrong, naming each row and its reason, and imports nothing", async () => {
    const { org, group } = await setup();
    const tag = unique("g");
    const csv = ["Email,Full name", `ada.${tag}@example.com,Ada`, "not-an-email,Nobody", `ada.${tag}@example.com,Ada again`, `bo.${tag}@example.com,${"x".repeat(201)}`, ",No address"].join("\n");
    const refused = await importGroupMembers(org.id, group.id, csv).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "validation_failed",
      params: { count: 4 },
      fields: {
        file: { code: "rows_refused", params: { count: 4 } },
        "row.3": { code: "invalid_email", params: { value: "not-an-email" } },
        "row.4": { code: "duplicate_row", params: { row: 2 } },
        "row.5": { code: "too_long", params: { max: 200 } },
        "row.6": { code: "email_missing" },
      },
    });
    expect(await db.recipientGroupMember.count({ where: { groupId: group.id } })).toBe(0);
  });

  it("refuses a file without an email column or without rows, as a bulk upload does", async () => {
    const { org, group } = await setup();
    await expect(importGroupMembers(org.id, group.id, "Name,Team\nAda,Blue\n")).rejects.toMatchObject({ fields: { file: { code: "missing_column" } } });
    await expect(importGroupMembers(org.id, group.id, "email,name\n")).rejects.toMatchObject({ fields: { file: { code: "no_rows" } } });
    await expect(importGroupMembers(org.id, group.id, "email\n\"a@example.com\n")).rejects.toMatchObject({ fields: { file: { code: "csv_malformed" } } });
  });

  it("adds the new addresses, keeps the ones already there (taking the file's name) and never imports into another organization's group", async () => {
    const { owner, org, group } = await setup();
    const tag = unique("i");
    await addGroupMember(org.id, group.id, { email: `ada.${tag}@example.com` });
    const result = await importGroupMembers(org.id, group.id, [`correo;nombre`, `ADA.${tag}@example.com;Ada Lovelace`, `bo.${tag}@example.com;Bo`, `cy.${tag}@example.com;`].join("\n"), { userId: owner.id });
    expect(result).toEqual({ added: 2, updated: 1, total: 3 });
    const members = (await getGroup(org.id, group.id)).memberList.map((m) => [m.email, m.name]);
    expect(members).toEqual([[`ada.${tag}@example.com`, "Ada Lovelace"], [`bo.${tag}@example.com`, "Bo"], [`cy.${tag}@example.com`, null]]);

    const other = await setup();
    await expect(importGroupMembers(other.org.id, group.id, `email\nz.${tag}@example.com\n`)).rejects.toMatchObject({ code: "not_found" });
    await expect(getGroup(other.org.id, group.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(renameGroup(other.org.id, group.id, "Taken")).rejects.toMatchObject({ code: "not_found" });
    await expect(addGroupMember(other.org.id, group.id, { email: `z.${tag}@example.com` })).rejects.toMatchObject({ code: "not_found" });
    const memberId = (await getGroup(org.id, group.id)).memberList[0].id;
    await expect(removeGroupMember(other.org.id, group.id, memberId)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteGroup(other.org.id, group.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listGroups(other.org.id)).toEqual([expect.objectContaining({ name: "Spring cohort", members: 0 })]);
    expect(await db.recipientGroupMember.count({ where: { groupId: group.id } })).toBe(3);
    await expect(addGroupMember(org.id, group.id, { email: `bo.${tag}@example.com` })).rejects.toMatchObject({ fields: { email: { code: "already_in_group" } } });
  });
});

describe("issuing to a group", () => {
  it("runs as a bulk job, one row a member, whose failures retry like an upload's", async () => {
    const { owner, org, group } = await setup();
    const tag = unique("j");
    const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Cohort Graduate", description: "x", criteria: { narrative: "y" }, evidenceRequired: true }));
    await importGroupMembers(org.id, group.id, `email,name\nada.${tag}@example.com,Ada\nbo.${tag}@example.com,Bo\n`);
    // The achievement wants evidence a group does not hold: every row fails, and retries with it.
    await expect(issueToGroup(org.id, { groupId: group.id, achievementId: achievement.id })).rejects.toMatchObject({ fields: { file: { code: "no_valid_rows" } } });

    const plain = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Cohort Member", description: "x", criteria: { narrative: "y" } }));
    const job = await issueToGroup(org.id, { groupId: group.id, achievementId: plain.id, message: "Welcome!" }, { userId: owner.id });
    expect(job).toMatchObject({ status: "queued", total: 2, failed: 0 });
    await runBulkJob(job.id);
    expect(await getBulkJob(org.id, job.id)).toMatchObject({ status: "completed", fileName: "Spring cohort", issued: 2, failed: 0 });
    expect((await db.bulkJob.findUniqueOrThrow({ where: { id: job.id } })).options).toMatchObject({ source: "group", groupId: group.id });
    await expect(retryFailedRows(org.id, job.id, [{ rowNumber: 1, values: {} }])).rejects.toMatchObject({ fields: { "row.1": { code: "row_not_failed" } } });

    const empty = await createGroup(org.id, "Empty");
    await expect(issueToGroup(org.id, { groupId: empty.id, achievementId: plain.id })).rejects.toMatchObject({ fields: { groupId: { code: "group_empty" } } });
    const other = await setup();
    await expect(issueToGroup(other.org.id, { groupId: group.id, achievementId: plain.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
