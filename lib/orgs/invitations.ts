import { recordAudit } from "@/lib/audit/record";
import { requireSeat } from "@/lib/billing/entitlements";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type InvitationState = "valid" | "expired" | "accepted" | "revoked";

export type InvitationView = {
  state: InvitationState;
  email: string;
  role: string;
  organization: { name: string; slug: string; logo: string | null; primaryColor: string };
};

function stateOf(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() < Date.now()) return "expired";
  return "valid";
}

/** What the invitation page shows; null for a token that matches nothing. */
export async function findInvitation(token: string): Promise<InvitationView | null> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true, slug: true, logo: true, primaryColor: true } } },
  });
  if (!invitation) return null;
  return { state: stateOf(invitation), email: invitation.email, role: invitation.role, organization: invitation.organization };
}

/**
 * Accepts an invitation for the signed-in person. The link was sent to one address, so only
 * an account that owns that address may use it; using it proves the address, too.
 */
export async function acceptInvitation(token: string, user: { id: string; email: string }, ip?: string) {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { organization: { select: { slug: true } } },
    });
    if (!invitation) throw new AppError("not_found", "This invitation link is not valid");
    const state = stateOf(invitation);
    if (state !== "valid") throw new AppError("gone", `This invitation is ${state}`, undefined, { state });

    const ownsAddress =
      user.email === invitation.email ||
      (await tx.userEmail.count({ where: { userId: user.id, email: invitation.email } })) > 0;
    if (!ownsAddress) {
      throw new AppError("forbidden", "This invitation was sent to another address", { email: { code: "wrong_account" } }, {
        email: invitation.email,
      });
    }

    // Claim the invitation first: of two simultaneous accepts, only one updates the row.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError("gone", "This invitation is accepted", undefined, { state: "accepted" });

    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } },
    });
    if (!existing) {
      await requireSeat(tx, invitation.organizationId, { countPendingInvitations: false });
      await tx.membership.create({
        data: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role },
      });
    }
    await tx.userEmail.updateMany({
      where: { userId: user.id, email: invitation.email, verifiedAt: null },
      data: { verifiedAt: new Date() },
    });
    if (user.email === invitation.email) {
      await tx.user.updateMany({ where: { id: user.id, emailVerified: null }, data: { emailVerified: new Date() } });
    }
    await recordAudit(tx, {
      organizationId: invitation.organizationId,
      actorId: user.id,
      action: "member.joined",
      targetType: "invitation",
      targetId: invitation.id,
      data: { role: invitation.role, alreadyMember: Boolean(existing) },
      ip,
    });
    return { slug: invitation.organization.slug };
  });
}
