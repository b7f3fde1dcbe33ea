import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { createBulkJobFromRows, type CreatedBulkJob } from "@/lib/issuing/bulk/create-job";
import type { ParsedCsv } from "@/lib/issuing/bulk/parse";
import type { GroupActor } from "./manage";

/**
 * Issues an achievement to everyone in a group through the bulk job machinery: one row a member
 * (email, name), checked, issued, reported and retried as an uploaded file's rows are.
 */
export async function issueToGroup(
  organizationId: string,
  input: { groupId: string; achievementId: string; message?: string },
  actor: GroupActor = {},
): Promise<CreatedBulkJob> {
  const group = await db.recipientGroup.findFirst({
    where: { id: input.groupId, organizationId },
    select: { id: true, name: true, members: { orderBy: { email: "asc" }, select: { email: true, name: true } } },
  });
  if (!group) throw new AppError("not_found", "Group not found", { groupId: { code: "not_found" } });
  if (group.members.length === 0) throw new AppError("validation_failed", "The group has no members", { groupId: { code: "group_empty" } });
  const parsed: ParsedCsv = {
    headers: ["email", "name"],
    delimiter: ",",
    rows: group.members.map((member, i) => ({ rowNumber: i + 1, cells: [member.email, member.name ?? ""] })),
  };
  return createBulkJobFromRows(
    organizationId,
    {
      achievementId: input.achievementId,
      fileName: group.name,
      fileHash: createHash("sha256").update(JSON.stringify(parsed.rows)).digest("hex"),
      parsed,
      mapping: { email: 0, name: 1 },
      message: input.message,
      extra: { groupId: group.id },
    },
    { ...actor, source: "group" },
  );
}
