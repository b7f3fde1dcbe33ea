/**
 * Every reference fixture, table-driven over the fixture directories: a file without an entry
 * here fails ("add an expectation"), so adding a fixture adds a test.
 *
 * The documents the fixtures point to (status lists, issuer profiles, OB 2.0 BadgeClasses,
 * Issuers and keys) are served by URL from the spec data, see test/fixture-documents.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unbakePng } from "../bake";
import { verifyCredential, type CheckName, type VerificationResult } from "./index";
import {
  DCC_DIR,
  dccDocuments,
  documentFetcher,
  listFiles,
  OB20_DIR,
  ob20Documents,
  OB30_DIR,
  ob30Documents,
  readJson,
  vectorDocuments,
} from "./test/fixture-documents";

// Fixed, so "expired" and "not yet valid" fixtures keep meaning the same thing.
const NOW = new Date("2026-01-01T00:00:00Z");

type Expectation =
  | { valid: true; note?: string }
  /** `check` fails with `code`; the checks in `passes` must pass (the failure is that one, not a side effect). */
  | { fails: CheckName; code: string; passes?: CheckName[]; note?: string }
  /** `check` could not be done (`code`), nothing failed: indeterminate, never "forged". */
  | { cannotCheck: CheckName; code: string; passes?: CheckName[]; note?: string }
  | { error: string; note: string };

const OB30: Record<string, Expectation> = {
  "bit-string-list/credential-status-revoked-blank-nodes.json": { fails: "status", code: "revoked", passes: ["proof", "schema", "dates", "issuer"] },
  "bit-string-list/credential-status-revoked.json": { fails: "status", code: "revoked", passes: ["proof", "schema", "dates", "issuer"] },
  "bit-string-list/testlist": { fails: "schema", code: "context_invalid", passes: ["proof", "issuer"], note: "a status list credential, not a badge" },
  "complete.json": {
    cannotCheck: "status",
    code: "status_unavailable",
    passes: ["proof", "schema", "dates", "issuer"],
    note: "its 1EdTechRevocationList (https://1edtech.edu/credentials/3732/revocations) is not in the spec data; 1EdTech expects a failure too",
  },
  "complete_v1.json": { fails: "dates", code: "expired" },
  "credential-status-revoked.json": {
    cannotCheck: "status",
    code: "status_unavailable",
    note:
      "CANNOT BE VERIFIED OFFLINE: revoked through a 1EdTechRevocationList on dc.1edtech.org and signed by a did:web key; neither the list nor the DID document is in the spec data or any npm package",
  },
  "endorsement-err-schema-status-refresh.json": { fails: "proof", code: "signature_invalid" },
  "endorsement-valid.json": { valid: true },
  "sd/derivedcredential.json": {
    cannotCheck: "proof",
    code: "unsupported_proof",
    note: "ecdsa-sd-2023 (selective disclosure) is not a supported cryptosuite: no verifier for it is installed",
  },
  "simple-context-alias.json": { valid: true },
  "simple-context-version.json": { valid: true, note: "context 3.0.2 is still an OB 3.0 context" },
  "simple-did-key-method.json": {
    fails: "issuer",
    code: "issuer_key_mismatch",
    passes: ["proof", "schema", "dates", "status"],
    note: "deliberately stricter than 1EdTech: a did:key signed it but the issuer is urn:uuid:…, so nothing ties the signature to the issuer",
  },
  "simple-did-web-method.json": { valid: true, note: "despite the name, an https issuer (1edtech.edu), not did:web" },
  "simple-eddsa-2022.json": {
    fails: "proof",
    code: "proof_invalid",
    passes: ["schema", "dates", "status"],
    note: "the pre-standard eddsa-2022 name is accepted (with a warning), but this document's contexts (credentials/v1 with data-integrity/v1) redefine a protected term, which jsonld.js refuses",
  },
  "simple-err-context.json": { fails: "schema", code: "context_invalid" },
  "simple-err-credential-subject-achievement-result-description-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-credential-subject-identifier-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-credential-subject-profile-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-credential-subject-result-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-credential-subject-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-evidence-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-expired.json": { fails: "dates", code: "expired", passes: ["proof", "schema", "status", "issuer"] },
  "simple-err-issued.json": { fails: "dates", code: "not_yet_valid" },
  "simple-err-issuer-otheridentifier-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-issuer-parentorg-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-issuer-type.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-issuer.json": { fails: "schema", code: "schema_invalid" },
  "simple-err-proof-method-no-scheme.json": { fails: "proof", code: "key_invalid", note: "a verification method that is not a URL" },
  "simple-err-proof-method-unknown-did-method.json": { cannotCheck: "proof", code: "key_unavailable", note: "a DID method this verifier cannot resolve: never valid, never called forged" },
  "simple-err-proof-method-unknown-scheme.json": { fails: "proof", code: "key_invalid", note: "a verification method that is not a URL" },
  "simple-err-proof-method.json": { fails: "proof", code: "key_invalid", note: "the issuer's profile does not list that key" },
  "simple-err-proof-value.json": { fails: "proof", code: "signature_invalid", passes: ["schema", "dates", "status"] },
  "simple-err-type.json": { fails: "schema", code: "type_invalid" },
  "simple-json.png": { valid: true },
  "simple-json.svg": { valid: true },
  "simple-jwt.png": {
    fails: "proof",
    code: "jwt_claims_invalid",
    passes: ["schema", "dates", "status", "issuer"],
    note: "RS256 VC-JWT with its key in the jwk header, published by the issuer's stand-in profile; stricter than 1EdTech's validator: the subject has an id but the JWT has no sub claim, which OB 3.0 then requires",
  },
  "simple-jwt.svg": { fails: "proof", code: "jwt_claims_invalid", passes: ["schema", "dates", "status", "issuer"] },
  "simple-jwt_v1.png": { fails: "proof", code: "jwt_claims_invalid", passes: ["schema", "dates", "status", "issuer"], note: "VC 1.1 form (1EdTech: a warning); no sub claim either" },
  "simple-jwt_v1.svg": { fails: "proof", code: "jwt_claims_invalid", passes: ["schema", "dates", "status", "issuer"] },
  "simple-multiple-proofs.json": { valid: true, note: "the unknown SomeProofType proof is ignored, the DataIntegrityProof verifies" },
  "simple-noproof.json": { fails: "proof", code: "no_proof" },
  "simple.1ob": { valid: true },
  "simple.json": { valid: true },
  "simple.jwt": { fails: "proof", code: "key_missing", note: "an RS256 JWT with neither kid nor jwk: there is no key to check it with" },
  "simple_v1.json": { valid: true, note: "VC 1.1 with Ed25519Signature2020" },
  "velocity.jwt": { cannotCheck: "proof", code: "key_unavailable", note: "signed by a did:velocity key, which cannot be resolved" },
};

