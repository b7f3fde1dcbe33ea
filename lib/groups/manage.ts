import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Saved groups (cohorts): named lists of recipients an organization keeps and issues to. Every
 * query names the organization the door resolved, so another organization's group is the same
 * "not found" as one that does not exist.
 */

export type GroupActor = { userId?: string; ip?: string };
export type GroupSummary = { id: string; name: string; members: number; updatedAt: Date };
export type GroupMemberView = { id: string; email: string; name: string | null };

const groupNotFound = () => new AppError("not_found", "Group not found", { groupId: { code: "not_found" } });

export async function listGroups(organizationId: string): Promise<GroupSummary[]> {
  const groups = await db.recipientGroup.findMany({
    where: { organizationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, updatedAt: true, _count: { select: { members: true } } },
  });
  return groups.map((group) => ({ id: group.id, name: group.name, updatedAt: group.updatedAt, members: group._count.members }));
}

/** One group with its members, by address. */
export async function getGroup(organizationId: string, groupId: string): Promise<GroupSummary & { memberList: GroupMemberView[] }> {
  const group = await db.recipientGroup.findFirst({
    where: { id: groupId, organizationId },
    select: { id: true, name: true, updatedAt: true, members: { orderBy: { email: "asc" }, select: { id: true, email: true, name: true } } },
  });
  if (!group) throw groupNotFound();
  return { id: group.id, name: group.name, updatedAt: group.updatedAt, members: group.members.length, memberList: group.members };
}

/** The group, checked to be the organization's, before anything changes in it. */
export async function requireGroup(organizationId: string, groupId: string): Promise<{ id: string; name: string }> {
  const group = await db.recipientGroup.findFirst({ where: { id: groupId, organizationId }, select: { id: true, name: true } });
  if (!group) throw groupNotFound();
  return group;
}

export async function createGroup(organizationId: string, name: string, actor: GroupActor = {}): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const group = await tx.recipientGroup.create({ data: { organizationId, name, createdById: actor.userId }, select: { id: true } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "group.created", targetType: "group", targetId: group.id, data: { name }, ip: actor.ip });
    return group;
  });
}

export async function renameGroup(organizationId: string, groupId: string, name: string, actor: GroupActor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.recipientGroup.updateMany({ where: { id: groupId, organizationId }, data: { name } });
    if (updated.count === 0) throw groupNotFound();
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "group.updated", targetType: "group", targetId: groupId, data: { name }, ip: actor.ip });
  });
}

/** Deletes the group and its members; jobs already started from it keep their rows. */
export async function deleteGroup(organizationId: string, groupId: string, actor: GroupActor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const group = await tx.recipientGroup.findFirst({ where: { id: groupId, organizationId }, select: { id: true, name: true } });
    if (!group) throw groupNotFound();
    await tx.recipientGroup.delete({ where: { id: group.id } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "group.deleted", targetType: "group", targetId: group.id, data: { name: group.name }, ip: actor.ip });
  });
}

/** Adds one person; an address already in the group is refused on the email field. */
export async function addGroupMember(organizationId: string, groupId: string, member: { email: string; name?: string }, actor: GroupActor = {}): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const group = await tx.recipientGroup.findFirst({ where: { id: groupId, organizationId }, select: { id: true } });
    if (!group) throw groupNotFound();
    const existing = await tx.recipientGroupMember.findUnique({ where: { groupId_email: { groupId: group.id, email: member.email } }, select: { id: true } });
    if (existing) throw new AppError("validation_failed", "This address is already in the group", { email: { code: "already_in_group" } });
    const created = await tx.recipientGroupMember.create({ data: { groupId: group.id, email: member.email, name: member.name ?? null }, select: { id: true } });
    await tx.recipientGroup.update({ where: { id: group.id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "group.updated", targetType: "group", targetId: group.id, data: { added: 1 }, ip: actor.ip });
    return created;
  });
}

export async function removeGroupMember(organizationId: string, groupId: string, memberId: string, actor: GroupActor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const removed = await tx.recipientGroupMember.deleteMany({ where: { id: memberId, groupId, group: { organizationId } } });
    if (removed.count === 0) throw new AppError("not_found", "Member not found", { memberId: { code: "not_found" } });
    await tx.recipientGroup.update({ where: { id: groupId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "group.updated", targetType: "group", targetId: groupId, data: { removed: 1 }, ip: actor.ip });
  });
}
