import path from "node:path";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { signingKeyObject } from "../sign";
import { publicJwk, publicKeyMultibase } from "../keys";
import { verifyCredential, type CheckName, type VerificationResult } from "./index";
import { dccDocuments, DCC_DIR, documentFetcher, OB30_DIR, ob30Documents, readJson } from "./test/fixture-documents";
import { forgetRemoteContexts } from "./remote-contexts";
import { createTestIssuer, newKey, type TestIssuer } from "./test/laurel-issuer";
import type { Json } from "./result";

const NOW = new Date("2026-01-01T00:00:00Z");

function check(result: VerificationResult, name: CheckName) {
  return result.checks.find((c) => c.check === name);
}

function failures(result: VerificationResult) {
  return result.checks.filter((c) => !c.ok).map((c) => `${c.check}:${c.code} ${c.message}`);
}

let issuer: TestIssuer;
let fetchRemote: (url: string) => Promise<unknown>;

beforeAll(async () => {
  issuer = await createTestIssuer({ revokedIds: ["https://laurel.example/c/revoked-by-list"] });
  fetchRemote = documentFetcher(issuer.documents);
});

describe("credentials signed the way Laurel signs them", () => {
  it("the Data Integrity form and the VC-JWT form both verify, every check passing", async () => {
    const { credential, jwt } = await issuer.issue();
    for (const [form, format] of [[credential, "ob3-jsonld"], [jwt, "ob3-jwt"]] as const) {
      const result = await verifyCredential(form, { now: NOW, fetchRemote });
      expect(failures(result)).toEqual([]);
      expect(result).toMatchObject({ valid: true, format });
      expect(check(result, "status")).toMatchObject({ ok: true, code: "active" });
      expect(check(result, "issuer")).toMatchObject({ ok: true, code: "verified" });
      expect(result.credential?.id).toBe(credential.id);
    }
  });

  it("the JWT's credential is the credential without the JWT envelope claims", async () => {
    const { credential, jwt } = await issuer.issue();
    const result = await verifyCredential(jwt, { now: NOW, fetchRemote });
    const { proof: _proof, ...unsigned } = credential;
    expect(result.credential).toEqual(unsigned);
  });

  it("a did:web issuer: the DID document is fetched from its https location", async () => {
    const didIssuer = await createTestIssuer({ didWeb: true, revokedIndexes: [7] });
    const asked: string[] = [];
    const fetch = documentFetcher(didIssuer.documents, asked);
    const { credential, jwt } = await didIssuer.issue();
    for (const form of [credential, jwt]) {
      const result = await verifyCredential(form, { now: NOW, fetchRemote: fetch });
      expect(failures(result)).toEqual([]);
    }
    expect(asked).toContain("https://laurel.example/o/org_test/did.json");
    const revoked = await didIssuer.issue({ statusIndex: 7 });
    expect(check(await verifyCredential(revoked.credential, { now: NOW, fetchRemote: fetch }), "status")).toMatchObject({ ok: false, code: "revoked" });
    // Another did:web cannot sign for it.
    const other = await createTestIssuer({ didWeb: true, origin: "https://other-academy.example" });
    const forged = await didIssuer.issue({ signWith: other.key, status: "none" });
    const result = await verifyCredential(forged.credential, { now: NOW, fetchRemote: documentFetcher({ ...didIssuer.documents, ...other.documents }) });
    expect(check(result, "issuer")).toMatchObject({ ok: false, code: "issuer_key_mismatch" });
  });

  it("with knownKeys and no status entry it needs no network at all", async () => {
    const { credential, jwt } = await issuer.issue({ status: "none" });
    const asked: string[] = [];
    const knownKeys = [{ id: issuer.key.id, verificationMethod: issuer.key.verificationMethod, controller: issuer.id, publicKey: issuer.key.publicKey }];
    for (const form of [credential, jwt]) {
      const result = await verifyCredential(form, { now: NOW, knownKeys, fetchRemote: documentFetcher({}, asked) });
      expect(failures(result)).toEqual([]);
      expect(check(result, "status")).toMatchObject({ ok: true, code: "no_status" });
    }
    expect(asked).toEqual([]);
  });
});

