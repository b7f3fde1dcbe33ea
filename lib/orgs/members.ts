import type { z } from "zod";
import { requireSeat } from "@/lib/billing/entitlements";
import { recordAudit } from "@/lib/audit/record";
import { can, type Role } from "@/lib/auth/roles";
import { newToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/mailer";
import { invitationEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { AppError, fieldError } from "@/lib/errors";
import type { inviteMemberSchema } from "./schemas";

export const INVITATION_TTL_DAYS = 7;

type Actor = { userId: string; name: string | null; email: string; role: Role; ip?: string; locale?: string | null };

function ensureCanManageMembers(actor: Actor) {
  if (!can(actor.role, "members:manage")) throw new AppError("forbidden", "Only owners manage members");
}


/**
 * Invites someone by email with a role. A pending invitation to the same address is replaced
 * (its link stops working) so there is only ever one valid link per person.
 */
export async function inviteMember(organizationId: string, input: z.infer<typeof inviteMemberSchema>, actor: Actor) {
  ensureCanManageMembers(actor);
  const existingMember = await db.membership.findFirst({
    where: {
      organizationId,
      user: { OR: [{ email: input.email }, { emails: { some: { email: input.email, verifiedAt: { not: null } } } }] },
    },
    select: { id: true },
  });
  if (existingMember) throw fieldError("email", "already_member");

  const { token, tokenHash } = newToken();
  const { invitation, org } = await db.$transaction(async (tx) => {
    await requireSeat(tx, organizationId, { countPendingInvitations: true, exceptEmail: input.email });
    await tx.invitation.updateMany({
      where: { organizationId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.create({
      data: {
        organizationId,
        email: input.email,
        role: input.role,
        tokenHash,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000),
      },
    });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "member.invited",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email: input.email, role: input.role },
      ip: actor.ip,
    });
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, primaryColor: true, logo: true },
    });
    return { invitation, org };
  });

  const url = `${env().BASE_URL}/invite/${token}`;
  const invitee = await db.user.findFirst({ where: { email: input.email }, select: { locale: true } });
  const sent = await sendEmail(
    invitationEmail({
      to: input.email,
      url,
      locale: invitee?.locale ?? actor.locale,
      organization: { name: org.name, color: org.primaryColor, logo: org.logo },
      inviterName: actor.name ?? actor.email,
      role: input.role,
    }),
  );
  return { invitation, emailStatus: sent.status };
}

export async function revokeInvitation(organizationId: string, invitationId: string, actor: Actor) {
  ensureCanManageMembers(actor);
  const result = await db.$transaction(async (tx) => {
    const updated = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (updated.count === 0) throw new AppError("not_found", "Invitation not found");
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "member.invitation_revoked",
      targetType: "invitation",
      targetId: invitationId,
      ip: actor.ip,
    });
    return updated;
  });
  return result.count;
}

/** Changes a member's role (owners only); the last owner stays one. */
export async function changeMemberRole(organizationId: string, membershipId: string, role: Role, actor: Actor) {
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId } });
    if (!membership) throw new AppError("not_found", "Member not found");
    ensureCanManageMembers(actor);
    if (membership.role === "owner" && role !== "owner") await ensureAnotherOwner(tx, organizationId, membershipId);
    const updated = await tx.membership.update({ where: { id: membershipId }, data: { role } });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: membershipId,
      data: { from: membership.role, to: role, userId: membership.userId },
      ip: actor.ip,
    });
    return updated;
  });
}

/** Removes a member (or lets a member leave). The last owner cannot be removed. */
export async function removeMember(organizationId: string, membershipId: string, actor: Actor & { membershipId: string }) {
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId } });
    if (!membership) throw new AppError("not_found", "Member not found");
    const leaving = membership.id === actor.membershipId;
    if (!leaving) ensureCanManageMembers(actor);
    if (membership.role === "owner") await ensureAnotherOwner(tx, organizationId, membershipId);
    await tx.membership.delete({ where: { id: membershipId } });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: leaving ? "member.left" : "member.removed",
      targetType: "membership",
      targetId: membershipId,
      data: { userId: membership.userId, role: membership.role },
      ip: actor.ip,
    });
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function ensureAnotherOwner(tx: Tx, organizationId: string, exceptMembershipId: string) {
  // Lock the owners' rows so two owners demoting each other at once cannot both succeed.
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership" WHERE "organizationId" = ${organizationId} AND "role" = 'owner' FOR UPDATE`;
  if (!owners.some((owner) => owner.id !== exceptMembershipId)) {
    throw new AppError("conflict", "An organization always keeps at least one owner", { role: { code: "last_owner" } });
  }
}