const DCC: Record<string, Expectation> = {
  "status-list-e5WK8CbZ1GjycuPombrj.json": { fails: "schema", code: "context_invalid", passes: ["proof", "issuer"], note: "the status list, not a badge" },
  "v1NoStatus.json": { valid: true },
  "v2DoubleSigWithValidStatus.json": { valid: true, note: "DataIntegrityProof and Ed25519Signature2020, both verified" },
  "v2EddsaWithValidStatus.json": { valid: true },
  "v2Expired.json": { fails: "dates", code: "expired", passes: ["proof", "schema", "status", "issuer"] },
  "v2NoStatus.json": { valid: true },
  "v2OBv3SpecExample.json": { valid: true },
  "v2Revoked.json": { fails: "status", code: "revoked", passes: ["proof", "schema", "dates", "issuer"] },
  "v2WithValidStatus.json": { valid: true },
  "v2didWebMultikeyWithValidStatus.json": {
    fails: "status",
    code: "status_invalid",
    note:
      "its status list is signed by the did:key twin, not the did:web issuer, which is a failure whatever the key; the key itself cannot be checked offline (the DID document of did:web:digitalcredentials.github.io:dcc-did-web:multikey is in neither the spec data nor any npm package)",
  },
};

const OB20: Record<string, Expectation> = {
  "assertion-with-data-image.json": { valid: true },
  "assertion-with-endorsements.json": { valid: true },
  "assertion-with-extension-node-basic.json": { valid: true },
  "assertion-with-extension-node-invalid.json": {
    valid: true,
    note: "KNOWN GAP: OB 2.0 extension contents are not validated (that needs each extension's JSON schema from w3id.org, not in the spec data)",
  },
  "assertion-with-multiple-extensions.json": { valid: true },
  "badge-class-with-language.json": { error: "not_a_credential", note: "a BadgeClass, not an assertion" },
  "basic-assertion-expired-before-issued.json": { fails: "dates", code: "expires_before_issued" },
  "basic-assertion-expired.json": { fails: "dates", code: "expired", passes: ["proof", "schema", "status", "issuer"] },
  "basic-assertion-in-future.json": { fails: "dates", code: "not_yet_valid" },
  "basic-assertion-invalid-context.json": { fails: "schema", code: "context_invalid" },
  "basic-assertion-invalid-type.json": { fails: "schema", code: "type_invalid" },
  "basic-assertion-no-public-key.json": { valid: true, note: "hosted verification needs no key" },
  "basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json": { fails: "issuer", code: "hosted_origin_not_allowed" },
  "basic-assertion-with-allowed-origins-invalid-starts-with.json": { fails: "issuer", code: "hosted_origin_not_allowed" },
  "basic-assertion-with-allowed-origins-valid-multiple-starts-with.json": { valid: true },
  "basic-assertion-with-allowed-origins-valid-starts-with.json": { valid: true },
  "basic-assertion-with-allowed-origins.json": { valid: true },
  "basic-assertion-with-language.json": { valid: true },
  "basic-assertion.json": { valid: true },
  "issuer-compact-iri-validation.json": { error: "not_a_credential", note: "an Issuer profile, not an assertion" },
  "rdf-validation/badge-class-invalid-issuer-type.json": { error: "not_a_credential", note: "a BadgeClass (1EdTech validates node types)" },
  "rdf-validation/invalid-class.json": { error: "not_a_credential", note: "not an assertion" },
  "rdf-validation/invalid-empty-type.json": { error: "not_a_credential", note: "not an assertion" },
  "rdf-validation/invalid-one-invalid-class.json": { error: "not_a_credential", note: "an Issuer" },
  "rdf-validation/valid-alignment-object.json": { error: "not_a_credential", note: "an AlignmentObject" },
  "rdf-validation/valid-badge-class-empty-criteria-type.json": { error: "not_a_credential", note: "a BadgeClass" },
  "rdf-validation/valid-badge-class.json": { error: "not_a_credential", note: "a BadgeClass" },
  "rdf-validation/valid-cool-class.json": { error: "not_a_credential", note: "an extension class" },
  "rdf-validation/valid-issuer-extension.json": { error: "not_a_credential", note: "an Issuer" },
  "redirected-validation-subject.json": { error: "json_invalid", note: "a helper document with // comments that 1EdTech's tests serve, not JSON" },
  "simple-badge.png": { valid: true, note: "baked hosted assertion" },
  "simple-not-revoked.jwt": { valid: true },
  "simple-revoked.jwt": { fails: "status", code: "revoked", passes: ["proof", "schema", "dates", "issuer"] },
  "simple.jwt": { valid: true, note: "RS256 JWS, key from verification.creator (publicKeyPem)" },
  "warning-issuer-non-http.json": {
    fails: "issuer",
    code: "hosted_origin_not_allowed",
    note: "stricter than 1EdTech's warning: the issuer id is a urn:uuid, so no host can vouch for the hosted assertion",
  },
  "warning-with-redirection.json": { valid: true },
};