describe("proof", () => {
  it("a credential without a proof fails proof with no_proof", async () => {
    const { credential } = await issuer.issue();
    const { proof: _proof, ...unsigned } = credential;
    const result = await verifyCredential(unsigned, { now: NOW, fetchRemote });
    expect(result.valid).toBe(false);
    expect(check(result, "proof")).toMatchObject({ ok: false, code: "no_proof" });
  });

  it("with several proofs, every one must verify (one tampered proof of two fails)", async () => {
    const double = readJson(path.join(DCC_DIR, "v2DoubleSigWithValidStatus.json"));
    const documents = dccDocuments();
    expect((await verifyCredential(double, { now: NOW, fetchRemote: documentFetcher(documents) })).valid).toBe(true);
    const proofs = double.proof as Json[];
    for (const index of [0, 1]) {
      const tampered = structuredClone(double);
      const proof = (tampered.proof as Json[])[index];
      const value = proof.proofValue as string;
      proof.proofValue = value.slice(0, 10) + (value[10] === "A" ? "B" : "A") + value.slice(11);
      const result = await verifyCredential(tampered, { now: NOW, fetchRemote: documentFetcher(documents) });
      expect(result.valid, `tampered ${String(proofs[index].type)}`).toBe(false);
      expect(check(result, "proof")).toMatchObject({ ok: false, code: "signature_invalid" });
    }
  });

  it("a key written into the verificationMethod fragment is not trusted: the issuer must publish it", async () => {
    // An attacker signs as the issuer with their own key, naming it <issuer>#<their key>.
    const forger = newKey(issuer.id, "placeholder");
    const forgedKey = { ...forger, id: `${issuer.id}#${publicKeyMultibase(forger.publicKey)}` };
    const { credential, jwt } = await issuer.issue({ signWith: forgedKey });
    for (const form of [credential, jwt]) {
      const result = await verifyCredential(form, { now: NOW, fetchRemote });
      // A forgery, not a key that could not be fetched: invalid, never "cannot check".
      expect(result.verdict).toBe("invalid");
      expect(check(result, "proof")).toMatchObject({ ok: false, state: "failed", code: "key_invalid" });
    }
  });

  it("1EdTech's simple.json is not verified from the key in its verificationMethod fragment alone", async () => {
    // The fixtures test serves a stand-in issuer profile; without it there is nothing to trust.
    const result = await verifyCredential(readJson(path.join(OB30_DIR, "simple.json")), { now: NOW, fetchRemote: documentFetcher({}) });
    expect(result.verdict).toBe("indeterminate");
    expect(check(result, "proof")).toMatchObject({ ok: false, state: "unknown", code: "key_unavailable" });
  });

  it("an https issuer whose profile cannot be fetched cannot be checked: indeterminate, not invalid", async () => {
    const { credential, jwt } = await issuer.issue({ status: "none" });
    for (const form of [credential, jwt]) {
      const result = await verifyCredential(form, { now: NOW, fetchRemote: documentFetcher({}) });
      expect(result).toMatchObject({ valid: false, verdict: "indeterminate" });
      expect(check(result, "proof")).toMatchObject({ ok: false, state: "unknown", code: "key_unavailable" });
      expect(check(result, "issuer")).toMatchObject({ ok: false, state: "unknown", code: "issuer_unverified" });
      expect(result.checks.filter((c) => c.state === "failed")).toEqual([]);
    }
    // Tampered and unreachable at once: the tampering is not seen, but nothing is called valid.
    const tampered = { ...credential, name: "Altered" };
    expect((await verifyCredential(tampered, { now: NOW, fetchRemote: documentFetcher({}) })).valid).toBe(false);
  });

  it("an expired credential whose key cannot be fetched is invalid: a definite failure outweighs what could not be checked", async () => {
    const { credential } = await issuer.issue({ status: "none", validFrom: new Date("2019-01-01T00:00:00Z"), validUntil: new Date("2020-01-01T00:00:00Z") });
    const result = await verifyCredential(credential, { now: NOW, fetchRemote: documentFetcher({}) });
    expect(result.verdict).toBe("invalid");
    expect(check(result, "dates")).toMatchObject({ state: "failed", code: "expired" });
  });

  it("a context it does not bundle is fetched; one that cannot be had makes the proof 'cannot check', never 'forged'", async () => {
    forgetRemoteContexts();
    const { credential } = await issuer.issue();
    const extension = "https://issuer-extensions.example/context.json";
    const extended = { ...credential, "@context": [...(credential["@context"] as string[]), extension] };
    // Unavailable: indeterminate, naming the context.
    const unavailable = await verifyCredential(extended, { now: NOW, fetchRemote: documentFetcher(issuer.documents) });
    expect(unavailable.verdict).toBe("indeterminate");
    expect(check(unavailable, "proof")).toMatchObject({ state: "unknown", code: "context_unavailable" });
    expect(check(unavailable, "proof")?.message).toContain(extension);
    // Served: the context is read. It defines no term the credential uses, so the signed data is
    // the same and the proof holds; a property it defines, added after signing, breaks it.
    const asked: string[] = [];
    const fetchRemote = documentFetcher({ ...issuer.documents, [extension]: { "@context": { nickname: "https://issuer-extensions.example/terms#nickname" } } }, asked);
    const served = await verifyCredential(extended, { now: NOW, fetchRemote });
    expect(asked).toContain(extension);
    expect(served.verdict).toBe("valid");
    const altered = await verifyCredential({ ...extended, nickname: "Lee the Great" }, { now: NOW, fetchRemote });
    expect(altered.verdict).toBe("invalid");
    expect(check(altered, "proof")).toMatchObject({ state: "failed", code: "signature_invalid" });
  });
});

