import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { dnsResolver } from "@/lib/net/dns";
import { startTestDnsServer } from "@/lib/test/dns-server";
import { useTestEnv } from "@/lib/test/env";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { addDomain, addDomainSchema, checkDomain, listDomains, organizationForAddress, removeDomain } from "./domains";

let dns: Awaited<ReturnType<typeof startTestDnsServer>>;
beforeAll(async () => {
  dns = await startTestDnsServer();
});
afterAll(() => dns.close());
useTestEnv({ DNS_RESOLVER: () => dns.server, BASE_URL: "http://laurel.test" });

async function organization(name = "Harbour Academy") {
  const owner = await createUser();
  return createOrgWith([{ userId: owner.id, role: "owner" }], name);
}

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fields;
    throw error;
  }
  return null;
};

describe("verified domains", () => {
  it("are verified by their TXT record, lose it when the record goes, and send their addresses to the organization", async () => {
    const org = await organization();
    const domain = `${unique("academy")}.example`;
    const added = await addDomain(org.id, parseInput(addDomainSchema, { domain: ` @${domain.toUpperCase()}. ` }));
    expect(added.domain).toBe(domain);
    expect(added.record).toEqual({ type: "TXT", host: `_laurel-challenge.${domain}`, value: expect.stringMatching(/^laurel-domain-verification=[0-9a-f]{32}$/) });
    expect(await organizationForAddress(`ada@${domain}`)).toBeNull();

    // Nothing published, then a wrong token: not verified.
    expect((await checkDomain(org.id, added.id, dnsResolver())).status).toBe("missing");
    dns.txt(added.record.host, "laurel-domain-verification=not-the-token");
    expect((await checkDomain(org.id, added.id, dnsResolver())).status).toBe("missing");

    // The right record beside another: verified, and its addresses lead to this organization.
    dns.txt(added.record.host, added.record.value);
    const checked = await checkDomain(org.id, added.id, dnsResolver());
    expect(checked.status).toBe("verified");
    expect(checked.domain.verifiedAt).toBeInstanceOf(Date);
    expect(await organizationForAddress(`Ada@${domain.toUpperCase()}`)).toEqual({ organizationId: org.id, domain });

    // The record removed: verification goes at the next check.
    dns.remove(added.record.host);
    expect((await checkDomain(org.id, added.id, dnsResolver())).status).toBe("missing");
    expect(await organizationForAddress(`ada@${domain}`)).toBeNull();
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "domain." } }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(audit.map((entry) => entry.action)).toEqual(["domain.added", "domain.verified", "domain.unverified"]);
  });

  it("belongs to one organization: a second one proving the same domain is told it is taken", async () => {
    const first = await organization("First Academy");
    const second = await organization("Second Academy");
    const domain = `${unique("shared")}.example`;
    const mine = await addDomain(first.id, { domain });
    const theirs = await addDomain(second.id, { domain });
    dns.txt(mine.record.host, mine.record.value);
    dns.txt(theirs.record.host, theirs.record.value);
    expect((await checkDomain(first.id, mine.id, dnsResolver())).status).toBe("verified");
    const taken = await checkDomain(second.id, theirs.id, dnsResolver());
    expect(taken.status).toBe("taken");
    expect(taken.domain.verifiedAt).toBeNull();
    expect(await organizationForAddress(`x@${domain}`)).toEqual({ organizationId: first.id, domain });
  });

  it("refuses malformed, duplicate and Laurel's domains by field, and another organization's domain is not found", async () => {
    const org = await organization();
    for (const bad of ["https://academy.example/", "academy", "10.0.0.1", "a@b@c", "acad\u0000emy.example", ""]) {
      expect(fieldsOf(() => parseInput(addDomainSchema, { domain: bad })), bad).toHaveProperty("domain");
    }
    const domain = `${unique("twice")}.example`;
    const added = await addDomain(org.id, { domain });
    await expect(addDomain(org.id, { domain })).rejects.toMatchObject({ fields: { domain: { code: "domain_listed" } } });
    await expect(addDomain(org.id, { domain: "laurel.test" })).rejects.toMatchObject({ fields: { domain: { code: "domain_laurel" } } });
    expect((await listDomains(org.id)).map((row) => row.domain)).toEqual([domain]);

    const stranger = await organization("Elsewhere");
    await expect(checkDomain(stranger.id, added.id, dnsResolver())).rejects.toMatchObject({ code: "not_found" });
    await expect(removeDomain(stranger.id, added.id)).rejects.toMatchObject({ code: "not_found" });
    await removeDomain(org.id, added.id);
    expect(await listDomains(org.id)).toEqual([]);
  });
});
