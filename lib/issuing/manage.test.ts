import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { hashIdentity } from "@/lib/ob/build";
import { createKnownEngagement } from "@/lib/test/analytics-fixtures";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { createAchievement } from "./achievements";
import { exportCredentialsCsv } from "./export-credentials";
import { issueCredential } from "./issue-credential";
import { credentialFiltersSchema, listCredentials } from "./list-credentials";
import { renewCredential } from "./renew-credential";
import { changeRecipientEmail } from "./resend-credential";
import { revokeCredentials } from "./revoke-credentials";
import { achievementInputSchema, issueCredentialSchema } from "./schemas";

async function orgWithCredentials(count: number, names: string[] = []) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Safety Training", description: "Knows the safety rules.", criteria: { narrative: "Attend." } }));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const issued = await issueCredential(
      org.id,
      parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail(`p${i}`), name: names[i] ?? `Person ${i}` } }),
      { notify: false },
    );
    ids.push(issued.id);
  }
  return { org, achievement, ids };
}

const filters = (input: Record<string, unknown> = {}) => credentialFiltersSchema.parse(input);

describe("managing credentials", () => {
  it("pages through every credential exactly once, newest first", async () => {
    const { org, ids } = await orgWithCredentials(7);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCredentials(org.id, filters({ limit: 3, cursor }));
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("filters by status and searches by name or email prefix", async () => {
    const { org, ids } = await orgWithCredentials(3, ["Ana Ruiz", "Bo Chen", "Cy Park"]);
    await revokeCredentials(org.id, [ids[1]], "duplicate");
    await db.credential.update({ where: { id: ids[2] }, data: { claimedAt: new Date() } });
    await db.credential.update({ where: { id: ids[0] }, data: { validUntil: new Date(Date.now() - 1000) } });
    const by = async (status: string) => (await listCredentials(org.id, filters({ status }))).items.map((item) => item.id);
    expect(await by("revoked")).toEqual([ids[1]]);
    expect(await by("claimed")).toEqual([ids[2]]);
    expect(await by("expired")).toEqual([ids[0]]);
    expect(await by("issued")).toEqual([]);
    expect((await listCredentials(org.id, filters({ q: "bo ch" }))).items.map((item) => item.id)).toEqual([ids[1]]);
    const email = (await db.credential.findUniqueOrThrow({ where: { id: ids[2] } })).recipientEmail;
    expect((await listCredentials(org.id, filters({ q: email.slice(0, 8).toUpperCase() }))).items.map((item) => item.id)).toContain(ids[2]);
    // % and _ are letters to a person searching, not LIKE's wildcards.
    expect((await listCredentials(org.id, filters({ q: "b_ c" }))).items).toEqual([]);
    expect((await listCredentials(org.id, filters({ q: "%" }))).items).toEqual([]);
  });

  it("lists each credential with its visitors, shares and share-link clicks", async () => {
    const known = await createKnownEngagement();
    const page = await listCredentials(known.org.id, filters({ limit: 25 }));
    const engagementOf = (index: number) => page.items.find((item) => item.id === known.credentials[index]!.id)?.engagement;
    expect(page.items).toHaveLength(10);
    expect(engagementOf(0)).toEqual({ visitors: 2, shares: 1, shareClicks: 2 });
    expect(engagementOf(1)).toEqual({ visitors: 1, shares: 1, shareClicks: 1 });
    expect(engagementOf(6)).toEqual({ visitors: 2, shares: 1, shareClicks: 2 });
    // Previews, claims and "earn this badge" clicks are none of the three.
    expect(engagementOf(2)).toEqual({ visitors: 0, shares: 0, shareClicks: 0 });
  });

  it("revokes many at once, reporting the ones it skipped", async () => {
    const { org, ids } = await orgWithCredentials(3);
    const other = await orgWithCredentials(1);
    await revokeCredentials(org.id, [ids[0]], "first");
    const result = await revokeCredentials(org.id, [...ids, other.ids[0]], "end of course");
    expect(result.revoked.sort()).toEqual([ids[1], ids[2]].sort());
    expect(result.skipped).toEqual(expect.arrayContaining([{ id: ids[0], code: "conflict" }, { id: other.ids[0], code: "not_found" }]));
    expect((await db.credential.findUniqueOrThrow({ where: { id: other.ids[0] } })).revokedAt).toBeNull();
  });

  it("renews: a new credential for the same person, the old one marked replaced, once", async () => {
    const { org, ids } = await orgWithCredentials(1);
    const renewed = await renewCredential(org.id, ids[0]);
    const [old, fresh] = await Promise.all([
      db.credential.findUniqueOrThrow({ where: { id: ids[0] }, include: { events: true } }),
      db.credential.findUniqueOrThrow({ where: { id: renewed.id } }),
    ]);
    expect(old.replacedById).toBe(renewed.id);
    expect(old.events.map((event) => event.type)).toContain("renewed");
    expect(fresh.recipientEmail).toBe(old.recipientEmail);
    await expect(renewCredential(org.id, ids[0])).rejects.toMatchObject({ code: "conflict" });
  });

  it("corrects an unclaimed credential's address by re-signing it for the new address", async () => {
    const { org, ids } = await orgWithCredentials(1);
    const newEmail = uniqueEmail("corrected");
    await changeRecipientEmail(org.id, ids[0], newEmail);
    const stored = await db.credential.findUniqueOrThrow({ where: { id: ids[0] } });
    const identifier = (stored.document as { credentialSubject: { identifier: { identityHash: string; salt: string }[] } }).credentialSubject.identifier[0];
    expect(identifier.identityHash).toBe(hashIdentity(newEmail, identifier.salt));
    expect(stored.recipientEmail).toBe(newEmail);
    await db.credential.update({ where: { id: ids[0] }, data: { claimedAt: new Date() } });
    await expect(changeRecipientEmail(org.id, ids[0], uniqueEmail("again"))).rejects.toMatchObject({ code: "conflict" });
  });

  it("exports the filtered credentials as CSV with formula cells neutralised", async () => {
    const { org } = await orgWithCredentials(2, ["=HYPERLINK(\"http://evil\")", "Plain Name"]);
    const csv = await exportCredentialsCsv(org.id, {});
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("id,url,recipient_email,recipient_name,achievement,status,issued_at,valid_from,valid_until,claimed_at,revoked_at");
    expect(lines).toHaveLength(3);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