function readInput(file: string): string | Uint8Array {
  return file.endsWith(".png") ? new Uint8Array(readFileSync(file)) : readFileSync(file, "utf8");
}

function describeResult(result: VerificationResult): string {
  if (result.error) return `error ${result.error.code}: ${result.error.message}`;
  return result.checks.map((c) => `${c.check} ${c.state} ${c.code}: ${c.message}`).join("\n");
}

function assertExpectation(result: VerificationResult, expected: Expectation) {
  const detail = describeResult(result);
  if ("valid" in expected) {
    expect(result.error, detail).toBeUndefined();
    expect(result.checks.filter((c) => !c.ok), detail).toEqual([]);
    expect(result.valid, detail).toBe(true);
    expect(result.verdict).toBe("valid");
    expect(result.checks.map((c) => c.check)).toEqual(["proof", "schema", "dates", "status", "issuer"]);
  } else if ("error" in expected) {
    expect(result.valid).toBe(false);
    expect(result.verdict).toBe("unreadable");
    expect(result.error?.code, detail).toBe(expected.error);
    expect(result.error?.message.length).toBeGreaterThan(10);
  } else {
    const [name, state, verdict] = "fails" in expected ? [expected.fails, "failed", "invalid"] : [expected.cannotCheck, "unknown", "indeterminate"];
    expect(result.valid, detail).toBe(false);
    expect(result.verdict, detail).toBe(verdict);
    expect(result.error, detail).toBeUndefined();
    const check = result.checks.find((c) => c.check === name);
    expect(check, detail).toMatchObject({ ok: false, state, code: expected.code });
    for (const name of expected.passes ?? []) {
      expect(result.checks.find((c) => c.check === name)?.ok, `${name} should pass:\n${detail}`).toBe(true);
    }
  }
  for (const check of result.checks) expect(check.message).toMatch(/\S+ \S+/);
}

