import { promises as nodeDns } from "node:dns";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { spf } from "mailauth/lib/spf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { AppError, parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { sendClaimEmail } from "@/lib/issuing/claim-email";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { startTestDnsServer } from "@/lib/test/dns-server";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";
import { useTestSmtp } from "@/lib/test/smtp";
import { dnsResolver } from "@/lib/net/dns";
import { emailSenderSchema } from "./schemas";
import { emailSenderRecheckJob } from "./job";
import { checkEmailSender, getEmailSender, organizationMailSender, recheckEmailSenders, removeEmailSender, saveEmailSender } from "./sender";

const smtp = useTestSmtp();
let dns: Awaited<ReturnType<typeof startTestDnsServer>>;

beforeAll(async () => {
  dns = await startTestDnsServer();
  process.env.DNS_RESOLVER = dns.server;
  reloadEnv();
  // Laurel's own side of SPF, as its operator publishes it: its servers (here, loopback) may send.
  dns.txt("_spf.laurel.test", "v=spf1 ip4:127.0.0.1 -all");
  dns.txt("bounces.laurel.test", "v=spf1 include:_spf.laurel.test -all");
});
afterAll(() => {
  delete process.env.DNS_RESOLVER;
  reloadEnv();
  dns.close();
});

/** The loopback DNS server answering as the Internet would, for the independent verifier. */
async function resolveForVerifier(name: string, type: string): Promise<string[][] | string[]> {
  const resolver = new nodeDns.Resolver();
  resolver.setServers([dns.server]);
  return resolver.resolve(name, type) as Promise<string[][] | string[]>;
}

async function organization(plan: "business" | "pro" = "business") {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Harbour Academy");
  await db.organization.update({ where: { id: org.id }, data: { plan, subscriptionStatus: "active" } });
  const domain = `${unique("academy")}.example`;
  return { owner, org, domain };
}

/** Publishes every record the dashboard lists, as the organization's DNS admin would. */
function publish(records: { type: string; host: string; value: string }[]) {
  for (const record of records) {
    if (record.type === "CNAME") dns.cname(record.host, record.value);
    else dns.txt(record.host, record.value);
  }
}

async function awardTo(orgId: string, email: string) {
  const achievement = await createAchievement(orgId, parseInput(achievementInputSchema, { name: "Harbour Pilot", description: "Brings ships in.", criteria: { narrative: "Twenty ships." } }));
  const credential = await issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email } }), { notify: false });
  await sendClaimEmail(credential.id);
  return smtp.waitFor(email, /awarded you/);
}

