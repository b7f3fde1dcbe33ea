import { createPrivateKey, generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { billingSelect, entitlementsOf } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fieldError } from "@/lib/errors";
import { log } from "@/lib/log";
import { decryptAtRest, encryptAtRest } from "@/lib/ob/keys";
import { isMissingRecord, dnsResolver, type DnsResolver } from "@/lib/net/dns";
import { addressIn, domainOf, isLaurelDomain } from "@/lib/net/domain-names";
import type { EmailSenderInput } from "./schemas";

type Actor = { userId?: string; ip?: string };

/** The return-path host's first label under the organization's domain: bounces.academy.example. */
export const RETURN_PATH_LABEL = "bounces";

/** Laurel's own sending hosts, as the records the organization adds point at them. */
export function laurelMailHosts(): { spfInclude: string; returnPathHost: string } {
  const config = env();
  const host = new URL(config.BASE_URL).hostname;
  return { spfInclude: config.EMAIL_SPF_INCLUDE ?? `_spf.${host}`, returnPathHost: config.EMAIL_RETURN_PATH_HOST ?? `bounces.${host}` };
}

export type SenderRecordKind = "dkim" | "spf" | "returnPath";
export type SenderRecord = { kind: SenderRecordKind; type: "TXT" | "CNAME"; host: string; value: string };
export type RecordCheck = { kind: SenderRecordKind; status: "found" | "missing" | "different" | "unreachable"; found?: string };

export type EmailSenderView = {
  fromAddress: string;
  domain: string;
  replyTo: string | null;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  records: SenderRecord[];
  checks: RecordCheck[];
};

/** The three records the organization adds to its DNS, in the order the dashboard lists them. */
export function senderRecords(sender: { domain: string; dkimSelector: string; dkimPublicKey: string }): SenderRecord[] {
  const { spfInclude, returnPathHost } = laurelMailHosts();
  return [
    { kind: "dkim", type: "TXT", host: `${sender.dkimSelector}._domainkey.${sender.domain}`, value: `v=DKIM1; k=rsa; p=${sender.dkimPublicKey}` },
    { kind: "spf", type: "TXT", host: sender.domain, value: `v=spf1 include:${spfInclude} ~all` },
    { kind: "returnPath", type: "CNAME", host: `${RETURN_PATH_LABEL}.${sender.domain}`, value: returnPathHost },
  ];
}

const senderSelect = {
  fromAddress: true,
  domain: true,
  replyTo: true,
  dkimSelector: true,
  dkimPublicKey: true,
  verifiedAt: true,
  lastCheckedAt: true,
  lastCheck: true,
} as const satisfies Prisma.EmailSenderSelect;

function viewOf(row: Prisma.EmailSenderGetPayload<{ select: typeof senderSelect }>): EmailSenderView {
  return {
    fromAddress: row.fromAddress,
    domain: row.domain,
    replyTo: row.replyTo,
    verifiedAt: row.verifiedAt,
    lastCheckedAt: row.lastCheckedAt,
    records: senderRecords(row),
    checks: Array.isArray(row.lastCheck) ? (row.lastCheck as RecordCheck[]) : [],
  };
}

export async function getEmailSender(organizationId: string): Promise<EmailSenderView | null> {
  const row = await db.emailSender.findUnique({ where: { organizationId }, select: senderSelect });
  return row ? viewOf(row) : null;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** A 2048-bit RSA key for DKIM (the size every receiver accepts), made off the event loop. */
async function newDkimKey(): Promise<{ privateKeyDer: Buffer; publicKeyBase64: string }> {
  const { privateKey, publicKey } = await generateRsaKeyPair("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "der" },
    publicKeyEncoding: { type: "spki", format: "der" },
  });
  return { privateKeyDer: privateKey, publicKeyBase64: publicKey.toString("base64") };
}

/** A selector naming the key's month, so a new key can be published beside an old one. */
function dkimSelector(now: Date): string {
  return `laurel${now.toISOString().slice(0, 7).replace("-", "")}`;
}

/**
 * Sets the organization's sender. A new domain gets a new DKIM key and must be proven again (mail
 * goes from Laurel's address meanwhile); the same domain keeps its key and its proof.
 */