describe("issuer", () => {
  it("a credential signed with another issuer's (valid, published) key fails issuer_key_mismatch", async () => {
    const other = await createTestIssuer({ origin: "https://other-academy.example" });
    const { credential, jwt } = await issuer.issue({ signWith: other.key, status: "none" });
    const documents = { ...issuer.documents, ...other.documents };
    for (const form of [credential, jwt]) {
      const result = await verifyCredential(form, { now: NOW, fetchRemote: documentFetcher(documents) });
      expect(result.valid).toBe(false);
      expect(check(result, "proof")?.ok).toBe(true);
      expect(check(result, "issuer")).toMatchObject({ ok: false, code: "issuer_key_mismatch" });
    }
  });

  it("a profile cannot claim another issuer's id to vouch for a key", async () => {
    const { credential } = await issuer.issue({ status: "none" });
    // The issuer's URL serves a document claiming to be someone else.
    const impostor = { ...(issuer.documents[issuer.id] as Json), id: "https://someone-else.example/o/1" };
    const result = await verifyCredential(credential, { now: NOW, fetchRemote: documentFetcher({ [issuer.id]: impostor }) });
    expect(result.valid).toBe(false);
    expect(check(result, "proof")?.ok).toBe(false);
  });

  it("a JWT carrying its own key (jwk header) counts only if the issuer publishes that key", async () => {
    const { credential } = await issuer.issue({ status: "none" });
    const { proof: _proof, ...unsigned } = credential;
    const claims = { ...unsigned, iss: issuer.id, jti: credential.id as string, nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000) };
    const sign = (key: ReturnType<typeof newKey>) =>
      new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", typ: "JWT", jwk: publicJwk(key.publicKey) as never }).sign(signingKeyObject(key));

    const own = await verifyCredential(await sign(issuer.key), { now: NOW, fetchRemote });
    expect(failures(own)).toEqual([]);

    const stranger = await verifyCredential(await sign(newKey("https://stranger.example")), { now: NOW, fetchRemote });
    expect(check(stranger, "proof")?.ok).toBe(true);
    expect(check(stranger, "issuer")).toMatchObject({ ok: false, code: "issuer_key_mismatch" });
  });
});

