// Laurel's credentials as verifiers that know nothing of Laurel see them: DCC's verifier-core
// (the Learner Credential Wallet's verifier), Digital Bazaar's vc, and a bare JOSE check that
// dereferences the JWT `kid`. Every document comes from the app's real route handlers.
import { createPublicKey, verify as verifySignature, type JsonWebKey } from "node:crypto";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createDocumentLoader } from "@/lib/ob/document-loader";
import { addDataIntegrityProof } from "@/lib/ob/sign";
import { verifyCredential } from "@/lib/ob/verify";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { publicWeb, type PublicWeb } from "@/lib/test/public-web";
import { createAchievement } from "./achievements";
import { issueCredential } from "./issue-credential";
import { revokeCredential } from "./revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "./schemas";
import { getActiveSigningKey, rotateSigningKey } from "./signing-keys";
import { signedStatusList } from "./status-lists";
import { publicUrls } from "./urls";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));

type Signed = Record<string, unknown> & { proof: Array<{ verificationMethod: string }> };
type WalletStep = { id: string; valid?: boolean; error?: { name?: string; message: string } };
type WalletResult = { log?: WalletStep[]; errors?: Array<{ name?: string; message: string }> };

let web: PublicWeb;

beforeEach(() => {
  web = publicWeb();
  vi.stubGlobal("fetch", web.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Wallet Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "Wallet Ready", description: "Opens in any wallet.", criteria: { narrative: "Be verifiable." } }),
  );
  return { org, achievement };
}

async function issue(orgId: string, achievementId: string) {
  const issued = await issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId, recipient: { email: uniqueEmail("learner"), name: "Lee" } }), { notify: false });
  const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
  return { id: issued.id, credential: stored.document as Signed, jwt: stored.jwt };
}

/** DCC verifier-core, as the Learner Credential Wallet calls it: its own loader, over "the web". */
async function walletVerify(credential: object): Promise<WalletResult> {
  const { verifyCredential: verify } = await import("@digitalcredentials/verifier-core");
  return (await verify({ credential, knownDIDRegistries: [] } as never)) as WalletResult;
}

const step = (result: WalletResult, id: string) => result.log?.find((entry) => entry.id === id);

/** Digital Bazaar's vc with a loader that fetches key and controller documents from "the web". */
async function digitalBazaarVerify(credential: object) {
  const documentLoader = createDocumentLoader({ fetchRemote: (url) => web.json(url) });
  // Status is verifier-core's part here; this checks the proof and the key's controller.
  return vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader, checkStatus: async () => ({ verified: true }) });
}

/** A JOSE verifier that knows only the JWT: GET the kid (JSON), take the node with that id, its JWK. */
async function strangerVerifiesJwt(jwt: string): Promise<{ kid: string; jwk: JsonWebKey; valid: boolean }> {
  const [header, payload, signature] = jwt.split(".");
  const { kid, alg } = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { kid: string; alg: string };
  expect(alg).toBe("EdDSA");
  const response = await fetch(kid.split("#")[0], { headers: { accept: "application/json" } });
  expect(response.status).toBe(200);
  const nodes: unknown[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      nodes.push(value);
      Object.values(value).forEach(walk);
    }
  };
  walk(await response.json());
  const node = nodes.find((candidate) => (candidate as { id?: unknown }).id === kid) as { publicKeyJwk?: JsonWebKey } | undefined;
  expect(node?.publicKeyJwk, `${kid} dereferences to a JWK`).toBeDefined();
  const jwk = node!.publicKeyJwk!;
  const valid = verifySignature(null, Buffer.from(`${header}.${payload}`), createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "base64url"));
  return { kid, jwk, valid };
}

