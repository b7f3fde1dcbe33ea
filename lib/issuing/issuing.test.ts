import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { bakePng, bakeSvg } from "@/lib/ob/bake";
import { decodeStatusList, getStatusBit } from "@/lib/ob/status-list";
import { SIMPLE_SVG, solidPng } from "@/lib/test/images";
import { verifyCredential } from "@/lib/ob/verify";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { createAchievement } from "./achievements";
import { publishedIssuerProfile } from "./issuer-profile";
import { issueCredential, type IssueOptions } from "./issue-credential";
import { sendClaimEmail } from "./claim-email";
import { useTestSmtp } from "@/lib/test/smtp";
import { ob2, publishedKeyDocument, revocationListDocument } from "./public-documents";
import { revokeCredential } from "./revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "./schemas";
import { rotateSigningKey } from "./signing-keys";
import { signedStatusList } from "./status-lists";
import { publicUrls } from "./urls";

const smtp = useTestSmtp();

/** Serves Laurel's own public documents to the verifier, as the HTTP routes would. */
async function fetchFromLaurel(url: string): Promise<unknown> {
  const path = new URL(url).pathname;
  const issuer = path.match(/^\/o\/([^/]+)$/);
  if (issuer) return publishedIssuerProfile(issuer[1]);
  const status = path.match(/^\/o\/([^/]+)\/status\/([^/]+)$/);
  if (status) return signedStatusList(status[1], status[2]);
  const key = path.match(/^\/o\/([^/]+)\/keys\/([^/]+)$/);
  if (key) return publishedKeyDocument(key[1], key[2]);
  throw new Error(`not served in this test: ${url}`);
}

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Verifiable Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, {
      name: "Data Literacy",
      description: "Reads charts and tables critically.",
      criteria: { narrative: "Pass the final assessment with 80% or more." },
      achievementType: "Badge",
      tags: ["data"],
      alignment: [{ targetName: "Data literacy", targetUrl: "https://example.org/frameworks/data-literacy", targetFramework: "Example Framework" }],
    }),
  );
  return { org, achievement };
}

const issueTo = (orgId: string, achievementId: string, extra: Record<string, unknown> = {}, options: IssueOptions = { notify: false }) =>
  issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId, recipient: { email: uniqueEmail("learner"), name: "Lee Learner" }, ...extra }), options);

