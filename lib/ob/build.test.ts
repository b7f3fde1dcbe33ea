import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, buildAchievement, buildCredential, buildIssuerProfile, hashIdentity } from "./build";
import { DID_V1, MULTIKEY_V1, OB_V3, OB_V3_EXTENSIONS, VC_V2 } from "./contexts";
import { generateEd25519KeyPair, publicKeyMultibase } from "./keys";
import { validateAchievementCredential } from "./schema";
import { ISSUER_ID, sampleAchievement, sampleCredential, sampleIssuer } from "./build.samples";

describe("hashIdentity", () => {
  it("is OB's salted sha256 of the trimmed, lowercased email", () => {
    const expected = "sha256$" + createHash("sha256").update("ada@example.org" + "salt").digest("hex");
    expect(hashIdentity(" Ada@Example.ORG ", "salt")).toBe(expected);
    expect(hashIdentity("ada@example.org", "other")).not.toBe(expected);
  });
});

describe("buildIssuerProfile", () => {
  it("builds a Profile without keys for embedding", () => {
    expect(sampleIssuer()).toEqual({
      "@context": [VC_V2, OB_V3],
      id: ISSUER_ID,
      type: ["Profile"],
      name: "Demo Academy",
      url: "https://demo.example",
      email: "badges@demo.example",
      description: "Courses",
      image: { id: "https://laurel.example/o/org_1/logo.png", type: "Image" },
    });
  });

  it("publishes keys as Multikey verification methods listed in assertionMethod", () => {
    const a = generateEd25519KeyPair().publicKey;
    const b = generateEd25519KeyPair().publicKey;
    const profile = buildIssuerProfile({ id: ISSUER_ID, name: "Demo", keys: [{ id: "key-a", publicKey: a }, { id: `${ISSUER_ID}#key-b`, publicKey: b }] });
    expect(profile["@context"]).toEqual([
      VC_V2,
      OB_V3,
      DID_V1,
      MULTIKEY_V1,
      { publicKeyJwk: { "@id": "https://w3id.org/security#publicKeyJwk", "@type": "@json" } },
    ]);
    const jwk = (key: Uint8Array) => ({ kty: "OKP", crv: "Ed25519", x: Buffer.from(key).toString("base64url") });
    expect(profile.verificationMethod).toEqual([
      { id: `${ISSUER_ID}#key-a`, type: "Multikey", controller: ISSUER_ID, publicKeyMultibase: publicKeyMultibase(a), publicKeyJwk: jwk(a) },
      { id: `${ISSUER_ID}#key-b`, type: "Multikey", controller: ISSUER_ID, publicKeyMultibase: publicKeyMultibase(b), publicKeyJwk: jwk(b) },
    ]);
    expect(profile.assertionMethod).toEqual([`${ISSUER_ID}#key-a`, `${ISSUER_ID}#key-b`]);
    expect(profile).not.toHaveProperty("url");
  });

  it("lists a key's document URL as an assertion method beside its fragment id", () => {
    const a = generateEd25519KeyPair().publicKey;
    const profile = buildIssuerProfile({ id: ISSUER_ID, name: "Demo", keys: [{ id: "key-a", publicKey: a, url: `${ISSUER_ID}/keys/key-a` }] });
    expect(profile.verificationMethod?.map((m) => m.id)).toEqual([`${ISSUER_ID}#key-a`]);
    expect(profile.assertionMethod).toEqual([`${ISSUER_ID}#key-a`, `${ISSUER_ID}/keys/key-a`]);
  });
});

describe("buildAchievement", () => {
  it("uses arrays for every type and leaves out empty fields", () => {
    const achievement = buildAchievement({ id: "https://laurel.example/b/x", name: "X", description: "Y", criteria: { narrative: "Z" } });
    expect(achievement).toEqual({
      "@context": [VC_V2, OB_V3],
      id: "https://laurel.example/b/x",
      type: ["Achievement"],
      name: "X",
      description: "Y",
      criteria: { narrative: "Z" },
    });
    const full = sampleAchievement();
    expect(full.alignment?.every((a) => a.type[0] === "Alignment")).toBe(true);
    expect(full.resultDescription?.[0].type).toEqual(["ResultDescription"]);
    expect(full.creator).not.toHaveProperty("@context");
  });

  it("refuses criteria with neither narrative nor URL", () => {
    expect(() => buildAchievement({ id: "https://x/b/1", name: "X", description: "Y", criteria: {} })).toThrow(/criteria/);
  });
});

