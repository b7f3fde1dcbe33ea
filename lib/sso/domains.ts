import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { fieldError, notFound } from "@/lib/errors";
import { dnsResolver, isMissingRecord, type DnsResolver } from "@/lib/net/dns";
import { DOMAIN_NAME, isLaurelDomain } from "@/lib/net/domain-names";
import { safeText } from "@/lib/text";

type Actor = { userId?: string; ip?: string };

/** Where the proof goes: a TXT record on this name under the domain. */
export const CHALLENGE_LABEL = "_laurel-challenge";
const TOKEN_PREFIX = "laurel-domain-verification=";

export const addDomainSchema = z.object({
  domain: safeText()
    .trim()
    .toLowerCase()
    .max(253)
    .transform((value) => value.replace(/^@/, "").replace(/\.$/, ""))
    .refine((value) => DOMAIN_NAME.test(value), { message: "domain_invalid" }),
});
export const domainIdSchema = z.object({ domainId: safeText().regex(/^c[a-z0-9]{20,30}$/, "invalid_format") });

export type DomainView = {
  id: string;
  domain: string;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  record: { type: "TXT"; host: string; value: string };
};

const select = { id: true, domain: true, token: true, verifiedAt: true, lastCheckedAt: true } as const;

function viewOf(row: { id: string; domain: string; token: string; verifiedAt: Date | null; lastCheckedAt: Date | null }): DomainView {
  return {
    id: row.id,
    domain: row.domain,
    verifiedAt: row.verifiedAt,
    lastCheckedAt: row.lastCheckedAt,
    record: { type: "TXT", host: `${CHALLENGE_LABEL}.${row.domain}`, value: `${TOKEN_PREFIX}${row.token}` },
  };
}

export async function listDomains(organizationId: string): Promise<DomainView[]> {
  const rows = await db.organizationDomain.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" }, select });
  return rows.map(viewOf);
}

/** Adds a domain to prove, with its own TXT token. Laurel's domains and ones listed already are refused. */
export async function addDomain(organizationId: string, input: z.infer<typeof addDomainSchema>, actor: Actor = {}): Promise<DomainView> {
  if (isLaurelDomain(input.domain)) throw fieldError("domain", "domain_laurel");
  const existing = await db.organizationDomain.findUnique({ where: { organizationId_domain: { organizationId, domain: input.domain } } });
  if (existing) throw fieldError("domain", "domain_listed");
  return db.$transaction(async (tx) => {
    const row = await tx.organizationDomain.create({ data: { organizationId, domain: input.domain, token: randomBytes(16).toString("hex") }, select });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "domain.added", targetType: "domain", targetId: row.id, data: { domain: row.domain }, ip: actor.ip });
    return viewOf(row);
  });
}

export async function removeDomain(organizationId: string, domainId: string, actor: Actor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.organizationDomain.findFirst({ where: { id: domainId, organizationId }, select: { id: true, domain: true } });
    if (!row) throw notFound("Domain not found");
    await tx.organizationDomain.delete({ where: { id: row.id } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "domain.removed", targetType: "domain", targetId: row.id, data: { domain: row.domain }, ip: actor.ip });
  });
}

export type DomainCheck = { status: "verified" | "missing" | "unreachable" | "taken"; domain: DomainView };

/**
 * Looks for the domain's TXT record. Found, the domain is verified for this organization, unless
 * another organization verified it first (one owner per domain). A record that disappears takes
 * the verification away; a DNS server that could not be asked changes nothing.
 */
export async function checkDomain(organizationId: string, domainId: string, resolver: DnsResolver = dnsResolver(), now = new Date()): Promise<DomainCheck> {
  const row = await db.organizationDomain.findFirst({ where: { id: domainId, organizationId }, select });
  if (!row) throw notFound("Domain not found");
  let found: boolean;
  try {
    const records = await resolver.resolveTxt(viewOf(row).record.host);
    found = records.some((chunks) => chunks.join("").trim() === `${TOKEN_PREFIX}${row.token}`);
  } catch (error) {
    if (!isMissingRecord(error)) {
      await db.organizationDomain.update({ where: { id: row.id }, data: { lastCheckedAt: now } });
      return { status: "unreachable", domain: viewOf({ ...row, lastCheckedAt: now }) };
    }
    found = false;
  }
  if (found && !row.verifiedAt) {
    const owner = await db.organizationDomain.findFirst({ where: { domain: row.domain, verifiedAt: { not: null }, organizationId: { not: organizationId } }, select: { id: true } });
    if (owner) {
      const updated = await db.organizationDomain.update({ where: { id: row.id }, data: { lastCheckedAt: now }, select });
      return { status: "taken", domain: viewOf(updated) };
    }
  }
  const verifiedAt = found ? (row.verifiedAt ?? now) : null;
  const updated = await db.$transaction(async (tx) => {
    const saved = await tx.organizationDomain.update({ where: { id: row.id }, data: { lastCheckedAt: now, verifiedAt }, select });
    if (Boolean(row.verifiedAt) !== Boolean(verifiedAt)) {
      await recordAudit(tx, { organizationId, action: verifiedAt ? "domain.verified" : "domain.unverified", targetType: "domain", targetId: row.id, data: { domain: row.domain } });
    }
    return saved;
  });
  return { status: found ? "verified" : "missing", domain: viewOf(updated) };
}

/** The organization that verified the domain of this address, if any (where SSO sends its owner). */
export async function organizationForAddress(email: string): Promise<{ organizationId: string; domain: string } | null> {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const row = await db.organizationDomain.findFirst({ where: { domain, verifiedAt: { not: null } }, select: { organizationId: true, domain: true } });
  return row;
}
