import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ISSUER_ID, sampleCredential } from "./build.samples";
import { createDocumentLoader } from "./document-loader";
import { generateEd25519KeyPair, publicJwk, type SigningKey } from "./keys";
import { signCredentialsInParallel, signCredentialsInThread, SigningPool } from "./sign-batch";

const key: SigningKey = { id: `${ISSUER_ID}#key-1`, controller: ISSUER_ID, ...generateEd25519KeyPair() };
const credentials = Array.from({ length: 120 }, (_, i) =>
  sampleCredential({ id: `https://laurel.example/c/batch-${i}`, recipient: { email: `learner${i}@example.org`, salt: `salt-${i}` }, narrative: i % 3 ? `Narrative ${i}` : undefined }),
);
const created = new Date("2025-05-01T10:00:00Z");

describe("bulk signing", () => {
  it("signs on worker threads exactly as on the calling thread, in input order, with progress", async () => {
    const progress: number[] = [];
    const inThread = await signCredentialsInThread(credentials, key, { created });
    const parallel = await signCredentialsInParallel(credentials, key, { workers: 2, created, chunkSize: 16, onProgress: (done) => progress.push(done) });
    expect(parallel).toHaveLength(credentials.length);
    // Ed25519 is deterministic: same inputs, same proofs and tokens
    expect(parallel).toEqual(inThread);
    expect(parallel.map((r) => r.credential?.id)).toEqual(credentials.map((c) => c.id));
    expect(progress.at(-1)).toBe(credentials.length);

    const publicKey = await importJWK(publicJwk(key.publicKey), "EdDSA");
    const documentLoader = createDocumentLoader({ keys: [key] });
    for (const index of [0, 57, 119]) {
      const { payload } = await jwtVerify(parallel[index].jwt!, publicKey, { currentDate: new Date("2026-01-01T00:00:00Z") });
      expect(payload.jti).toBe(credentials[index].id);
      const result = await vc.verifyCredential({
        credential: parallel[index].credential,
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        documentLoader,
        checkStatus: async () => ({ verified: true }),
      });
      expect(result.verified).toBe(true);
    }
  });

  it("a pool serves several batches and keys, and only the requested proofs", async () => {
    const pool = await SigningPool.start(2);
    try {
      const other: SigningKey = { id: "https://laurel.example/o/org_2#key-9", controller: "https://laurel.example/o/org_2", ...generateEd25519KeyPair() };
      const [a, b] = await Promise.all([pool.sign(credentials.slice(0, 30), key, { proofs: "jwt" }), pool.sign(credentials.slice(30, 60), other, { proofs: "dataIntegrity" })]);
      expect(a.every((r) => r.jwt && !r.credential)).toBe(true);
      expect(b.every((r) => r.credential && !r.jwt)).toBe(true);
      expect((b[0].credential!.proof[0] as { verificationMethod: string }).verificationMethod).toBe(other.id);
    } finally {
      await pool.close();
    }
  });

  it("reports a failing credential instead of hanging", async () => {
    const broken = [...credentials.slice(0, 5), { ...credentials[5], issuer: undefined }];
    await expect(signCredentialsInParallel(broken, key, { workers: 2, chunkSize: 2 })).rejects.toThrow(/issuer/);
  });
});