describe("VC-JWT", () => {
  it("claims that contradict the credential fail proof with jwt_claims_mismatch", async () => {
    const { credential } = await issuer.issue({ status: "none" });
    const { proof: _proof, ...unsigned } = credential;
    const base = { ...unsigned, iss: issuer.id, jti: credential.id as string, nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000) };
    for (const claims of [
      { ...base, iss: "https://someone-else.example" },
      { ...base, jti: "https://laurel.example/c/another" },
      { ...base, nbf: base.nbf + 3600 },
      { ...base, exp: base.nbf + 3600 },
    ]) {
      const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: issuer.key.id }).sign(signingKeyObject(issuer.key));
      const result = await verifyCredential(jwt, { now: NOW, fetchRemote });
      expect(check(result, "proof")).toMatchObject({ ok: false, code: "jwt_claims_mismatch" });
    }
  });

  it("a JWT without nbf, jti or iss fails proof, naming every missing claim at once", async () => {
    const { credential } = await issuer.issue({ status: "none" });
    const { proof: _proof, ...unsigned } = credential;
    const base: Record<string, unknown> = { ...unsigned, iss: issuer.id, jti: credential.id as string, nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000) };
    const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: issuer.key.id }).sign(signingKeyObject(issuer.key));
    const without = (...names: string[]) => Object.fromEntries(Object.entries(base).filter(([name]) => !names.includes(name)));

    // The complete set verifies, so each failure below is the missing claim's doing.
    expect(failures(await verifyCredential(await sign(base), { now: NOW, fetchRemote }))).toEqual([]);
    for (const [claim, words] of [["nbf", "nbf (validFrom) is missing"], ["jti", "jti (the credential id) is missing"], ["iss", "iss (the issuer id) is missing"]]) {
      const result = await verifyCredential(await sign(without(claim)), { now: NOW, fetchRemote });
      expect(result.valid, claim).toBe(false);
      expect(check(result, "proof"), claim).toMatchObject({ ok: false, code: "jwt_claims_invalid" });
      expect(check(result, "proof")?.message).toContain(words);
    }
    const none = await verifyCredential(await sign(without("nbf", "jti", "iss")), { now: NOW, fetchRemote });
    expect(check(none, "proof")?.message).toBe(
      "The signature is valid but the JWT does not carry the claims Open Badges 3.0 requires: iss (the issuer id) is missing; jti (the credential id) is missing; nbf (validFrom) is missing.",
    );
    // A missing claim and a contradicting one are both reported.
    const both = await verifyCredential(await sign({ ...without("nbf"), jti: "https://laurel.example/c/another" }), { now: NOW, fetchRemote });
    expect(check(both, "proof")).toMatchObject({ ok: false, code: "jwt_claims_invalid" });
    expect(check(both, "proof")?.message).toMatch(/nbf \(validFrom\) is missing; jti \(https:\/\/laurel\.example\/c\/another\) is not the credential id/);
  });

  it("sub is required when the subject has an id, and must be that id", async () => {
    const { credential } = await issuer.issue({ status: "none" });
    const { proof: _proof, ...unsigned } = credential;
    const subject = { ...(unsigned.credentialSubject as Json), id: "did:example:learner-1" };
    const base = { ...unsigned, credentialSubject: subject, iss: issuer.id, jti: credential.id as string, nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000) };
    const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: issuer.key.id }).sign(signingKeyObject(issuer.key));
    const withSub = await verifyCredential(await sign({ ...base, sub: "did:example:learner-1" }), { now: NOW, fetchRemote });
    expect(check(withSub, "proof")).toMatchObject({ ok: true, code: "verified" });
    const withoutSub = await verifyCredential(await sign(base), { now: NOW, fetchRemote });
    expect(check(withoutSub, "proof")).toMatchObject({ ok: false, code: "jwt_claims_invalid" });
    expect(check(withoutSub, "proof")?.message).toContain("sub is missing although the subject has an id (did:example:learner-1)");
    const otherSub = await verifyCredential(await sign({ ...base, sub: "did:example:someone-else" }), { now: NOW, fetchRemote });
    expect(check(otherSub, "proof")).toMatchObject({ ok: false, code: "jwt_claims_mismatch" });
  });

  it('refuses "none", HS256 and other algorithms as unreadable, naming the format', async () => {
    const { jwt } = await issuer.issue();
    const [, payload, signature] = jwt.split(".");
    const header = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const alg of ["none", "HS256", "PS256", "ES512", undefined]) {
      const forged = `${header({ alg, typ: "JWT", kid: issuer.key.id })}.${payload}.${alg === "none" ? "" : signature}`;
      const result = await verifyCredential(forged, { now: NOW, fetchRemote });
      expect(result.valid).toBe(false);
      expect(result.error?.code, String(alg)).toMatch(/^jwt_(alg_unsupported|invalid)$/);
      expect(result.format).toBe("ob3-jwt");
    }
  });
});

describe("dates", () => {
  it("validFrom in the future fails not_yet_valid; validUntil in the past fails expired", async () => {
    const future = await issuer.issue({ validFrom: new Date("2030-01-01T00:00:00Z") });
    const expired = await issuer.issue({ validFrom: new Date("2025-02-01T00:00:00Z"), validUntil: new Date("2025-06-01T00:00:00Z") });
    for (const form of [future.credential, future.jwt]) {
      const result = await verifyCredential(form, { now: NOW, fetchRemote });
      expect(check(result, "dates")).toMatchObject({ ok: false, code: "not_yet_valid" });
      expect(check(result, "proof")?.ok).toBe(true);
    }
    for (const form of [expired.credential, expired.jwt]) {
      const result = await verifyCredential(form, { now: NOW, fetchRemote });
      expect(check(result, "dates")).toMatchObject({ ok: false, code: "expired" });
      expect(check(result, "proof")?.ok).toBe(true);
    }
    // The same expired credential was fine while it lasted.
    expect((await verifyCredential(expired.credential, { now: new Date("2025-03-01T00:00:00Z"), fetchRemote })).valid).toBe(true);
  });
});