describe("an organization's own email sender", () => {
  it("lists its DKIM, SPF and return-path records and is verified only once DNS has all three", async () => {
    const { org, domain } = await organization();
    const saved = await saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: `Badges@${domain.toUpperCase()}`, replyTo: "" }));
    expect(saved.fromAddress).toBe(`badges@${domain}`);
    expect(saved.records.map((record) => [record.kind, record.type, record.host])).toEqual([
      ["dkim", "TXT", expect.stringMatching(new RegExp(`^laurel\\d{6}\\._domainkey\\.${domain.replace(/\./g, "\\.")}$`))],
      ["spf", "TXT", domain],
      ["returnPath", "CNAME", `bounces.${domain}`],
    ]);
    expect(saved.records[0].value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{300,}$/);
    expect(saved.records[1].value).toBe("v=spf1 include:_spf.laurel.test ~all");
    expect(saved.records[2].value).toBe("bounces.laurel.test");
    // The private key is stored encrypted, never in the clear, and no query returns it by default.
    const row = await db.emailSender.findUniqueOrThrow({ where: { organizationId: org.id }, select: { dkimPrivateKeyEncrypted: true } });
    expect(row.dkimPrivateKeyEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(await db.emailSender.findUniqueOrThrow({ where: { organizationId: org.id } }))).not.toContain("dkimPrivateKeyEncrypted");

    // Nothing published: each record is reported missing, not verified.
    let checked = await checkEmailSender(org.id, dnsResolver());
    expect(checked.checks.map((check) => [check.kind, check.status])).toEqual([["dkim", "missing"], ["spf", "missing"], ["returnPath", "missing"]]);
    expect(checked.verifiedAt).toBeNull();

    // DKIM and return path, and an SPF record without Laurel's include: still not verified.
    publish(saved.records.filter((record) => record.kind !== "spf"));
    dns.txt(domain, "v=spf1 include:_spf.mailhost.example ~all");
    checked = await checkEmailSender(org.id, dnsResolver());
    expect(checked.checks.map((check) => check.status)).toEqual(["found", "different", "found"]);
    expect(checked.checks[1].found).toBe("v=spf1 include:_spf.mailhost.example ~all");
    expect(checked.verifiedAt).toBeNull();

    // Laurel's include added to the same SPF record: verified.
    dns.remove(domain);
    dns.txt(domain, "v=spf1 include:_spf.mailhost.example include:_spf.laurel.test ~all");
    checked = await checkEmailSender(org.id, dnsResolver());
    expect(checked.checks.map((check) => check.status)).toEqual(["found", "found", "found"]);
    expect(checked.verifiedAt).toBeInstanceOf(Date);

    // A DKIM record that later disappears takes the proof away.
    dns.remove(saved.records[0].host);
    checked = await checkEmailSender(org.id, dnsResolver());
    expect(checked.checks[0].status).toBe("missing");
    expect(checked.verifiedAt).toBeNull();
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "email_sender." } }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(audit.map((entry) => entry.action)).toEqual(["email_sender.saved", "email_sender.verified", "email_sender.unverified"]);
  });

  it("once verified, mail goes from its address, DKIM-signed for its domain: an independent verifier passes the signature, SPF and alignment", async () => {
    const { org, domain } = await organization();
    const saved = await saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: `badges@${domain}`, replyTo: `registrar@${domain}` }));
    publish(saved.records);
    expect((await checkEmailSender(org.id, dnsResolver())).verifiedAt).toBeInstanceOf(Date);

    const learner = uniqueEmail("pilot");
    const mail = await awardTo(org.id, learner);
    expect(mail.from?.value).toEqual([{ name: "Harbour Academy", address: `badges@${domain}` }]);
    expect(mail.replyTo?.value[0].address).toBe(`registrar@${domain}`);
    expect(mail.envelopeFrom).toBe(`bounce@bounces.${domain}`);

    const verified = await dkimVerify(mail.raw, { resolver: resolveForVerifier });
    expect(verified.results).toHaveLength(1);
    const [signature] = verified.results;
    expect(signature.status.result).toBe("pass");
    expect(signature.signingDomain).toBe(domain);
    expect(signature.selector).toBe(saved.records[0].host.split(".")[0]);
    // d= is the From domain: aligned, as DMARC asks.
    expect(signature.status.aligned).toBe(domain);

    // SPF for the envelope sender, sent from Laurel's server (loopback here): pass, through the CNAME.
    const spfResult = await spf({ sender: mail.envelopeFrom!, ip: "127.0.0.1", helo: "mail.laurel.test", mta: "mx.receiver.example", resolver: resolveForVerifier });
    expect(spfResult.status.result).toBe("pass");

    // The verifier is not a rubber stamp: one changed byte of the body fails the signature.
    const tampered = Buffer.from(mail.raw.toString("utf8").replace("Harbour Pilot", "Harbour Pil0t"));
    const failed = await dkimVerify(tampered, { resolver: resolveForVerifier });
    expect(failed.results[0].status).toMatchObject({ result: "neutral", comment: "body hash did not verify" });
  });

  it("until verified, and on a plan without the feature, mail comes from Laurel's address under the organization's name, replies to its address, unsigned", async () => {
    const { org, domain } = await organization();
    await saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: `badges@${domain}` }));
    const learner = uniqueEmail("pending");
    const mail = await awardTo(org.id, learner);
    expect(mail.from?.value).toEqual([{ name: "Harbour Academy", address: "no-reply@laurel.localhost" }]);
    expect(mail.replyTo?.value[0].address).toBe(`badges@${domain}`);
    expect(mail.headers.has("dkim-signature")).toBe(false);

    // Verified, then the organization moves to Pro: Laurel's address again.
    const sender = await getEmailSender(org.id);
    publish(sender!.records);
    expect((await checkEmailSender(org.id, dnsResolver())).verifiedAt).toBeInstanceOf(Date);
    await db.organization.update({ where: { id: org.id }, data: { plan: "pro" } });
    expect((await organizationMailSender(org.id)).from.address).toBe("no-reply@laurel.localhost");
    expect((await organizationMailSender(org.id)).dkim).toBeUndefined();

    // Removed: no reply-to either.
    await removeEmailSender(org.id);
    expect(await organizationMailSender(org.id)).toEqual({ from: { name: "Harbour Academy", address: "no-reply@laurel.localhost" } });
  });

  it("keeps the key and the proof when only the address changes on the same domain; a new domain gets a new key and must be proven", async () => {
    const { org, domain } = await organization();
    const first = await saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: `badges@${domain}` }));
    publish(first.records);
    await checkEmailSender(org.id, dnsResolver());
    const renamed = await saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: `certificates@${domain}` }));
    expect(renamed.records[0].value).toBe(first.records[0].value);
    expect(renamed.verifiedAt).toBeInstanceOf(Date);
    const moved = await saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: `badges@other-${domain}` }));
    expect(moved.records[0].value).not.toBe(first.records[0].value);
    expect(moved.verifiedAt).toBeNull();
  });

  it("is looked up again by the hourly sweep: a pending sender each hour in its first week, a verified one daily", async () => {
    const { org, domain } = await organization();
    const saved = await saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: `badges@${domain}` }));
    const start = new Date();
    await recheckEmailSenders(start, dnsResolver());
    expect((await getEmailSender(org.id))!.lastCheckedAt).toEqual(start);
    // Records added without pressing Check: the next hour's sweep finds them.
    publish(saved.records);
    await recheckEmailSenders(new Date(start.getTime() + 30 * 60_000), dnsResolver());
    expect((await getEmailSender(org.id))!.verifiedAt).toBeNull();
    const nextHour = new Date(start.getTime() + 60 * 60_000);
    await recheckEmailSenders(nextHour, dnsResolver());
    expect((await getEmailSender(org.id))!.verifiedAt).toEqual(nextHour);
    // Verified: left alone for a day, then a removed record is noticed.
    dns.remove(saved.records[0].host);
    await recheckEmailSenders(new Date(nextHour.getTime() + 12 * 60 * 60_000), dnsResolver());
    expect((await getEmailSender(org.id))!.verifiedAt).toEqual(nextHour);
    await recheckEmailSenders(new Date(nextHour.getTime() + 25 * 60 * 60_000), dnsResolver());
    expect((await getEmailSender(org.id))!.verifiedAt).toBeNull();
    expect(emailSenderRecheckJob.schedule?.cron).toBe("23 * * * *");
  });

  it("refuses bad addresses by field, and Laurel's own domains, writing nothing", async () => {
    const { org } = await organization();
    const refusal = (input: unknown) => {
      try {
        parseInput(emailSenderSchema, input);
      } catch (error) {
        return error instanceof AppError ? error.fields : error;
      }
      return null;
    };
    expect(refusal({ fromAddress: "not an address" })).toEqual({ fromAddress: { code: "invalid_email" } });
    expect(refusal({ fromAddress: "badges@[127.0.0.1]" })).toMatchObject({ fromAddress: { code: expect.stringMatching(/invalid_email|sender_domain_invalid/) } });
    expect(refusal({ fromAddress: "badges@localhost" })).toMatchObject({ fromAddress: { code: expect.stringMatching(/invalid_email|sender_domain_invalid/) } });
    expect(refusal({ fromAddress: "bad\u0000ges@academy.example" })).toMatchObject({ fromAddress: {} });
    expect(refusal({ fromAddress: "badges@academy.example", replyTo: "nope" })).toEqual({ replyTo: { code: "invalid_email" } });
    for (const address of ["badges@laurel.test", "badges@mail.laurel.test", "badges@laurel.localhost"]) {
      await expect(saveEmailSender(org.id, parseInput(emailSenderSchema, { fromAddress: address }))).rejects.toMatchObject({ fields: { fromAddress: { code: "sender_domain_laurel" } } });
    }
    expect(await db.emailSender.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
