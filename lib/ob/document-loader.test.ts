import { describe, expect, it, vi } from "vitest";
import { CONTEXTS, DID_V1, MULTIKEY_V1, OB_V3, VC_V2 } from "./contexts";
import { createDocumentLoader, DocumentNotAvailableOfflineError } from "./document-loader";
import { generateEd25519KeyPair, publicKeyMultibase } from "./keys";

describe("createDocumentLoader", () => {
  it("serves every bundled context, the same instance each time", async () => {
    const load = createDocumentLoader();
    for (const url of Object.keys(CONTEXTS)) {
      const first = await load(url);
      expect(first).toMatchObject({ contextUrl: null, documentUrl: url });
      expect(first.document).toHaveProperty("@context");
      expect((await load(url)).document).toBe(first.document);
    }
    expect(Object.keys(CONTEXTS)).toEqual(expect.arrayContaining([
      VC_V2,
      "https://www.w3.org/2018/credentials/v1",
      OB_V3,
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
      MULTIKEY_V1,
      "https://w3id.org/security/data-integrity/v1",
      "https://w3id.org/security/data-integrity/v2",
      "https://w3id.org/security/suites/ed25519-2020/v1",
      "https://w3id.org/openbadges/v2",
      "https://w3id.org/openbadges/v1",
    ]));
  });

  it("never goes to the network: unknown URLs fail with the offline error", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const load = createDocumentLoader();
    await expect(load("https://example.org/unknown-context.jsonld")).rejects.toThrow(
      "not available offline: https://example.org/unknown-context.jsonld",
    );
    await expect(load("https://example.org/issuer#key-1")).rejects.toBeInstanceOf(DocumentNotAvailableOfflineError);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it("resolves did:key documents and their verification method locally", async () => {
    const { publicKey } = generateEd25519KeyPair();
    const multibase = publicKeyMultibase(publicKey);
    const did = `did:key:${multibase}`;
    const load = createDocumentLoader();
    const { document: didDoc } = await load(did);
    expect(didDoc).toMatchObject({
      "@context": [DID_V1, MULTIKEY_V1],
      id: did,
      assertionMethod: [`${did}#${multibase}`],
      verificationMethod: [{ id: `${did}#${multibase}`, type: "Multikey", controller: did, publicKeyMultibase: multibase }],
    });
    const { document: vm } = await load(`${did}#${multibase}`);
    expect(vm).toEqual({ "@context": MULTIKEY_V1, id: `${did}#${multibase}`, type: "Multikey", controller: did, publicKeyMultibase: multibase });
    await expect(load(`${did}#other`)).rejects.toThrow(/not found/);
    await expect(load("did:key:zNotAKey")).rejects.toThrow();
  });

  it("resolves the given keys and their controller without fetching", async () => {
    const fetchRemote = vi.fn();
    const { publicKey } = generateEd25519KeyPair();
    const key = { id: "https://laurel.example/o/org1#key-1", controller: "https://laurel.example/o/org1", publicKey };
    const load = createDocumentLoader({ keys: [key], fetchRemote });
    expect((await load(key.id)).document).toEqual({
      "@context": MULTIKEY_V1,
      id: key.id,
      type: "Multikey",
      controller: key.controller,
      publicKeyMultibase: publicKeyMultibase(publicKey),
    });
    expect((await load(key.controller)).document).toMatchObject({ id: key.controller, assertionMethod: [key.id] });
    expect(fetchRemote).not.toHaveBeenCalled();
  });

  it("asks fetchRemote for anything else and picks a key out of its controller document", async () => {
    const { publicKey } = generateEd25519KeyPair();
    const profile = {
      "@context": [VC_V2, OB_V3, MULTIKEY_V1],
      id: "https://other.example/issuer",
      verificationMethod: [{ id: "https://other.example/issuer#k", type: "Multikey", controller: "https://other.example/issuer", publicKeyMultibase: publicKeyMultibase(publicKey) }],
    };
    const fetchRemote = vi.fn(async (url: string) => {
      if (url === profile.id) return profile;
      throw new Error(`404 ${url}`);
    });
    const load = createDocumentLoader({ fetchRemote });
    expect((await load(profile.id)).document).toBe(profile);
    expect((await load("https://other.example/issuer#k")).document).toMatchObject({ id: "https://other.example/issuer#k", type: "Multikey" });
    await expect(load("https://other.example/issuer#missing")).rejects.toThrow(/not found/);
    // contexts never reach fetchRemote
    await load(VC_V2);
    expect(fetchRemote.mock.calls.map(([u]) => u)).not.toContain(VC_V2);
  });
});
