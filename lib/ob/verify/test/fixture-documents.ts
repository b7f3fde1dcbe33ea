/**
 * Serving the documents that fixtures point to, by URL, without a network.
 *
 * The reference fixtures name https URLs — status lists on raw.githubusercontent.com, issuer
 * profiles on example.com, OB 2.0 BadgeClasses and keys on example.org — that cannot be reached
 * from a test run (and must not be: a test should not depend on someone else's server). The
 * documents behind most of those URLs are in the spec data; `documentFetcher` serves them to the
 * verifier as its `fetchRemote`, exactly as the network would.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { unbakePng, unbakeSvg } from "../../bake";
import { buildIssuerProfile } from "../../build";
import { publicKeyFromMultibase } from "../../keys";
import { isObject, type Json } from "../result";

export const SPEC_DIR = path.resolve(process.cwd(), "../shared/spec");
export const OB30_DIR = path.join(SPEC_DIR, "1edtech-public-validator-fixtures/ob30");
export const OB20_DIR = path.join(SPEC_DIR, "1edtech-public-validator-fixtures/ob20");
export const DCC_DIR = path.join(SPEC_DIR, "dcc-verifier-core-fixtures");
export const VECTOR_FILE = path.join(SPEC_DIR, "ob3-test-vectors/obv3p0-eddsa-rdfc-2022-vector.json");

/** Every file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

export function readJson(file: string): Json {
  // Some 1EdTech OB 2.0 fixtures carry // comments; strip them outside strings.
  const text = readFileSync(file, "utf8").replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*/g, (_match, string) => string ?? "");
  return JSON.parse(text) as Json;
}

export class NotServedError extends Error {
  readonly status = 404;
  constructor(url: string) {
    super(`${url} is not served in this test`);
  }
}

/** A `fetchRemote` over a fixed map of URL → document; unknown URLs answer 404. */
export function documentFetcher(documents: Record<string, unknown>, log?: string[]): (url: string) => Promise<unknown> {
  return async (url: string) => {
    log?.push(url);
    if (!(url in documents)) throw new NotServedError(url);
    return structuredClone(documents[url]);
  };
}

// --- OB 3.0: status lists ----------------------------------------------------------------------

const DCC_STATUS_LIST_URL = "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj";
const ONEEDTECH_STATUS_LIST_URL =
  "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist";

// --- OB 3.0: stand-ins for the issuers' profiles -----------------------------------------------

/**
 * 1EdTech's validator reads the key straight out of a verificationMethod written as
 * `<issuer>#z6Mk…` (the fragment is the public key), and out of a `jwk` JWT header. Laurel does
 * not: anyone can write any key there, so a key only counts once the issuer publishes it in its
 * profile. The issuers of these fixtures (example.com, 1edtech.edu…) publish nothing reachable,
 * so these stand-in profiles publish exactly the keys the fixtures name, as those issuers would.
 * A fixture signed with a key its issuer does not publish still fails.
 */
