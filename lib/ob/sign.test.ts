import { readFileSync } from "node:fs";
import path from "node:path";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { decodeProtectedHeader, decodeJwt, importJWK, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIssuerProfile } from "./build";
import { ISSUER_ID, sampleCredential } from "./build.samples";
import { createDocumentLoader } from "./document-loader";
import { generateEd25519KeyPair, publicJwk, type SigningKey } from "./keys";
import { validateAchievementCredential } from "./schema";
import { addDataIntegrityProof, canonizeDocument, signCredential, signCredentialJwt } from "./sign";
import { buildStatusListCredential, createBitstring, encodeStatusList } from "./status-list";

const spec = path.resolve(process.cwd(), "../shared/spec");
const vector = JSON.parse(readFileSync(path.join(spec, "ob3-test-vectors/obv3p0-eddsa-rdfc-2022-vector.json"), "utf8"));

function makeKey(): SigningKey {
  const pair = generateEd25519KeyPair();
  return { id: `${ISSUER_ID}#key-1`, controller: ISSUER_ID, ...pair };
}

// Status is checked elsewhere (lib/ob/verify); here only the proof matters.
const checkStatus = async () => ({ verified: true });

async function verifyWith(credential: object, documentLoader: ReturnType<typeof createDocumentLoader>) {
  return vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader, checkStatus });
}

async function verifyDataIntegrity(credential: object, key: { id: string; controller: string; publicKey: Uint8Array }) {
  return verifyWith(credential, createDocumentLoader({ keys: [key] }));
}

describe("1EdTech eddsa-rdfc-2022 test vector", () => {
  const key: SigningKey = {
    id: vector.verificationMethod,
    controller: vector.controller,
    publicKey: Buffer.from(vector.publicKeyHex, "hex"),
    // privateKeyHex is seed ‖ public key
    privateKey: Buffer.from(vector.privateKeyHex, "hex").subarray(0, 32),
  };

  it("canonicalises the document and proof options to the published N-Quads", async () => {
    const documentCanon = readFileSync(path.join(spec, "ob3-test-vectors", vector.canonicalDocumentFile), "utf8");
    const proofCanon = readFileSync(path.join(spec, "ob3-test-vectors", vector.canonicalProofFile), "utf8");
    expect(await canonizeDocument(vector.unsignedCredential)).toBe(documentCanon);
    expect(await canonizeDocument({ "@context": vector.unsignedCredential["@context"], ...vector.proofOptions })).toBe(proofCanon);
  });

  it("reproduces the exact proofValue", async () => {
    const signed = await addDataIntegrityProof(structuredClone(vector.unsignedCredential), key, { created: new Date(vector.proofOptions.created) });
    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0]).toEqual({ ...vector.proofOptions, proofValue: vector.proofValue });
    expect(signed.proof[0]).toEqual(vector.signedCredential.proof);
  });

  it("verifies the published signed credential", async () => {
    const result = await verifyDataIntegrity(vector.signedCredential, key);
    expect(result.verified).toBe(true);
  });
});

describe("VC-JWT", () => {
  let key: SigningKey;
  beforeAll(() => {
    key = makeKey();
  });

  it("signs with EdDSA, kid = verification method, and the OB 3.0 registered claims", async () => {
    const credential = sampleCredential({ recipient: { email: "a@b.c", salt: "s", id: "did:example:learner" } });
    const jwt = await signCredentialJwt(credential, key);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "EdDSA", typ: "JWT", kid: key.id });
    const { payload } = await jwtVerify(jwt, await importJWK(publicJwk(key.publicKey), "EdDSA"), {
      algorithms: ["EdDSA"],
      currentDate: new Date("2026-01-01T00:00:00Z"),
    });
    expect(payload).toMatchObject({
      iss: ISSUER_ID,
      sub: "did:example:learner",
      jti: credential.id,
      nbf: Date.parse("2025-03-01T09:30:00Z") / 1000,
      exp: Date.parse("2028-03-01T09:30:00Z") / 1000,
    });
    const { iss: _iss, sub: _sub, jti: _jti, nbf: _nbf, exp: _exp, ...rest } = payload;
    expect(rest).toEqual(credential);
  });

  it("leaves out sub and exp when the credential has no subject id or end date, and never puts a proof in", async () => {
    const credential = { ...sampleCredential({ validUntil: undefined }), proof: [{ type: "DataIntegrityProof" }] };
    const claims = decodeJwt(await signCredentialJwt(credential, key));
    expect(claims).not.toHaveProperty("sub");
    expect(claims).not.toHaveProperty("exp");
    expect(claims).not.toHaveProperty("proof");
  });

  it("a one-character change anywhere fails verification", async () => {
    const jwt = await signCredentialJwt(sampleCredential(), key);
    const publicKey = await importJWK(publicJwk(key.publicKey), "EdDSA");
    const [header, payload, signature] = jwt.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const changed = (mutate: (c: Record<string, any>) => void) => {
      const copy = structuredClone(claims);
      mutate(copy);
      return `${header}.${Buffer.from(JSON.stringify(copy)).toString("base64url")}.${signature}`;
    };
    const flip = (s: string) => s.slice(0, -1) + (s.at(-1) === "A" ? "B" : "A");
    const forgeries = [
      changed((c) => (c.name = c.name.replace("Data", "Date"))),
      changed((c) => (c.validFrom = c.validFrom.replace("2025", "2024"))),
      changed((c) => (c.credentialSubject.identifier[0].identityHash = flip(c.credentialSubject.identifier[0].identityHash))),
      `${header}.${payload}.${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`,
      `${header}.${payload}.${flip(signature.slice(0, 40)) + signature.slice(40)}`,
    ];
    for (const forged of forgeries) {
      await expect(jwtVerify(forged, publicKey, { algorithms: ["EdDSA"], currentDate: new Date("2026-01-01T00:00:00Z") })).rejects.toThrow();
    }
  });

  it("is never produced with alg none, and the key cannot be swapped", async () => {
    const jwt = await signCredentialJwt(sampleCredential(), key);
    expect(decodeProtectedHeader(jwt).alg).toBe("EdDSA");
    expect(jwt.split(".")[2].length).toBeGreaterThan(80);
    const other = await importJWK(publicJwk(generateEd25519KeyPair().publicKey), "EdDSA");
    await expect(jwtVerify(jwt, other, { currentDate: new Date("2026-01-01T00:00:00Z") })).rejects.toThrow(/signature/);
  });
});

