// Credentials that Laurel did not make: signed in the test by Digital Bazaar's vc (Data Integrity)
// and by node:crypto (VC-JWT), for did:key and did:jwk issuers, which resolve offline.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { Ed25519Signature2018 } from "@digitalbazaar/ed25519-signature-2018";
import { Ed25519VerificationKey2018 } from "@digitalbazaar/ed25519-verification-key-2018";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { describe, expect, it } from "vitest";
import { createDocumentLoader } from "../document-loader";
import { verifyCredential, type CheckName, type VerificationResult } from "./index";
import type { Json } from "./result";
import { documentFetcher, SPEC_DIR } from "./test/fixture-documents";
import { ed25519Did, openBadge, signJwt, signWithDigitalBazaar, type DidKeyPair } from "./test/independent-signers";

const NOW = new Date("2026-01-01T00:00:00Z");
// Nothing may be fetched: these DIDs are their own keys.
const offline = { now: NOW, fetchRemote: documentFetcher({}) };

const check = (result: VerificationResult, name: CheckName) => result.checks.find((c) => c.check === name);
const failures = (result: VerificationResult) => result.checks.filter((c) => !c.ok).map((c) => `${c.check}:${c.code} ${c.message}`);

function tamperJwt(jwt: string): string {
  const [header, payload, signature] = jwt.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Json;
  claims.name = "Bridge Destroyer";
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

function tamperJsonLd(credential: Json): Json {
  const copy = structuredClone(credential) as Json & { credentialSubject: { achievement: { name: string } } };
  copy.credentialSubject.achievement.name = "Bridge Destroyer";
  return copy;
}

describe.each(["key", "jwk"] as const)("a did:%s issuer", (method) => {
  it("Data Integrity credential signed by Digital Bazaar's vc: valid, and a tampered copy's signature fails", async () => {
    const key = await ed25519Did(method);
    const signed = await signWithDigitalBazaar(openBadge(key.did), key);
    expect((signed.proof as Json).verificationMethod).toBe(key.vm);

    const result = await verifyCredential(signed, offline);
    expect(failures(result)).toEqual([]);
    expect(result).toMatchObject({ valid: true, format: "ob3-jsonld" });
    // A did:jwk runs to a hundred characters and more: the sentence shows its start and its end.
    expect(check(result, "issuer")?.message).toContain(key.did.slice(0, 40));
    expect(check(result, "issuer")?.message).toContain(key.did.slice(-12));
    expect(check(result, "proof")?.warnings).toBeUndefined();

    const tampered = await verifyCredential(tamperJsonLd(signed), offline);
    expect(tampered.valid).toBe(false);
    expect(check(tampered, "proof")).toMatchObject({ ok: false, code: "signature_invalid" });
  });

  it("VC-JWT signed with node:crypto, kid naming the DID's key: valid, and a tampered payload fails", async () => {
    const key = await ed25519Did(method);
    const jwt = signJwt(openBadge(key.did), { kid: key.vm }, key.privateKey);

    const result = await verifyCredential(jwt, offline);
    expect(failures(result)).toEqual([]);
    expect(result).toMatchObject({ valid: true, format: "ob3-jwt" });

    const tampered = await verifyCredential(tamperJwt(jwt), offline);
    expect(tampered.valid).toBe(false);
    expect(check(tampered, "proof")).toMatchObject({ ok: false, code: "signature_invalid" });
  });

  it("names a long DID shortened in the sentence and whole in the detail", async () => {
    const key = await ed25519Did(method);
    // A kid the DID does not hold: the failure names both, each over a hundred characters.
    const kid = `${key.did}#not-a-key`;
    const proof = check(await verifyCredential(signJwt(openBadge(key.did), { kid }, key.privateKey), offline), "proof")!;
    expect(proof).toMatchObject({ state: "failed", code: "key_invalid" });
    expect(proof.message).not.toContain(kid);
    expect(proof.message).toContain(key.did.slice(0, 30));
    expect(proof.message).toContain("…");
    expect(proof.detail).toContain(kid);
    expect(proof.message.length).toBeLessThan(proof.detail!.length);
  });

  it("cannot sign for another issuer of the same method", async () => {
    const key = await ed25519Did(method);
    const victim = await ed25519Did(method);
    for (const form of [await signWithDigitalBazaar(openBadge(victim.did), key), signJwt(openBadge(victim.did), { kid: key.vm }, key.privateKey)]) {
      const result = await verifyCredential(form, offline);
      expect(result.valid).toBe(false);
      expect(check(result, "proof")?.ok).toBe(true);
      expect(check(result, "issuer")).toMatchObject({ ok: false, code: "issuer_key_mismatch" });
    }
  });
});

describe("contexts wallets' issuers use, bundled", () => {
  it("a credential with the StatusList2021 context has its signature checked offline; only its unreachable list stays unchecked", async () => {
    const key = await ed25519Did("key");
    const credential = openBadge(key.did);
    credential["@context"] = [...(credential["@context"] as string[]), "https://w3id.org/vc/status-list/2021/v1"];
    credential.credentialStatus = {
      id: "https://status.elsewhere.example/lists/3#94567",
      type: "StatusList2021Entry",
      statusPurpose: "revocation",
      statusListIndex: "94567",
      statusListCredential: "https://status.elsewhere.example/lists/3",
    };
    // Signed with the contexts as their own npm packages publish them, not Laurel's copies.
    const published = (await import("@digitalbazaar/vc-status-list-context")).contexts as Map<string, unknown>;
    const fallback = createDocumentLoader();
    const documentLoader = async (url: string) => (published.has(url) ? { contextUrl: null, documentUrl: url, document: published.get(url) } : fallback(url));
    const suite = new DataIntegrityProof({ signer: key.multikey.signer(), cryptosuite: eddsaRdfc2022 });
    const signed = (await vc.issue({ credential, suite, documentLoader })) as Json;

    const result = await verifyCredential(signed, offline);
    expect(check(result, "proof")).toMatchObject({ state: "passed", code: "verified" });
    expect(check(result, "status")).toMatchObject({ state: "unknown", code: "status_unavailable" });
    expect(result.verdict).toBe("indeterminate");

    const tampered = await verifyCredential(tamperJsonLd(signed), offline);
    expect(check(tampered, "proof")).toMatchObject({ state: "failed", code: "signature_invalid" });
  });
});

describe("did:jwk beyond Ed25519", () => {
  it("an ES256 VC-JWT from a P-256 did:jwk verifies; with the key in the jwk header too", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString("base64url")}`;
    for (const header of [{ kid: `${did}#0` }, { jwk }]) {
      const jwt = signJwt(openBadge(did), header, privateKey, "ES256");
      const result = await verifyCredential(jwt, offline);
      expect(failures(result), JSON.stringify(header).slice(0, 20)).toEqual([]);
      expect(check(await verifyCredential(tamperJwt(jwt), offline), "proof")).toMatchObject({ ok: false, code: "signature_invalid" });
    }
    // A did:jwk holding a private key is no identifier to trust.
    const leaked = `did:jwk:${Buffer.from(JSON.stringify(privateKey.export({ format: "jwk" }))).toString("base64url")}`;
    const refused = await verifyCredential(signJwt(openBadge(leaked), { kid: `${leaked}#0` }, privateKey, "ES256"), offline);
    expect(check(refused, "proof")).toMatchObject({ ok: false, state: "failed", code: "key_invalid" });
  });
});