describe("issuing a credential", () => {
  it("signs it with both proofs and it verifies against Laurel's published keys and status list", async () => {
    const { org, achievement } = await setup();
    const issued = await issueTo(org.id, achievement.id, { evidence: [{ id: "https://example.org/work/1", narrative: "Final project" }], result: "Passed with distinction" });
    expect(issued.url).toBe(publicUrls.credential(issued.id));

    const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    const document = stored.document as Record<string, unknown>;
    expect(document.id).toBe(issued.url);
    expect(document.issuer).toMatchObject({ id: publicUrls.issuer(org.id), name: "Verifiable Academy" });
    expect(JSON.stringify(document)).not.toContain(stored.recipientEmail);
    expect((document.proof as unknown[]).length).toBe(1);
    expect((document.credentialSubject as { result?: unknown[] }).result).toEqual([{ type: ["Result"], value: "Passed with distinction" }]);

    for (const form of [document, stored.jwt]) {
      const result = await verifyCredential(form as never, { fetchRemote: fetchFromLaurel, allowOrigins: [] });
      expect(result.checks.filter((check) => !check.ok)).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it("revocation flips the status bit at once and verification fails on status", async () => {
    const { org, achievement } = await setup();
    const issued = await issueTo(org.id, achievement.id);
    const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    const before = (await signedStatusList(org.id, stored.statusListId)) as { credentialSubject: { encodedList: string } };
    expect(getStatusBit(decodeStatusList(before.credentialSubject.encodedList), stored.statusIndex)).toBe(false);

    await revokeCredential(org.id, issued.id, "Issued by mistake");
    const after = (await signedStatusList(org.id, stored.statusListId)) as { credentialSubject: { encodedList: string } };
    expect(getStatusBit(decodeStatusList(after.credentialSubject.encodedList), stored.statusIndex)).toBe(true);

    const result = await verifyCredential(stored.document as never, { fetchRemote: fetchFromLaurel });
    expect(result.valid).toBe(false);
    expect(result.checks.find((check) => check.check === "status")).toMatchObject({ ok: false, code: "revoked" });

    // The 1EdTech revocation list and the OB 2.0 assertion say so too, without the reason.
    const list = await revocationListDocument(org.id);
    expect(JSON.stringify(list)).toContain(issued.url);
    expect(JSON.stringify(list)).not.toContain("mistake");
    expect(await ob2.assertion(issued.id)).toEqual({ revoked: true });
    await expect(revokeCredential(org.id, issued.id, "again")).rejects.toMatchObject({ code: "conflict" });
  });

  it("a credential signed before a key rotation still verifies after it", async () => {
    const { org, achievement } = await setup();
    const old = await issueTo(org.id, achievement.id);
    const oldDocument = (await db.credential.findUniqueOrThrow({ where: { id: old.id } })).document as { proof: { verificationMethod: string }[] };
    const rotated = await rotateSigningKey(org.id);
    const fresh = await issueTo(org.id, achievement.id);
    const freshDocument = (await db.credential.findUniqueOrThrow({ where: { id: fresh.id } })).document as { proof: { verificationMethod: string }[] };
    expect(freshDocument.proof[0].verificationMethod).toBe(rotated.url);
    expect(oldDocument.proof[0].verificationMethod).not.toBe(rotated.url);

    const profile = (await publishedIssuerProfile(org.id)) as { verificationMethod: { id: string }[]; assertionMethod: string[] };
    expect(profile.verificationMethod.map((method) => method.id)).toContain(rotated.id);
    expect(profile.assertionMethod).toEqual(expect.arrayContaining([rotated.id, rotated.url, oldDocument.proof[0].verificationMethod]));
    expect((await verifyCredential(oldDocument as never, { fetchRemote: fetchFromLaurel })).valid).toBe(true);
    expect((await verifyCredential(freshDocument as never, { fetchRemote: fetchFromLaurel })).valid).toBe(true);
  });

  it("gives every credential its own scattered status index", async () => {
    const { org, achievement } = await setup();
    const issued = await Promise.all(Array.from({ length: 12 }, () => issueTo(org.id, achievement.id)));
    const rows = await db.credential.findMany({ where: { id: { in: issued.map((c) => c.id) } }, select: { statusIndex: true } });
    const indexes = rows.map((row) => row.statusIndex);
    expect(new Set(indexes).size).toBe(12);
    // Not handed out in order: consecutive credentials are far apart in the list.
    expect(indexes.sort((a, b) => a - b).some((index, i, all) => i > 0 && index - all[i - 1] > 1000)).toBe(true);
  });

  it("refuses bad input and another organization's achievement or credential", async () => {
    const { org, achievement } = await setup();
    const other = await setup();
    expect(() => parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: "nope" } })).toThrowError(
      expect.objectContaining({ fields: { "recipient.email": { code: "invalid_email" } } }),
    );
    expect(() =>
      parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: "a@example.com" }, validFrom: "2030-01-02", validUntil: "2030-01-01" }),
    ).toThrowError(expect.objectContaining({ fields: { validUntil: { code: "valid_until_before_valid_from" } } }));
    const before = await db.credential.count({ where: { organizationId: org.id } });
    await expect(issueTo(org.id, other.achievement.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.credential.count({ where: { organizationId: org.id } })).toBe(before);

    const theirs = await issueTo(other.org.id, other.achievement.id);
    await expect(revokeCredential(org.id, theirs.id, "not mine")).rejects.toMatchObject({ code: "not_found" });
    expect((await db.credential.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
  });

  it("round-trips through baked PNG and SVG badges in both proof formats, and a tampered bake fails", async () => {
    const { org, achievement } = await setup();
    const issued = await issueTo(org.id, achievement.id);
    const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    const json = JSON.stringify(stored.document);
    const baked = [bakePng(solidPng(), json), bakePng(solidPng(), stored.jwt), bakeSvg(SIMPLE_SVG, json), bakeSvg(SIMPLE_SVG, stored.jwt)];
    for (const image of baked) {
      const result = await verifyCredential(image, { fetchRemote: fetchFromLaurel });
      expect(result.checks.filter((check) => !check.ok)).toEqual([]);
      expect(result.credential?.id).toBe(issued.url);
    }
    const tampered = bakeSvg(SIMPLE_SVG, json.replace("Data Literacy", "Data Literacz"));
    const result = await verifyCredential(tampered, { fetchRemote: fetchFromLaurel });
    expect(result.valid).toBe(false);
    expect(result.checks.find((check) => check.check === "proof")?.ok).toBe(false);
  });

  it("issues once per idempotency key, even when two requests race", async () => {
    const { org, achievement } = await setup();
    const input = { achievementId: achievement.id, recipient: { email: uniqueEmail("once") } };
    const [a, b] = await Promise.all([
      issueCredential(org.id, parseInput(issueCredentialSchema, input), { idempotencyKey: "row-1", notify: false }),
      issueCredential(org.id, parseInput(issueCredentialSchema, input), { idempotencyKey: "row-1", notify: false }),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await db.credential.count({ where: { organizationId: org.id, idempotencyKey: "row-1" } })).toBe(1);
  });

  it("applies the achievement's expiry policy and records the timeline", async () => {
    const { org, achievement } = await setup();
    await db.achievement.update({ where: { id: achievement.id }, data: { expiresAfterValue: 2, expiresAfterUnit: "months" } });
    const issued = await issueTo(org.id, achievement.id, { validFrom: "2026-01-31T00:00:00Z" });
    const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id }, include: { events: true } });
    expect(stored.validUntil?.toISOString()).toBe("2026-03-31T00:00:00.000Z");
    expect((stored.document as { validUntil?: string }).validUntil).toBe("2026-03-31T00:00:00Z");
    expect(stored.events.map((event) => event.type)).toEqual(["issued"]);
  });

  it("emails the recipient a branded claim email with the issuer's message", async () => {
    const { org, achievement } = await setup();
    const email = uniqueEmail("claimer");
    const issued = await issueCredential(
      org.id,
      parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email, name: "Cleo" } }),
      { notify: false, message: "Well done on the final project!" },
    );
    expect(await sendClaimEmail(issued.id)).toBe("sent");
    const mail = await smtp.waitFor(email, /awarded you/);
    expect(mail.subject).toBe("Verifiable Academy awarded you “Data Literacy”");
    expect(mail.text).toContain("Congratulations, Cleo!");
    expect(mail.text).toContain("Well done on the final project!");
    expect(mail.text).toContain(issued.url);
    const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id }, include: { events: true } });
    expect(stored.emailedAt).toBeInstanceOf(Date);
    expect(stored.events.map((event) => event.type).sort()).toEqual(["emailed", "issued"]);
  });
});
