import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { bakePng, bakeSvg, unbakePng } from "@/lib/ob/bake";
import { DCC_DIR, documentFetcher, OB20_DIR, OB30_DIR, ob30Documents, readJson } from "@/lib/ob/verify/test/fixture-documents";
import { createTestIssuer } from "@/lib/ob/verify/test/laurel-issuer";
import type { Check } from "@/lib/ob/verify";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { SIMPLE_SVG, solidPng } from "@/lib/test/images";
import { importCredential, MAX_IMPORT_TEXT_BYTES, MAX_IMPORT_UPLOAD_BYTES } from "./import-credential";
import { recheckImportedEntry } from "./recheck-import";

const png = (file: string) => new Uint8Array(readFileSync(file));
// The 1EdTech fixtures' issuers (example.com, 1edtech.edu) publish nothing reachable; their
// stand-in profiles serve the keys the fixtures name, as those issuers would (see fixture-documents).
const ob30Issuers = documentFetcher(ob30Documents());

/** DCC's OB 3.0 spec example, signed by a did:key: verifies with no network at all. */
const dccCredentialText = () => readFileSync(path.join(DCC_DIR, "v2OBv3SpecExample.json"), "utf8");

async function expectFieldError(promise: Promise<unknown>, field: string, code: string) {
  await expect(promise).rejects.toMatchObject({ fields: { [field]: { code } } });
}