function title(rel: string, expected: Expectation): string {
  const outcome =
    "valid" in expected
      ? "verifies"
      : "error" in expected
        ? `is unreadable (${expected.error})`
        : "fails" in expected
          ? `fails ${expected.fails} with ${expected.code}`
          : `cannot check ${expected.cannotCheck} (${expected.code})`;
  return `${rel} ${outcome}${expected.note ? ` — ${expected.note}` : ""}`;
}

function tableFor(table: Record<string, Expectation>, files: string[]) {
  it("has an expectation for every fixture file", () => {
    const missing = files.filter((rel) => !(rel in table));
    expect(missing, `add an expectation for: ${missing.join(", ")}`).toEqual([]);
    expect(Object.keys(table).filter((rel) => !files.includes(rel)), "expectations for files that no longer exist").toEqual([]);
  });
}

describe("1EdTech OB 3.0 fixtures", () => {
  const files = listFiles(OB30_DIR);
  const documents = { ...ob30Documents() };
  tableFor(OB30, files);
  for (const rel of files) {
    const expected = OB30[rel];
    if (!expected) continue;
    it(title(rel, expected), async () => {
      const result = await verifyCredential(readInput(path.join(OB30_DIR, rel)), { now: NOW, fetchRemote: documentFetcher(documents) });
      assertExpectation(result, expected);
    });
  }
});

describe("DCC verifier-core fixtures", () => {
  const files = listFiles(DCC_DIR);
  const documents = dccDocuments();
  tableFor(DCC, files);
  for (const rel of files) {
    const expected = DCC[rel];
    if (!expected) continue;
    it(title(rel, expected), async () => {
      const result = await verifyCredential(readInput(path.join(DCC_DIR, rel)), { now: NOW, fetchRemote: documentFetcher(documents) });
      assertExpectation(result, expected);
    });
  }
});

/** A hosted assertion is only valid if its id serves it: serve each fixture at its own id. */
function selfHosted(file: string): Record<string, unknown> {
  let document: unknown;
  try {
    if (file.endsWith(".json")) document = readJson(file);
    if (file.endsWith(".png")) document = JSON.parse(unbakePng(readFileSync(file))!.payload);
  } catch {
    return {};
  }
  const id = (document as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? { [id]: document } : {};
}

describe("1EdTech OB 2.0 fixtures", () => {
  // assets/ holds the documents the assertions point to (served at https://example.org/…), not inputs.
  const files = listFiles(OB20_DIR).filter((rel) => !rel.startsWith("assets/"));
  const documents = ob20Documents();
  tableFor(OB20, files);
  for (const rel of files) {
    const expected = OB20[rel];
    if (!expected) continue;
    it(title(rel, expected), async () => {
      const file = path.join(OB20_DIR, rel);
      const result = await verifyCredential(readInput(file), { now: NOW, fetchRemote: documentFetcher({ ...documents, ...selfHosted(file) }) });
      assertExpectation(result, expected);
    });
  }

  it("a hosted assertion that differs from what its id serves fails proof (hosted_mismatch)", async () => {
    const file = path.join(OB20_DIR, "basic-assertion.json");
    const hosted = readJson(file);
    const result = await verifyCredential({ ...hosted, issuedOn: "2016-12-30T23:59:59Z" }, { now: NOW, fetchRemote: documentFetcher({ ...documents, ...selfHosted(file) }) });
    expect(result.checks.find((c) => c.check === "proof")).toMatchObject({ ok: false, code: "hosted_mismatch" });
  });

  it("a hosted assertion whose id answers 410 Gone is revoked", async () => {
    const hosted = readJson(path.join(OB20_DIR, "basic-assertion.json"));
    const gone = Object.assign(new Error("gone"), { status: 410 });
    const fetchRemote = async (url: string) => {
      if (url === hosted.id) throw gone;
      return documentFetcher(documents)(url);
    };
    const result = await verifyCredential(hosted, { now: NOW, fetchRemote });
    expect(result.valid).toBe(false);
    expect(result.checks.find((c) => c.check === "status")).toMatchObject({ ok: false, code: "revoked" });
  });
});

describe("1EdTech test vector", () => {
  it("the signed credential of the eddsa-rdfc-2022 vector verifies against the vector's key", async () => {
    const { credential, documents } = vectorDocuments();
    const result = await verifyCredential(credential, { now: NOW, fetchRemote: documentFetcher(documents) });
    assertExpectation(result, { valid: true });
  });
});