describe("DCC verifier-core (the Learner Credential Wallet)", () => {
  it("verifies a new Laurel credential's signature and status, and sees its revocation at once", async () => {
    const { org, achievement } = await setup();
    const { id, credential } = await issue(org.id, achievement.id);

    const before = await walletVerify(credential);
    expect(before.errors).toBeUndefined();
    expect(step(before, "valid_signature")).toMatchObject({ valid: true });
    expect(step(before, "revocation_status")).toMatchObject({ valid: true });
    expect(step(before, "expiration")).toMatchObject({ valid: true });
    // Nothing outside Laurel's routes and the bundled contexts was needed.
    expect(web.refused).toEqual([]);
    expect(web.asked).toContain(credential.proof[0].verificationMethod);

    await revokeCredential(org.id, id, "Issued in error");
    const after = await walletVerify(credential);
    expect(after.errors).toBeUndefined();
    expect(step(after, "valid_signature")).toMatchObject({ valid: true });
    expect(step(after, "revocation_status")).toMatchObject({ valid: false });
  });

  it("verifies credentials signed before and after a key rotation", async () => {
    const { org, achievement } = await setup();
    const old = await issue(org.id, achievement.id);
    const rotated = await rotateSigningKey(org.id);
    const fresh = await issue(org.id, achievement.id);
    expect(fresh.credential.proof[0].verificationMethod).toBe(rotated.url);
    expect(old.credential.proof[0].verificationMethod).not.toBe(rotated.url);
    for (const { credential } of [old, fresh]) {
      const result = await walletVerify(credential);
      expect(result.errors).toBeUndefined();
      expect(step(result, "valid_signature")).toMatchObject({ valid: true });
      expect(step(result, "revocation_status")).toMatchObject({ valid: true });
    }
  });

  it("checks the status of a credential whose status list was last signed the older way", async () => {
    const { org, achievement } = await setup();
    const { id, credential } = await issue(org.id, achievement.id);
    const { statusListId: listId } = await db.credential.findUniqueOrThrow({ where: { id }, select: { statusListId: true } });
    // The list as Laurel cached it before key documents: signed with <issuer>#<key>.
    const list = await db.statusList.findUniqueOrThrow({ where: { id: listId } });
    const key = await getActiveSigningKey(org.id);
    const stale = (await signedStatusList(org.id, listId)) as Record<string, unknown>;
    const { proof: _proof, ...unsignedList } = stale;
    const legacyList = await addDataIntegrityProof(unsignedList, { ...key, verificationMethod: undefined });
    await db.statusList.update({ where: { id: listId }, data: { signedVersion: list.version, signedDocument: legacyList as object } });

    const result = await walletVerify(credential);
    expect(result.errors).toBeUndefined();
    expect(step(result, "revocation_status")).toMatchObject({ valid: true });
    const served = (await web.json(publicUrls.statusList(org.id, listId))) as { proof: Array<{ verificationMethod: string }> };
    expect(served.proof[0].verificationMethod).toBe(key.verificationMethod);
  });

  it("calls a tampered Laurel credential's signature invalid", async () => {
    const { org, achievement } = await setup();
    const { credential } = await issue(org.id, achievement.id);
    const tampered = structuredClone(credential) as Signed & { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = "Wallet Master";
    const result = await walletVerify(tampered);
    expect(result.errors?.map((error) => error.message)).toEqual(["The signature is not valid."]);
  });
});

describe("Digital Bazaar's vc and Laurel's own verifier", () => {
  it("verify new credentials and credentials issued before key documents had URLs", async () => {
    const { org, achievement } = await setup();
    const { credential } = await issue(org.id, achievement.id);
    // A credential as Laurel signed them before: the same document, verificationMethod <issuer>#<key>.
    const key = await getActiveSigningKey(org.id);
    const { proof: _proof, ...unsigned } = credential;
    const legacy = (await addDataIntegrityProof(unsigned, { ...key, verificationMethod: undefined })) as unknown as Signed;
    expect(legacy.proof[0].verificationMethod).toBe(key.id);
    expect(key.id.startsWith(`${publicUrls.issuer(org.id)}#`)).toBe(true);

    for (const form of [credential, legacy]) {
      const byDigitalBazaar = await digitalBazaarVerify(form);
      expect(byDigitalBazaar.error).toBeUndefined();
      expect(byDigitalBazaar.verified).toBe(true);
      const byLaurel = await verifyCredential(form, { fetchRemote: (url) => web.json(url) });
      expect(byLaurel.checks.filter((check) => !check.ok)).toEqual([]);
    }
    expect(web.refused).toEqual([]);
  });
});

describe("the VC-JWT kid, dereferenced by a verifier that knows only JOSE", () => {
  it("leads to a JWK that verifies the signature, for the current key and a rotated one", async () => {
    const { org, achievement } = await setup();
    const old = await issue(org.id, achievement.id);
    const rotated = await rotateSigningKey(org.id);
    const fresh = await issue(org.id, achievement.id);

    const first = await strangerVerifiesJwt(old.jwt);
    const second = await strangerVerifiesJwt(fresh.jwt);
    expect(second.kid).toBe(rotated.id);
    expect(first.kid).not.toBe(second.kid);
    expect(first.jwk).not.toEqual(second.jwk);
    expect([first.valid, second.valid]).toEqual([true, true]);

    // The same check fails once the payload is changed, so it is really checking.
    const [header, payload, signature] = fresh.jwt.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { name: string };
    claims.name = "Forged";
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    expect((await strangerVerifiesJwt(forged)).valid).toBe(false);
    expect(web.refused).toEqual([]);
  });
});

describe("1EdTech's published JSON schema, read with Ajv alone", () => {
  it("accepts a Laurel credential, in both forms, for a current key and a rotated one", async () => {
    const { Ajv2019 } = await import("ajv/dist/2019.js");
    const addFormats = (await import("ajv-formats")).default as unknown as (ajv: InstanceType<typeof Ajv2019>) => void;
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    // The schema as 1EdTech publishes it (the spec data beside the project), not Laurel's bundled copy.
    const schema = JSON.parse(readFileSync(path.resolve(process.cwd(), "../shared/spec/ob3-schema/achievementcredential.json"), "utf8"));
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);

    const { org, achievement } = await setup();
    const before = await issue(org.id, achievement.id);
    await rotateSigningKey(org.id);
    const after = await issue(org.id, achievement.id);
    for (const { credential, jwt } of [before, after]) {
      expect(validate(credential), ajv.errorsText(validate.errors)).toBe(true);
      // The VC-JWT's payload carries the same credential beside its JWT claims.
      const payload = JSON.parse(Buffer.from(jwt!.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
      const { iss: _iss, jti: _jti, nbf: _nbf, sub: _sub, exp: _exp, ...inJwt } = payload;
      expect(validate(inJwt), ajv.errorsText(validate.errors)).toBe(true);
    }
    // And refuses what is not an Open Badge, so it is really checking.
    expect(validate({ ...before.credential, type: ["VerifiableCredential"] })).toBe(false);
  });
});