describe("importing a badge from elsewhere", () => {
  it("imports 1EdTech's baked PNG as a private, verified entry with the image itself and the credential's text", async () => {
    const user = await createUser();
    const bytes = png(path.join(OB30_DIR, "simple-json.png"));
    const outcome = await importCredential(user.id, { source: "upload", bytes }, { fetchOthers: ob30Issuers });
    expect(outcome).toMatchObject({ status: "imported", verified: true, format: "ob3-jsonld" });
    if (outcome.status !== "imported") throw new Error("not imported");
    expect(outcome.checks.map((check) => [check.check, check.ok])).toEqual([
      ["proof", true],
      ["schema", true],
      ["dates", true],
      ["status", true],
      ["issuer", true],
    ]);

    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { id: outcome.entryId } });
    expect(entry).toMatchObject({ userId: user.id, credentialId: null, state: "accepted", visibility: "private", verified: true, importFormat: "png" });
    expect(entry.importPayload).toBe(unbakePng(bytes)!.payload.trim());
    expect(entry.importPayload).not.toContain("iVBOR");
    expect(entry.image).toBe(`data:image/png;base64,${Buffer.from(bytes).toString("base64")}`);
    const credential = JSON.parse(entry.importPayload!);
    expect(entry.name).toBe(credential.credentialSubject.achievement.name);
    expect(entry.issuerName).toBe(credential.issuer.name);
    expect(entry.issuedOn?.toISOString()).toBe(new Date(credential.validFrom).toISOString());
    expect(entry.verification).toMatchObject({ valid: true, format: "ob3-jsonld" });
    expect((entry.verification as { checks: { ok: boolean }[] }).checks.map((check) => check.ok)).toEqual([true, true, true, true, true]);
  });

  it("imports a badge another issuer baked into a PNG, with no network at all, and refuses a second copy", async () => {
    const user = await createUser();
    const bytes = bakePng(solidPng(16), dccCredentialText());
    const first = await importCredential(user.id, { source: "upload", bytes });
    expect(first).toMatchObject({ status: "imported", verified: true, name: "Teamwork" });
    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { id: (first as { entryId: string }).entryId } });
    expect(entry).toMatchObject({ issuerName: "Example Corp", criteria: expect.stringContaining("nominated for this badge by their peers") });

    // The same credential again, even pasted as text, is "already in your backpack".
    await expect(importCredential(user.id, { source: "paste", text: dccCredentialText() })).rejects.toMatchObject({
      code: "conflict",
      fields: { text: { code: "import_duplicate" } },
    });
    // Someone else may import their copy.
    const other = await createUser();
    expect(await importCredential(other.id, { source: "upload", bytes })).toMatchObject({ status: "imported" });
  });

  it("refuses a tampered baked image with the failing check's reason, and keeps it unverified only when the learner insists", async () => {
    const user = await createUser();
    const tampered = JSON.parse(dccCredentialText());
    tampered.credentialSubject.achievement.name = "Grand Master of Everything";
    const bytes = bakePng(solidPng(16), JSON.stringify(tampered));

    const refused = await importCredential(user.id, { source: "upload", bytes });
    expect(refused.status).toBe("failed");
    if (refused.status !== "failed") throw new Error("not refused");
    expect(refused.checks.find((check) => check.check === "proof")).toMatchObject({ ok: false });
    expect(refused.checks.find((check) => check.check === "proof")).toMatchObject({ state: "failed", code: "signature_invalid" });
    expect(await db.backpackEntry.count({ where: { userId: user.id } })).toBe(0);

    const kept = await importCredential(user.id, { source: "upload", bytes }, { keepUnverified: true });
    expect(kept).toMatchObject({ status: "imported", verified: false });
    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { id: (kept as { entryId: string }).entryId } });
    expect(entry).toMatchObject({ verified: false, visibility: "private", name: "Grand Master of Everything" });
    expect(entry.verification).toMatchObject({ valid: false });
    expect((entry.verification as { checks: { check: string; ok: boolean }[] }).checks.find((check) => check.check === "proof")?.ok).toBe(false);
  });

  it("a badge whose issuer's key server does not answer 'couldn't be checked', not forged; kept, it is checked again later", async () => {
    const user = await createUser();
    const bytes = png(path.join(OB30_DIR, "simple-json.png"));
    const offline = async (url: string): Promise<never> => {
      throw new Error(`${url}: no answer`);
    };
    const refused = await importCredential(user.id, { source: "upload", bytes }, { fetchOthers: offline });
    expect(refused).toMatchObject({ status: "failed", verdict: "indeterminate" });
    if (refused.status !== "failed") throw new Error("not refused");
    expect(refused.checks.find((check) => check.check === "proof")).toMatchObject({ state: "unknown", code: "key_unavailable" });
    expect(refused.checks.filter((check) => check.state === "failed")).toEqual([]);

    const kept = await importCredential(user.id, { source: "upload", bytes }, { fetchOthers: offline, keepUnverified: true });
    if (kept.status !== "imported") throw new Error("not kept");
    const stored = await db.backpackEntry.findUniqueOrThrow({ where: { id: kept.entryId } });
    expect(stored).toMatchObject({ verified: false, verification: { verdict: "indeterminate" } });
    // Still no answer: still "couldn't be checked". The server is back: verified, and kept so.
    expect(await recheckImportedEntry(user.id, kept.entryId, { fetchOthers: offline })).toBe("indeterminate");
    expect(await recheckImportedEntry(user.id, kept.entryId, { fetchOthers: ob30Issuers })).toBe("valid");
    expect(await db.backpackEntry.findUniqueOrThrow({ where: { id: kept.entryId } })).toMatchObject({ verified: true, verification: { valid: true, verdict: "valid" } });
    // Only the learner's own imports.
    await expect(recheckImportedEntry((await createUser()).id, kept.entryId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("imports a pasted VC-JWT and a baked SVG", async () => {
    const user = await createUser();
    // Another issuer's VC-JWT carrying every claim OB 3.0 requires, its profile served as its site would.
    const elsewhere = await createTestIssuer({ origin: "https://academy-elsewhere.example" });
    const { jwt } = await elsewhere.issue();
    const outcome = await importCredential(user.id, { source: "paste", text: `\n${jwt}\n` }, { fetchOthers: documentFetcher(elsewhere.documents) });
    expect(outcome).toMatchObject({ status: "imported", verified: true, format: "ob3-jwt" });
    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { id: (outcome as { entryId: string }).entryId } });
    expect(entry).toMatchObject({ importFormat: "jwt", importPayload: jwt.trim() });

    // 1EdTech's sample VC-JWT names a subject id but leaves out the sub claim: not importable as verified.
    const sample = unbakePng(png(path.join(OB30_DIR, "simple-jwt.png")))!.payload;
    const refused = await importCredential(user.id, { source: "paste", text: sample }, { fetchOthers: ob30Issuers });
    expect(refused).toMatchObject({ status: "failed", format: "ob3-jwt" });
    const claims = (refused as { checks: Check[] }).checks.find((check) => check.check === "proof")!;
    expect(claims).toMatchObject({ state: "failed", code: "jwt_claims_invalid" });
    expect(claims.message).toContain("sub is missing");

    const svg = bakeSvg(SIMPLE_SVG, dccCredentialText());
    const fromSvg = await importCredential(user.id, { source: "upload", bytes: new TextEncoder().encode(svg) });
    expect(fromSvg).toMatchObject({ status: "imported", verified: true });
    const svgEntry = await db.backpackEntry.findUniqueOrThrow({ where: { id: (fromSvg as { entryId: string }).entryId } });
    expect(svgEntry.importFormat).toBe("svg");
    expect(svgEntry.image).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  describe("an OB 2.0 hosted assertion at a URL", () => {
    let server: Server;
    let origin: string;
    const documents = new Map<string, unknown>();

    beforeAll(async () => {
      server = createServer((request, response) => {
        const document = documents.get(request.url ?? "");
        if (!document) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { "Content-Type": "application/ld+json" }).end(JSON.stringify(document));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // 1EdTech's basic hosted assertion with its BadgeClass and Issuer, hosted on our loopback server.
      const rehost = (file: string) => JSON.parse(JSON.stringify(readJson(path.join(OB20_DIR, file))).replaceAll("https://example.org", origin).replaceAll("http://example.org", origin));
      documents.set("/beths-robotics-badge.json", rehost("basic-assertion.json"));
      documents.set("/robotics-badge.json", rehost("assets/robotics-badge.json"));
      documents.set("/organization.json", rehost("assets/organization.json"));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("verifies it through the safe fetcher (loopback allowed for this test only) and reads its BadgeClass", async () => {
      const user = await createUser();
      const url = `${origin}/beths-robotics-badge.json`;
      const outcome = await importCredential(user.id, { source: "url", url }, { allowOrigins: [origin] });
      expect(outcome).toMatchObject({ status: "imported", verified: true, format: "ob2-hosted", name: "Awesome Robotics Badge" });
      const entry = await db.backpackEntry.findUniqueOrThrow({ where: { id: (outcome as { entryId: string }).entryId } });
      expect(entry).toMatchObject({ importFormat: "url", importUrl: url, issuerName: "An Example Badge Issuer", visibility: "private" });
      expect(JSON.parse(entry.importPayload!)).toMatchObject({ id: url, type: "Assertion" });
      // An http image URL from elsewhere is not shown (only https or data URLs are).
      expect(entry.image).toBeNull();
    });

    it("without that permission the same loopback URL is refused, as any local address is", async () => {
      const user = await createUser();
      await expectFieldError(importCredential(user.id, { source: "url", url: `${origin}/beths-robotics-badge.json` }), "url", "import_unreadable");
    });
  });

  it("gives every unreadable or oversized input a field error", async () => {
    const user = await createUser();
    await expectFieldError(importCredential(user.id, { source: "paste", text: "hello, this is not a badge" }), "text", "import_text_unrecognized");
    await expectFieldError(importCredential(user.id, { source: "paste", text: "   " }), "text", "required");
    await expectFieldError(importCredential(user.id, { source: "paste", text: "{not json" }), "text", "import_unreadable");
    await expectFieldError(importCredential(user.id, { source: "paste", text: '{"@context":"https://w3id.org/openbadges/v2","type":"BadgeClass","name":"x"}' }), "text", "import_unreadable");
    await expectFieldError(importCredential(user.id, { source: "paste", text: "aaa.bbb.ccc" }), "text", "import_unreadable");
    await expectFieldError(importCredential(user.id, { source: "paste", text: `{"a":"${"x".repeat(MAX_IMPORT_TEXT_BYTES)}"}` }), "text", "import_text_too_large");
    await expectFieldError(importCredential(user.id, { source: "upload", bytes: solidPng(8) }), "file", "import_not_baked");
    await expectFieldError(importCredential(user.id, { source: "upload", bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }), "file", "import_image_type");
    await expectFieldError(importCredential(user.id, { source: "upload", bytes: new Uint8Array(0) }), "file", "required");
    await expectFieldError(importCredential(user.id, { source: "upload", bytes: new Uint8Array(MAX_IMPORT_UPLOAD_BYTES + 1) }), "file", "file_too_large");
    await expectFieldError(
      importCredential(user.id, { source: "upload", bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }),
      "file",
      "svg_unsafe",
    );
    await expectFieldError(importCredential(user.id, { source: "url", url: "not a url" }), "url", "import_url_invalid");
    await expectFieldError(importCredential(user.id, { source: "url", url: "file:///etc/passwd" }), "url", "import_url_invalid");
    await expectFieldError(importCredential(user.id, { source: "url", url: "http://169.254.169.254/latest/meta-data" }), "url", "import_unreadable");
    expect(await db.backpackEntry.count({ where: { userId: user.id } })).toBe(0);
  });

  describe("a credential Laurel issued", () => {
    async function issueTo(email: string) {
      const owner = await createUser();
      const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Import Test Academy");
      const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Home Grown", description: "Issued here.", criteria: { narrative: "Do it." } }));
      const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email } }), { notify: false });
      return db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    }

    it("lands in its recipient's backpack instead of being copied, whether pasted or linked", async () => {
      const user = await createUser();
      const credential = await issueTo(user.email);
      const outcome = await importCredential(user.id, { source: "paste", text: JSON.stringify(credential.document) });
      expect(outcome.status).toBe("claimed");
      const entry = await db.backpackEntry.findUniqueOrThrow({ where: { id: (outcome as { entryId: string }).entryId } });
      expect(entry).toMatchObject({ userId: user.id, credentialId: credential.id, state: "accepted", importPayload: null });
      await expect(importCredential(user.id, { source: "url", url: publicUrls.credential(credential.id) })).rejects.toMatchObject({
        code: "conflict",
        fields: { url: { code: "import_duplicate" } },
      });

      const linked = await issueTo(user.email);
      expect(await importCredential(user.id, { source: "url", url: publicUrls.credential(linked.id) })).toMatchObject({ status: "claimed" });
      expect(await db.backpackEntry.count({ where: { credentialId: { in: [credential.id, linked.id] } } })).toBe(2);
    });

    it("is refused to anyone it was not addressed to", async () => {
      const credential = await issueTo(uniqueEmail("someone-else"));
      const stranger = await createUser();
      await expectFieldError(importCredential(stranger.id, { source: "paste", text: JSON.stringify(credential.document) }), "text", "import_laurel_not_yours");
      await expectFieldError(importCredential(stranger.id, { source: "url", url: publicUrls.credential(credential.id) }), "url", "import_laurel_not_yours");
      expect(await db.backpackEntry.count({ where: { credentialId: credential.id } })).toBe(0);
    });

    it("answers a stranger linking a private credential as if it did not exist", async () => {
      const holder = await createUser();
      const credential = await issueTo(holder.email);
      await db.backpackEntry.create({ data: { userId: holder.id, credentialId: credential.id, state: "accepted", acceptedAt: new Date(), visibility: "private" } });
      const stranger = await createUser();
      await expectFieldError(importCredential(stranger.id, { source: "url", url: publicUrls.credential(credential.id) }), "url", "import_laurel_unknown");
      await expectFieldError(importCredential(stranger.id, { source: "url", url: publicUrls.credential("00000000-0000-4000-8000-000000000000") }), "url", "import_laurel_unknown");
      await expectFieldError(importCredential(stranger.id, { source: "paste", text: JSON.stringify(credential.document) }), "text", "import_laurel_unknown");
      expect(await db.backpackEntry.findUniqueOrThrow({ where: { credentialId: credential.id } })).toMatchObject({ userId: holder.id, visibility: "private" });
    });
  });
});