describe("buildCredential", () => {
  it("produces an OpenBadgeCredential with a hashed email identifier", () => {
    const credential = sampleCredential();
    expect(credential["@context"]).toEqual([VC_V2, OB_V3, OB_V3_EXTENSIONS]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.name).toBe("Data Literacy — Level 2");
    expect(credential.validFrom).toBe("2025-03-01T09:30:00Z");
    expect(credential.validUntil).toBe("2028-03-01T09:30:00Z");
    expect(credential.issuer).not.toHaveProperty("@context");
    expect(credential.credentialSubject).toMatchObject({
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityHash: hashIdentity("ada.lovelace@example.org", "3f1c2a"), identityType: "emailAddress", hashed: true, salt: "3f1c2a" }],
      achievement: { id: "https://laurel.example/b/ach_1", type: ["Achievement"] },
      result: [{ type: ["Result"], value: "92" }],
      narrative: "Ada completed every module.",
    });
    expect(credential.credentialSubject).not.toHaveProperty("id");
    expect(credential.credentialSubject.achievement).not.toHaveProperty("@context");
    expect(JSON.stringify(credential)).not.toContain("lovelace@");
    expect(credential.credentialSchema).toEqual([{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, type: "1EdTechJsonSchemaValidator2019" }]);
    expect(credential.evidence).toEqual([
      { id: "https://demo.example/portfolio/ada", type: ["Evidence"], name: "Portfolio", description: "Project work", narrative: "Three dashboards." },
      { type: ["Evidence"], narrative: "Observed in class." },
    ]);
  });

  it("validates against 1EdTech's schema (full credential with alignments, evidence, results, status, validUntil)", () => {
    expect(validateAchievementCredential(sampleCredential())).toEqual({ valid: true, errors: [] });
    expect(validateAchievementCredential({ ...sampleCredential(), proof: [{ type: "DataIntegrityProof" }] }).valid).toBe(true);
  });

  it("validates in its smallest form too", () => {
    const minimal = buildCredential({
      id: "https://laurel.example/c/min",
      issuer: buildIssuerProfile({ id: ISSUER_ID, name: "Demo" }),
      achievement: buildAchievement({ id: "https://laurel.example/b/min", name: "Min", description: "Minimal", criteria: { narrative: "Show up." } }),
      recipient: { email: "a@b.c", salt: "s" },
      validFrom: new Date("2025-01-01T00:00:00Z"),
      credentialSchema: [],
    });
    expect(minimal["@context"]).toEqual([VC_V2, OB_V3]);
    expect(minimal).not.toHaveProperty("credentialSchema");
    expect(validateAchievementCredential(minimal)).toEqual({ valid: true, errors: [] });
  });

  it("keeps the recipient's DID as credentialSubject.id when given", () => {
    const credential = sampleCredential({ recipient: { email: "a@b.c", salt: "s", id: "did:example:123" } });
    expect(credential.credentialSubject.id).toBe("did:example:123");
  });

  it("refuses validUntil before validFrom", () => {
    expect(() => sampleCredential({ validUntil: new Date("2020-01-01T00:00:00Z") })).toThrow(/validUntil/);
  });

  it("a missing required field fails validation with its path", () => {
    const credential = sampleCredential() as Record<string, unknown> & { credentialSubject: { achievement: Record<string, unknown> } };
    delete credential.credentialSubject.achievement.criteria;
    delete credential.issuer;
    const result = validateAchievementCredential(credential);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: "/credentialSubject/achievement/criteria", message: "is required" },
        { path: "/issuer", message: "is required" },
      ]),
    );
  });
});