describe("status", () => {
  it("a set bit in the revocation list is revoked, in the suspension list suspended", async () => {
    const flagged = await createTestIssuer({ revokedIndexes: [7], suspendedIndexes: [9] });
    const fetch = documentFetcher(flagged.documents);
    const revoked = await flagged.issue({ statusIndex: 7 });
    const suspended = await flagged.issue({ status: "suspension", statusIndex: 9 });
    const neighbour = await flagged.issue({ statusIndex: 8 });
    for (const form of [revoked.credential, revoked.jwt]) {
      expect(check(await verifyCredential(form, { now: NOW, fetchRemote: fetch }), "status")).toMatchObject({ ok: false, code: "revoked" });
    }
    expect(check(await verifyCredential(suspended.credential, { now: NOW, fetchRemote: fetch }), "status")).toMatchObject({ ok: false, code: "suspended" });
    expect((await verifyCredential(neighbour.credential, { now: NOW, fetchRemote: fetch })).valid).toBe(true);
  });

  it("1EdTechRevocationList: listed is revoked, unlisted is active", async () => {
    const revoked = await issuer.issue({ id: "https://laurel.example/c/revoked-by-list", status: "revocation-list" });
    const active = await issuer.issue({ status: "revocation-list" });
    expect(check(await verifyCredential(revoked.credential, { now: NOW, fetchRemote }), "status")).toMatchObject({ ok: false, code: "revoked" });
    const result = await verifyCredential(active.credential, { now: NOW, fetchRemote });
    expect(failures(result)).toEqual([]);
    expect(check(result, "status")?.code).toBe("active");
  });

  it("more than 8 status entries or proofs are refused rather than fetched and checked", async () => {
    const { credential } = await issuer.issue();
    const asked: string[] = [];
    const entries = Array.from({ length: 9 }, (_, i) => ({ ...(credential.credentialStatus as Json), statusListCredential: `${issuer.id}/status/list_${i}` }));
    const manyEntries = await verifyCredential({ ...credential, credentialStatus: entries }, { now: NOW, fetchRemote: documentFetcher(issuer.documents, asked) });
    expect(check(manyEntries, "status")).toMatchObject({ ok: false, code: "status_invalid" });
    expect(asked.filter((url) => url.includes("/status/"))).toEqual([]);
    const manyProofs = await verifyCredential({ ...credential, proof: Array(9).fill((credential.proof as Json[])[0]) }, { now: NOW, fetchRemote });
    expect(check(manyProofs, "proof")).toMatchObject({ ok: false, code: "proof_invalid" });
  });

  it("an unreachable status list is not ok (status_unavailable) and says revocation was not checked", async () => {
    const { credential } = await issuer.issue();
    const { [issuer.statusListUrl]: _list, ...withoutList } = issuer.documents;
    const result = await verifyCredential(credential, { now: NOW, fetchRemote: documentFetcher(withoutList) });
    expect(result.valid).toBe(false);
    const status = check(result, "status");
    expect(status).toMatchObject({ ok: false, code: "status_unavailable" });
    expect(status?.message).toMatch(/could not be checked/);
  });

  it("a status list altered after signing, or signed by someone else, is refused (status_invalid)", async () => {
    const { credential } = await issuer.issue({ statusIndex: 7 });
    const list = structuredClone(issuer.documents[issuer.statusListUrl]) as Json;
    // Flip the list to "revoked at index 7" without re-signing.
    const revokedList = await createTestIssuer({ origin: "https://other-academy.example", revokedIndexes: [7] });
    (list.credentialSubject as Json).encodedList = ((revokedList.documents[revokedList.statusListUrl] as Json).credentialSubject as Json).encodedList;
    let result = await verifyCredential(credential, { now: NOW, fetchRemote: documentFetcher({ ...issuer.documents, [issuer.statusListUrl]: list }) });
    expect(check(result, "status")).toMatchObject({ ok: false, code: "status_invalid" });

    // A valid list, but signed by another issuer (its own key, its own profile).
    const signedByOther = revokedList.documents[revokedList.statusListUrl];
    result = await verifyCredential(credential, {
      now: NOW,
      fetchRemote: documentFetcher({ ...issuer.documents, ...revokedList.documents, [issuer.statusListUrl]: signedByOther }),
    });
    expect(check(result, "status")).toMatchObject({ ok: false, code: "status_invalid" });
  });
});