export async function saveEmailSender(organizationId: string, input: EmailSenderInput, actor: Actor = {}): Promise<EmailSenderView> {
  const domain = domainOf(input.fromAddress);
  if (isLaurelDomain(domain)) throw fieldError("fromAddress", "sender_domain_laurel");
  const existing = await db.emailSender.findUnique({ where: { organizationId }, select: { domain: true } });
  const key = existing?.domain === domain ? null : await newDkimKey();
  return db.$transaction(async (tx) => {
    const fields = { fromAddress: input.fromAddress, replyTo: input.replyTo ?? null };
    const keyed = key && {
      ...fields,
      domain,
      dkimSelector: dkimSelector(new Date()),
      dkimPrivateKeyEncrypted: encryptAtRest(key.privateKeyDer, env().KEY_ENCRYPTION_KEY),
      dkimPublicKey: key.publicKeyBase64,
      verifiedAt: null,
      lastCheckedAt: null,
      lastCheck: [] as Prisma.InputJsonValue,
    };
    const row = keyed
      ? await tx.emailSender.upsert({ where: { organizationId }, create: { organizationId, ...keyed }, update: keyed, select: senderSelect })
      : await tx.emailSender.update({ where: { organizationId }, data: fields, select: senderSelect });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "email_sender.saved", data: { fromAddress: row.fromAddress, domain: row.domain, newKey: Boolean(key) }, ip: actor.ip });
    return viewOf(row);
  });
}

export async function removeEmailSender(organizationId: string, actor: Actor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.emailSender.deleteMany({ where: { organizationId } });
    if (count > 0) await recordAudit(tx, { organizationId, actorId: actor.userId, action: "email_sender.removed", ip: actor.ip });
  });
}

const normalise = (value: string) => value.replace(/\s+/g, "").toLowerCase();
const withoutDot = (host: string) => host.replace(/\.$/, "").toLowerCase();

/** Reads one record; a lookup that failed for another reason than "no such record" is unreachable. */
async function lookUp<T>(read: () => Promise<T>): Promise<{ value: T } | { status: "missing" | "unreachable" }> {
  try {
    return { value: await read() };
  } catch (error) {
    if (isMissingRecord(error)) return { status: "missing" };
    log.warn({ err: error }, "sender DNS lookup failed");
    return { status: "unreachable" };
  }
}

async function checkRecord(record: SenderRecord, resolver: DnsResolver): Promise<RecordCheck> {
  if (record.kind === "returnPath") {
    const answer = await lookUp(() => resolver.resolveCname(record.host));
    if ("status" in answer) return { kind: record.kind, status: answer.status };
    const found = answer.value.map(withoutDot);
    return { kind: record.kind, status: found.includes(withoutDot(record.value)) ? "found" : "different", found: found.join(", ") };
  }
  const answer = await lookUp(() => resolver.resolveTxt(record.host));
  if ("status" in answer) return { kind: record.kind, status: answer.status };
  // A long TXT record comes back in 255-byte strings: one record is their concatenation.
  const texts = answer.value.map((chunks) => chunks.join(""));
  if (record.kind === "dkim") {
    const dkim = texts.find((text) => /(^|;)\s*p=/.test(text));
    if (!dkim) return { kind: record.kind, status: "missing" };
    const published = /(?:^|;)\s*p=([^;]*)/.exec(dkim)?.[1] ?? "";
    const expected = /p=([^;]*)/.exec(record.value)![1];
    return { kind: record.kind, status: normalise(published) === normalise(expected) ? "found" : "different", found: dkim.slice(0, 120) };
  }
  const spf = texts.filter((text) => /^v=spf1(\s|$)/i.test(text.trim()));
  if (spf.length === 0) return { kind: record.kind, status: "missing" };
  const include = /include:(\S+)/.exec(record.value)![1].toLowerCase();
  // Two SPF records make every SPF check fail (RFC 7208 §4.5): that is "different", not found.
  const includes = spf.length === 1 && spf[0].toLowerCase().split(/\s+/).some((term) => term.replace(/^[+?~-]/, "") === `include:${include}`);
  return { kind: record.kind, status: includes ? "found" : "different", found: spf.join(" | ").slice(0, 200) };
}

