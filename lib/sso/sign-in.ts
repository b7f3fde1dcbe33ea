import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { laurelAdapter } from "@/lib/auth/adapter";
import { provenOwnerOf } from "@/lib/auth/addresses";
import type { AuthenticatedUser } from "@/lib/auth/authenticate";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { billingSelect, entitlementsOf, requireSeat } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cleanText } from "@/lib/text";
import { SsoError } from "./errors";

/** A sign-in ticket is redeemed by the browser at once; a minute is plenty. */
export const TICKET_TTL_MS = 60 * 1000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type VerifiedIdentity = {
  /** The address the identity provider asserted. */
  email: string;
  name?: string | null;
  /** The provider's subject (OIDC sub, SAML NameID), for the audit log. */
  subject: string;
};

export type SsoSignIn = { ticket: string; next: string; userId: string; joined: boolean };

/**
 * What follows a verified answer of an organization's identity provider: the address must be at
 * one of the organization's verified domains; its account is found (or created, the address
 * counting as proven); someone not yet a member joins with the connection's default role; and
 * the result is a one-time ticket the browser exchanges for an ordinary session.
 */
export async function completeSsoSignIn(connectionId: string, identity: VerifiedIdentity, ip?: string, now = new Date()): Promise<SsoSignIn> {
  const email = identity.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) throw new SsoError("email_missing", "no usable email in the answer");
  const connection = await db.ssoConnection.findUnique({
    where: { id: connectionId },
    select: { id: true, organizationId: true, defaultRole: true, enabled: true, protocol: true, organization: { select: { ...billingSelect, domains: { where: { verifiedAt: { not: null } }, select: { domain: true } } } } },
  });
  if (!connection?.enabled) throw new SsoError("no_connection");
  if (!entitlementsOf(connection.organization).features.includes("sso")) throw new SsoError("not_available");
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!connection.organization.domains.some((verified) => verified.domain === domain)) throw new SsoError("email_outside_domains", domain);

  const name = identity.name ? cleanText(identity.name).trim().slice(0, 200) || null : null;
  const proven = await provenOwnerOf(db, email);
  // The identity provider vouches for the address: it is proven, like a followed magic link.
  const owner = proven ?? (await laurelAdapter().createUser!({ email, name, emailVerified: now, image: null })).id;
  const { token, tokenHash } = newToken();
  const joined = await db.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: connection.organizationId, userId: owner } }, select: { id: true } });
    if (!existing) {
      await requireSeat(tx, connection.organizationId, { countPendingInvitations: false });
      await tx.membership.create({ data: { organizationId: connection.organizationId, userId: owner, role: connection.defaultRole } });
      await recordAudit(tx, {
        organizationId: connection.organizationId, actorId: owner, action: "sso.member_joined", targetType: "user", targetId: owner,
        data: { role: connection.defaultRole, protocol: connection.protocol }, ip,
      });
    }
    await recordAudit(tx, {
      organizationId: connection.organizationId, actorId: owner, action: "sso.signed_in", targetType: "sso_connection", targetId: connection.id,
      data: { protocol: connection.protocol, subject: identity.subject.slice(0, 200) }, ip,
    });
    await tx.ssoSignInTicket.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.ssoSignInTicket.create({ data: { tokenHash, userId: owner, organizationId: connection.organizationId, expiresAt: new Date(now.getTime() + TICKET_TTL_MS) } });
    return !existing;
  }).catch((error) => {
    // A full organization (seats) refuses the newcomer with a page, not a 500.
    if (error instanceof AppError && error.code === "payment_required") throw new SsoError("not_available", "no seat left");
    throw error;
  });
  return { ticket: token, next: `/dashboard/${connection.organization.slug}`, userId: owner, joined };
}

/**
 * Exchanges a ticket for the account it was issued to, once: used, expired or unknown, null.
 * next-auth's "sso" provider calls this, and the session it makes is like any other.
 */
export async function redeemSignInTicket(ticket: unknown, now = new Date()): Promise<AuthenticatedUser | null> {
  if (typeof ticket !== "string" || ticket.length < 20 || ticket.length > 100) return null;
  const claimed = await db.ssoSignInTicket.updateMany({ where: { tokenHash: hashToken(ticket), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) return null;
  const row = await db.ssoSignInTicket.findUnique({ where: { tokenHash: hashToken(ticket) }, select: { user: { select: { id: true, email: true, name: true, sessionVersion: true } } } });
  return row?.user ?? null;
}