// --- a one-character change anywhere ---------------------------------------------------------

function changeOneChar(text: string): string {
  const i = Math.floor(text.length / 2);
  const replacement = text[i] === "x" ? "y" : "x";
  return text.slice(0, i) + replacement + text.slice(i + 1);
}

/** Every variant of `value` with one character changed in one key or one string. */
function* oneCharVariants(value: unknown, at: string[] = []): Generator<[string, (root: Json) => Json]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* oneCharVariants(item, [...at, String(i)]);
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      yield [`key ${[...at, key].join(".")}`, (root) => renameKey(root, at, key, changeOneChar(key))];
      yield* oneCharVariants(item, [...at, key]);
    }
    return;
  }
  if (typeof value === "string" && value.length > 0) {
    yield [`value ${at.join(".")}`, (root) => setAt(root, at, changeOneChar(value))];
  }
}

function parentOf(root: Json, at: string[]): Record<string, unknown> {
  let node: unknown = root;
  for (const key of at) node = (node as Record<string, unknown>)[key];
  return node as Record<string, unknown>;
}

function setAt(root: Json, at: string[], value: unknown): Json {
  const copy = structuredClone(root);
  parentOf(copy, at.slice(0, -1))[at[at.length - 1]] = value;
  return copy;
}

function renameKey(root: Json, at: string[], from: string, to: string): Json {
  const copy = structuredClone(root);
  const parent = parentOf(copy, at);
  const entries = Object.entries(parent).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const key of Object.keys(parent)) delete parent[key];
  Object.assign(parent, Object.fromEntries(entries));
  return copy;
}

/** Flips the top bit of a base64url digit, so the decoded bytes always change. */
function changeJwtChar(token: string, i: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const index = alphabet.indexOf(token[i]);
  const replacement = index === -1 ? "A" : alphabet[index ^ 32];
  return token.slice(0, i) + replacement + token.slice(i + 1);
}

describe("a one-character change anywhere in a valid credential fails", () => {
  const cases: Array<[string, () => Promise<{ credential: Json; fetchRemote: (url: string) => Promise<unknown> }>]> = [
    ["a Laurel credential (Data Integrity)", async () => ({ credential: (await issuer.issue()).credential, fetchRemote })],
    ["1EdTech simple.json", async () => ({ credential: readJson(path.join(OB30_DIR, "simple.json")), fetchRemote: documentFetcher(ob30Documents()) })],
    ["DCC v2DoubleSigWithValidStatus.json", async () => ({ credential: readJson(path.join(DCC_DIR, "v2DoubleSigWithValidStatus.json")), fetchRemote: documentFetcher(dccDocuments()) })],
  ];
  for (const [name, load] of cases) {
    it(`${name}: every key and every string`, { timeout: 120_000 }, async () => {
      const { credential, fetchRemote: fetch } = await load();
      expect(failures(await verifyCredential(credential, { now: NOW, fetchRemote: fetch }))).toEqual([]);
      const stillValid: string[] = [];
      let tried = 0;
      for (const [where, mutate] of oneCharVariants(credential)) {
        tried++;
        const result = await verifyCredential(mutate(credential), { now: NOW, fetchRemote: fetch });
        if (result.valid) stillValid.push(where);
      }
      expect(tried).toBeGreaterThan(30);
      expect(stillValid).toEqual([]);
    });
  }

  it("a Laurel VC-JWT: every character of the token", { timeout: 120_000 }, async () => {
    const { jwt } = await issuer.issue({ status: "none" });
    expect((await verifyCredential(jwt, { now: NOW, fetchRemote })).valid).toBe(true);
    const stillValid: number[] = [];
    for (let i = 0; i < jwt.length; i++) {
      const result = await verifyCredential(changeJwtChar(jwt, i), { now: NOW, fetchRemote });
      if (result.valid) stillValid.push(i);
    }
    expect(stillValid).toEqual([]);
  });
});