/**
 * Looks the sender's records up in DNS. Every record found proves the domain: from then on mail
 * goes from its address, signed with its key. A record that disappears takes the proof away; a
 * DNS server that could not be asked changes nothing.
 */
export async function checkEmailSender(organizationId: string, resolver: DnsResolver = dnsResolver(), now = new Date()): Promise<EmailSenderView> {
  const sender = await db.emailSender.findUnique({ where: { organizationId }, select: { ...senderSelect, id: true } });
  if (!sender) throw fieldError("fromAddress", "required");
  const checks = await Promise.all(senderRecords(sender).map((record) => checkRecord(record, resolver)));
  const unreachable = checks.some((check) => check.status === "unreachable");
  const allFound = checks.every((check) => check.status === "found");
  const verifiedAt = allFound ? (sender.verifiedAt ?? now) : unreachable ? sender.verifiedAt : null;
  const row = await db.emailSender.update({
    where: { id: sender.id },
    data: { lastCheckedAt: now, lastCheck: checks as unknown as Prisma.InputJsonValue, verifiedAt },
    select: senderSelect,
  });
  if (Boolean(sender.verifiedAt) !== Boolean(verifiedAt)) {
    await db.auditLog.create({ data: { organizationId, action: verifiedAt ? "email_sender.verified" : "email_sender.unverified", data: { domain: sender.domain } } });
  }
  return viewOf(row);
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The hourly sweep: a sender waiting for its records is looked up again each hour for its first
 * week (people add records and forget to press Check), a verified one once a day (a record
 * removed later stops the signing). Returns how many were checked.
 */
export async function recheckEmailSenders(now = new Date(), resolver: DnsResolver = dnsResolver()): Promise<number> {
  const due = await db.emailSender.findMany({
    where: {
      OR: [
        { verifiedAt: null, updatedAt: { gt: new Date(now.getTime() - 7 * 24 * HOUR_MS) }, OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lt: new Date(now.getTime() - HOUR_MS + 60_000) } }] },
        { verifiedAt: { not: null }, lastCheckedAt: { lt: new Date(now.getTime() - 24 * HOUR_MS) } },
      ],
    },
    select: { organizationId: true },
    take: 500,
  });
  for (const { organizationId } of due) await checkEmailSender(organizationId, resolver, now);
  return due.length;
}

export type OrganizationMailSender = {
  from: { name: string; address: string };
  replyTo?: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** The envelope's MAIL FROM (bounces), on the organization's return-path host. */
  envelopeFrom?: string;
};

/** Display names go in a header: no line breaks, and not so long that clients cut them. */
const displayName = (name: string) => name.replace(/[\r\n\t]+/g, " ").trim().slice(0, 100);

/**
 * Who an email sent on the organization's behalf comes from. A proven sender on a plan with
 * the feature: its own address, DKIM-signed for its domain, bounces to its return-path host.
 * Otherwise Laurel's address under the organization's name, replies going to its address.
 */
export async function organizationMailSender(organizationId: string): Promise<OrganizationMailSender> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { ...billingSelect, name: true, emailSender: { select: { fromAddress: true, domain: true, replyTo: true, dkimSelector: true, dkimPrivateKeyEncrypted: true, verifiedAt: true } } },
  });
  const name = displayName(org.name);
  const sender = org.emailSender;
  const laurelAddress = addressIn(env().EMAIL_FROM);
  if (!sender) return { from: { name, address: laurelAddress } };
  const replyTo = sender.replyTo ?? sender.fromAddress;
  if (!sender.verifiedAt || !entitlementsOf(org).features.includes("customEmailSender")) return { from: { name, address: laurelAddress }, replyTo };
  const privateKey = createPrivateKey({ key: Buffer.from(decryptAtRest(sender.dkimPrivateKeyEncrypted, env().KEY_ENCRYPTION_KEY)), format: "der", type: "pkcs8" });
  return {
    from: { name, address: sender.fromAddress },
    replyTo: sender.replyTo ?? undefined,
    dkim: { domainName: sender.domain, keySelector: sender.dkimSelector, privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString() },
    envelopeFrom: `bounce@${RETURN_PATH_LABEL}.${sender.domain}`,
  };
}