describe("older proof suites in the wild", () => {
  it('the pre-standard "eddsa-2022" cryptosuite name verifies, with a warning; tampered, it fails', async () => {
    const key = await ed25519Did("key");
    const suite = new DataIntegrityProof({ signer: key.multikey.signer(), cryptosuite: { ...eddsaRdfc2022, name: "eddsa-2022" } });
    const signed = (await vc.issue({ credential: openBadge(key.did), suite, documentLoader: createDocumentLoader() })) as Json;
    expect((signed.proof as Json).cryptosuite).toBe("eddsa-2022");

    const result = await verifyCredential(signed, offline);
    expect(failures(result)).toEqual([]);
    expect(check(result, "proof")?.warnings).toEqual([{ code: "legacy_cryptosuite", message: expect.stringContaining('"eddsa-2022"') }]);
    expect(check(result, "proof")?.message).toContain("pre-standard");
    expect(check(await verifyCredential(tamperJsonLd(signed), offline), "proof")).toMatchObject({ ok: false, code: "signature_invalid" });
  });

  it("Ed25519Signature2018 signed by Digital Bazaar's suite for a did:key verifies, with a warning; tampered, it fails", async () => {
    const key2018 = await Ed25519VerificationKey2018.generate();
    const did = `did:key:${key2018.fingerprint()}`;
    key2018.controller = did;
    key2018.id = `${did}#${key2018.fingerprint()}`;
    const credential = {
      ...openBadge(did),
      "@context": ["https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      issuanceDate: "2022-06-01T00:00:00Z",
    } as Json;
    delete credential.validFrom;
    const signed = (await vc.issue({ credential, suite: new Ed25519Signature2018({ key: key2018 }), documentLoader: createDocumentLoader() })) as Json;
    expect((signed.proof as Json).type).toBe("Ed25519Signature2018");

    const result = await verifyCredential(signed, offline);
    expect(failures(result)).toEqual([]);
    expect(check(result, "proof")?.warnings?.map((w) => w.code)).toEqual(["legacy_proof_suite"]);
    expect(check(await verifyCredential(tamperJsonLd(signed), offline), "proof")).toMatchObject({ ok: false, code: "signature_invalid" });
  });

  it("the JFF Plugfest 3 badge (Ed25519Signature2018, did:key) verifies; changed, it does not", async () => {
    const badge = JSON.parse(readFileSync(path.join(SPEC_DIR, "real-world/jff-plugfest3-ed25519sig2018.json"), "utf8")) as Json;
    const result = await verifyCredential(badge, offline);
    expect(failures(result)).toEqual([]);
    expect(check(result, "proof")?.warnings?.map((w) => w.code)).toEqual(["legacy_proof_suite"]);
    const changed = structuredClone(badge) as Json & { name: string };
    changed.name = `${changed.name}!`;
    expect(check(await verifyCredential(changed, offline), "proof")).toMatchObject({ ok: false, code: "signature_invalid" });
  });
});