export function ob30IssuerStandIns(): Record<string, Json> {
  const keys = new Map<string, Map<string, Json>>();
  const add = (issuer: string, method: Json) => {
    const methods = keys.get(issuer) ?? new Map<string, Json>();
    methods.set(method.id as string, method);
    keys.set(issuer, methods);
  };

  const scanCredential = (credential: unknown) => {
    if (!isObject(credential)) return;
    for (const proof of [credential.proof].flat()) {
      const vm = isObject(proof) ? proof.verificationMethod : undefined;
      if (typeof vm !== "string" || !/^https:\/\/[^#]+#z/.test(vm)) continue;
      const [controller, fragment] = vm.split("#");
      try {
        publicKeyFromMultibase(fragment);
      } catch {
        continue; // not a key (e.g. a deliberately garbled one): nothing to publish
      }
      add(controller, { id: vm, type: "Multikey", controller, publicKeyMultibase: fragment });
    }
  };
  const scanJwt = (token: string) => {
    const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Json);
    if (!isObject(header.jwk) || typeof payload.iss !== "string") return;
    const id = `${payload.iss}#jwt-key-${(header.jwk.n as string | undefined)?.slice(0, 12) ?? header.jwk.x}`;
    add(payload.iss, { id, type: "JsonWebKey", controller: payload.iss, publicKeyJwk: header.jwk });
  };
  const scanPayload = (payload: string) => {
    if (payload.trim().startsWith("{")) scanCredential(JSON.parse(payload));
    else scanJwt(payload.trim());
  };

  for (const rel of listFiles(OB30_DIR)) {
    const file = path.join(OB30_DIR, rel);
    if (/\.(json|1ob)$/.test(rel)) scanCredential(readJson(file));
    else if (rel.endsWith(".jwt")) scanJwt(readFileSync(file, "utf8").trim());
    else if (rel.endsWith(".png")) scanPayload(unbakePng(readFileSync(file))!.payload);
    else if (rel.endsWith(".svg")) scanPayload(unbakeSvg(readFileSync(file, "utf8"))!.payload);
    else if (rel === "bit-string-list/testlist") scanCredential(readJson(file));
  }

  const profiles: Record<string, Json> = {};
  for (const [issuer, methods] of keys) {
    const multikeys = [...methods.values()].filter((m) => m.type === "Multikey");
    const profile = buildIssuerProfile({
      id: issuer,
      name: `Stand-in profile for ${issuer}`,
      keys: multikeys.map((m) => ({ id: (m.id as string).split("#")[1], publicKey: publicKeyFromMultibase(m.publicKeyMultibase as string) })),
    }) as unknown as Json;
    const jwks = [...methods.values()].filter((m) => m.type === "JsonWebKey");
    profile.verificationMethod = [...((profile.verificationMethod as Json[] | undefined) ?? []), ...jwks];
    profile.assertionMethod = [...((profile.assertionMethod as string[] | undefined) ?? []), ...jwks.map((m) => m.id as string)];
    profiles[issuer] = profile;
  }
  return profiles;
}

export function ob30Documents(): Record<string, unknown> {
  return {
    ...ob30IssuerStandIns(),
    [ONEEDTECH_STATUS_LIST_URL]: readJson(path.join(OB30_DIR, "bit-string-list/testlist")),
  };
}

export function dccDocuments(): Record<string, unknown> {
  return { [DCC_STATUS_LIST_URL]: readJson(path.join(DCC_DIR, "status-list-e5WK8CbZ1GjycuPombrj.json")) };
}

/** The test vector's issuer, with the key pair the vector publishes. */
export function vectorDocuments(): { credential: Json; documents: Record<string, unknown> } {
  const vector = readJson(VECTOR_FILE);
  const controller = vector.controller as string;
  const keyId = (vector.verificationMethod as string).split("#")[1];
  const profile = buildIssuerProfile({
    id: controller,
    name: "Test vector issuer",
    keys: [{ id: keyId, publicKey: publicKeyFromMultibase(vector.publicKeyMultibase as string) }],
  });
  return { credential: vector.signedCredential as Json, documents: { [controller]: profile } };
}

// --- OB 2.0 ------------------------------------------------------------------------------------

/**
 * 1EdTech's OB 2.0 tests serve `ob20/assets/<name>` at https://example.org/<name> (also http and
 * www.); the same here.
 */
export function ob20Documents(): Record<string, unknown> {
  const documents: Record<string, unknown> = {};
  for (const rel of listFiles(path.join(OB20_DIR, "assets"))) {
    if (!rel.endsWith(".json")) continue;
    let document: Json;
    try {
      document = readJson(path.join(OB20_DIR, "assets", rel));
    } catch {
      continue; // openbadges_context.json is a copy of the context prefixed with its URL, not JSON
    }
    for (const origin of ["https://example.org/", "http://example.org/", "https://www.example.org/"]) {
      documents[origin + rel] = document;
    }
  }
  return documents;
}