describe("Data Integrity proof", () => {
  let key: SigningKey;
  beforeAll(() => {
    key = makeKey();
  });

  it("signs a full Laurel credential (safe mode: every term defined) and verifies with the local key", async () => {
    const signed = await addDataIntegrityProof(sampleCredential(), key, { created: new Date("2025-03-01T09:30:00Z") });
    expect(signed.proof).toEqual([
      expect.objectContaining({
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-rdfc-2022",
        created: "2025-03-01T09:30:00Z",
        verificationMethod: key.id,
        proofPurpose: "assertionMethod",
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
      }),
    ]);
    expect(validateAchievementCredential(signed)).toEqual({ valid: true, errors: [] });
    const result = await verifyDataIntegrity(signed, key);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it("verifies against the published issuer profile fetched as the key's controller document", async () => {
    const signed = await addDataIntegrityProof(sampleCredential(), key);
    const profile = buildIssuerProfile({ id: ISSUER_ID, name: "Demo Academy", keys: [{ id: "key-1", publicKey: key.publicKey }] });
    const documentLoader = createDocumentLoader({
      fetchRemote: async (url) => {
        if (url === ISSUER_ID) return profile;
        throw new Error(`unexpected fetch ${url}`);
      },
    });
    const result = await verifyWith(signed, documentLoader);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it("a one-character change anywhere fails verification", async () => {
    const signed = await addDataIntegrityProof(sampleCredential(), key);
    expect((await verifyDataIntegrity(signed, key)).verified).toBe(true);
    const mutations: Array<(c: any) => void> = [
      (c) => (c.name = c.name.replace("Data", "Date")),
      (c) => (c.validFrom = c.validFrom.replace("09:30", "09:31")),
      (c) => (c.credentialSubject.achievement.criteria.narrative += "!"),
      (c) => (c.credentialSubject.identifier[0].salt = c.credentialSubject.identifier[0].salt.replace("3", "4")),
      (c) => (c.issuer.name = "Demo Academ"),
      // The last digit of the seconds, moved by one (setting it to a fixed value was a no-op once a minute).
      (c) => (c.proof[0].created = c.proof[0].created.replace(/(\d)Z$/, (_: string, digit: string) => `${(Number(digit) + 1) % 10}Z`)),
      (c) => (c.proof[0].proofValue = c.proof[0].proofValue.slice(0, 10) + (c.proof[0].proofValue[10] === "a" ? "b" : "a") + c.proof[0].proofValue.slice(11)),
    ];
    for (const mutate of mutations) {
      const copy = structuredClone(signed);
      mutate(copy);
      expect(JSON.stringify(copy)).not.toBe(JSON.stringify(signed));
      expect((await verifyDataIntegrity(copy, key)).verified).toBe(false);
    }
    // the wrong key does not verify either
    expect((await verifyDataIntegrity(signed, { ...key, publicKey: generateEd25519KeyPair().publicKey })).verified).toBe(false);
  });

  it("signs status list credentials and keeps existing proofs as a set", async () => {
    const statusList = buildStatusListCredential({
      id: "https://laurel.example/o/org_1/status/list_1",
      issuer: ISSUER_ID,
      encodedList: encodeStatusList(createBitstring()),
      validFrom: new Date("2025-01-01T00:00:00Z"),
    }) as Record<string, unknown>;
    const once = await addDataIntegrityProof(statusList, key);
    expect((await verifyDataIntegrity(once, key)).verified).toBe(true);
    const second = makeKey();
    const twice = await addDataIntegrityProof(once, { ...second, id: `${ISSUER_ID}#key-2` });
    expect(twice.proof).toHaveLength(2);
    const documentLoader = createDocumentLoader({ keys: [key, { ...second, id: `${ISSUER_ID}#key-2` }] });
    const result = await verifyWith(twice, documentLoader);
    expect(result.verified).toBe(true);
  });
});

describe("signCredential", () => {
  it("returns both proofs over the same credential", async () => {
    const key = makeKey();
    const credential = sampleCredential();
    const { credential: signed, jwt } = await signCredential(credential, key);
    expect(Array.isArray(signed.proof)).toBe(true);
    expect((await verifyDataIntegrity(signed, key)).verified).toBe(true);
    const { payload } = await jwtVerify(jwt, await importJWK(publicJwk(key.publicKey), "EdDSA"), { currentDate: new Date("2026-01-01T00:00:00Z") });
    const { proof: _proof, ...unsigned } = signed;
    expect(payload).toMatchObject(unsigned);
    expect(credential).not.toHaveProperty("proof");
  });
});
