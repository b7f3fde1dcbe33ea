"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { orgAction, type OrgContext } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { changeMemberRole, inviteMember, removeMember, revokeInvitation } from "@/lib/orgs/members";
import { changeRoleSchema, invitationIdSchema, inviteMemberSchema, membershipIdSchema } from "@/lib/orgs/schemas";

const actor = async (ctx: OrgContext) => ({
  userId: ctx.user.id,
  name: ctx.user.name,
  email: ctx.user.email,
  role: ctx.role,
  membershipId: ctx.membershipId,
  ip: ctx.ip,
  locale: ctx.user.locale ?? (await getLocale()),
});

const refresh = (ctx: OrgContext) => revalidatePath(`/dashboard/${ctx.org.slug}/members`);

export const inviteMemberAction = orgAction({ role: REQUIRED_ROLE["members:invite"], schema: inviteMemberSchema }, async (input, ctx) => {
  const { emailStatus } = await inviteMember(ctx.org.id, input, await actor(ctx));
  refresh(ctx);
  return { email: input.email, emailStatus };
});

export const changeRoleAction = orgAction({ role: REQUIRED_ROLE["members:manage"], schema: changeRoleSchema }, async (input, ctx) => {
  await changeMemberRole(ctx.org.id, input.membershipId, input.role, await actor(ctx));
  refresh(ctx);
});

export const removeMemberAction = orgAction({ role: "viewer", schema: membershipIdSchema }, async (input, ctx) => {
  // Anyone may leave; removing others is checked against the role inside removeMember.
  await removeMember(ctx.org.id, input.membershipId, await actor(ctx));
  refresh(ctx);
});

export const revokeInvitationAction = orgAction({ role: REQUIRED_ROLE["members:invite"], schema: invitationIdSchema }, async (input, ctx) => {
  await revokeInvitation(ctx.org.id, input.invitationId, await actor(ctx));
  refresh(ctx);
});
