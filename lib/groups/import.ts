import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/errors";
import { BodyTooLargeError, readFormWithLimit } from "@/lib/http/read-body";
import { guessMapping, type ColumnMapping } from "@/lib/issuing/bulk/columns";
import { describeIssue } from "@/lib/issuing/bulk/messages";
import { BULK_LIMITS, parseCsv } from "@/lib/issuing/bulk/parse";
import { validateRows } from "@/lib/issuing/bulk/validate";
import type { GroupActor } from "./manage";

/** How many refused rows an answer lists (the count says how many there are in all). */
const LISTED_PROBLEMS = 100;

const fileError = (code: string, message: string, params?: Record<string, string | number>) =>
  new AppError("validation_failed", message, { file: { code, params } });

export type GroupImportResult = { added: number; updated: number; total: number };

/**
 * Adds the people of a CSV (email and name columns, matched by their names as bulk uploads match
 * them) to a group, with the bulk upload's checks: the same file limits, the same reasons for a
 * refused row. One refused row refuses the file, and the answer names every such row by its
 * number with its reason (`row.<n>` fields): nothing is half-imported. An address already in
 * the group keeps its place and takes the file's name when the file gives one.
 */
export async function importGroupMembers(organizationId: string, groupId: string, text: string, actor: GroupActor = {}): Promise<GroupImportResult> {
  const group = await db.recipientGroup.findFirst({ where: { id: groupId, organizationId }, select: { id: true } });
  if (!group) throw new AppError("not_found", "Group not found", { groupId: { code: "not_found" } });
  const parsed = parseCsv(text);
  const guessed = guessMapping(parsed.headers);
  const mapping: ColumnMapping = { email: guessed.email, ...(guessed.name !== undefined && { name: guessed.name }) };
  if (mapping.email === undefined) throw fileError("missing_column", "No column holds the email addresses", { field: "email" });
  const result = validateRows(parsed, mapping);
  const refused = result.rows.filter((row) => row.issue);
  if (refused.length > 0) {
    const fields: FieldErrors = { file: { code: "rows_refused", params: { count: refused.length } } };
    for (const row of refused.slice(0, LISTED_PROBLEMS)) fields[`row.${row.rowNumber}`] = { code: row.issue!.code, params: row.issue!.params };
    const [first] = refused;
    throw new AppError("validation_failed", `Row ${first.rowNumber}: ${describeIssue(first.issue!, "en")}`, fields, { count: refused.length });
  }
  const emails = result.rows.map((row) => row.data.email);
  const names = result.rows.map((row) => row.data.name ?? null);
  return db.$transaction(async (tx) => {
    const written = await tx.$queryRaw<{ inserted: boolean }[]>`
      INSERT INTO "RecipientGroupMember" ("id", "groupId", "email", "name")
      SELECT gen_random_uuid()::text, ${group.id}, v.email, v.name FROM unnest(${emails}::text[], ${names}::text[]) AS v(email, name)
      ON CONFLICT ("groupId", "email") DO UPDATE SET "name" = COALESCE(EXCLUDED."name", "RecipientGroupMember"."name")
      RETURNING (xmax = 0) AS inserted`;
    const added = written.filter((row) => row.inserted).length;
    await tx.recipientGroup.update({ where: { id: group.id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "group.members_imported", targetType: "group", targetId: group.id, data: { added, updated: written.length - added }, ip: actor.ip });
    return { added, updated: written.length - added, total: written.length };
  });
}

/** The import form (multipart, one `file`), read with the bulk upload's size limit. */
export async function readGroupImportRequest(request: Request): Promise<string> {
  let form: FormData;
  try {
    form = await readFormWithLimit(request, BULK_LIMITS.maxBytes + 64 * 1024);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw fileError("file_too_large", "The file is larger than 10 MB", { maxMb: BULK_LIMITS.maxBytes / 1024 / 1024 });
    throw fileError("file_empty", "The upload is not a valid form");
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw fileError("file_empty", "Choose a CSV file");
  if (!/\.(csv|txt|tsv)$/i.test(file.name) && !/^text\/|csv|excel/.test(file.type)) throw fileError("not_csv", "Upload a CSV file");
  return file.text();
}
