"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orgAction, type OrgContext } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { issueToGroup } from "@/lib/groups/issue";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from "@/lib/groups/manage";
import { addMemberFormSchema, createGroupFormSchema, groupIdFormSchema, issueToGroupFormSchema, removeMemberFormSchema, renameGroupFormSchema } from "@/lib/groups/schemas";

// Saved groups are part of bulk issuing: the same role and plan feature.
const door = { role: REQUIRED_ROLE["credentials:issue"], feature: "bulkIssue" } as const;
const actor = (ctx: OrgContext) => ({ userId: ctx.user.id, ip: ctx.ip });
const refresh = (ctx: OrgContext, groupId?: string) => revalidatePath(`/dashboard/${ctx.org.slug}/groups${groupId ? `/${groupId}` : ""}`);

export const createGroupAction = orgAction({ ...door, schema: createGroupFormSchema }, async (input, ctx) => {
  const group = await createGroup(ctx.org.id, input.name, actor(ctx));
  refresh(ctx);
  return { id: group.id };
});

export const renameGroupAction = orgAction({ ...door, schema: renameGroupFormSchema }, async (input, ctx) => {
  await renameGroup(ctx.org.id, input.groupId, input.name, actor(ctx));
  refresh(ctx, input.groupId);
});

export const addGroupMemberAction = orgAction({ ...door, schema: addMemberFormSchema }, async (input, ctx) => {
  await addGroupMember(ctx.org.id, input.groupId, { email: input.email, name: input.name }, actor(ctx));
  refresh(ctx, input.groupId);
});

export const issueToGroupAction = orgAction({ ...door, schema: issueToGroupFormSchema }, async (input, ctx) => {
  const job = await issueToGroup(ctx.org.id, input, actor(ctx));
  revalidatePath(`/dashboard/${ctx.org.slug}/issue/bulk`);
  return { jobId: job.id };
});

export const removeGroupMemberAction = orgAction({ ...door, schema: removeMemberFormSchema }, async (input, ctx) => {
  await removeGroupMember(ctx.org.id, input.groupId, input.memberId, actor(ctx));
  refresh(ctx, input.groupId);
});

export const deleteGroupAction = orgAction({ ...door, schema: groupIdFormSchema }, async (input, ctx) => {
  await deleteGroup(ctx.org.id, input.groupId, actor(ctx));
  refresh(ctx);
  redirect(`/dashboard/${ctx.org.slug}/groups`);
});
