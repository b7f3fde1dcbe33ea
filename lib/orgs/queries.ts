import { db } from "@/lib/db";

/** Organizations the person belongs to, for the switcher. */
export function listMyOrganizations(userId: string) {
  return db.membership.findMany({
    where: { userId },
    orderBy: { organization: { name: "asc" } },
    select: { role: true, organization: { select: { id: true, name: true, slug: true, logo: true, primaryColor: true } } },
  });
}

export function listMembers(organizationId: string) {
  return db.membership.findMany({
    where: { organizationId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

export function listPendingInvitations(organizationId: string) {
  return db.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
}

export function listAuditLog(organizationId: string, take = 50) {
  return db.auditLog.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, createdAt: true, data: true, actor: { select: { name: true, email: true } } },
  });
}
