/**
 * Open Badges 2.0 assertions, mapped onto the same five checks:
 * - proof: hosted — the assertion's id serves this same assertion; signed — the JWS verifies
 *   with the issuer's key named by `verification.creator` (or the issuer's `publicKey`).
 * - schema: the OB 2.0 context and types, the required properties, the BadgeClass it names.
 * - dates: issuedOn / expires.
 * - status: HTTP 410 or `revoked: true` at the hosted id, or the issuer's RevocationList.
 * - issuer: the Issuer profile exists; a hosted id is within the issuer's verification policy
 *   (allowedOrigins / startsWith, by default the issuer id's host); a signing key is owned by
 *   the issuer and listed in its profile.
 */
import { isDeepStrictEqual } from "node:util";
import { isRevokedInOb2List, OB2_CONTEXT } from "../ob2";
import { checkAssertionDates } from "./dates";
import { spkiJwk, verifyJwsSignature, type ParsedJws, type ResolvedKey } from "./jwt";
import { describeFetchError, httpStatusOf, type Remote } from "./remote";
import { asArray, assemble, CannotCheckError, cannotCheck, errorMessage, fail, idOf, isObject, pass, type Check, type Json, type VerificationResult } from "./result";

const HOSTED_TYPES = ["hosted", "HostedBadge"];
const SIGNED_TYPES = ["signed", "SignedBadge"];
const ISSUER_TYPES = ["Issuer", "Profile"];
const RECIPIENT_HASH = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;

const OB2_CONTEXT_URL = /^https?:\/\/(w3id\.org|openbadgespec\.org)\/openbadges(\/v\d)?/;

export function isOb2Document(value: Json): boolean {
  const contexts = asArray(value["@context"]);
  if (contexts.some((c) => typeof c === "string" && OB2_CONTEXT_URL.test(c))) return true;
  // Some documents inline the OB 2.0 context instead of naming it.
  if (contexts.some((c) => isObject(c) && Object.values(c).some((v) => typeof v === "string" && v.startsWith("https://w3id.org/openbadges#")))) return true;
  const verificationType = isObject(value.verification) ? value.verification.type : undefined;
  return asArray(value.type).includes("Assertion") || (typeof verificationType === "string" && [...HOSTED_TYPES, ...SIGNED_TYPES].includes(verificationType));
}

export function isSignedAssertion(assertion: Json): boolean {
  const type = isObject(assertion.verification) ? assertion.verification.type : undefined;
  return typeof type === "string" && SIGNED_TYPES.includes(type);
}

type Source = { kind: "hosted"; fetchedFrom?: string } | { kind: "signed"; jws: ParsedJws };

type Context = { remote: Remote; now: Date };

/** A document the assertion refers to; `missing`: it is not referred to at all (a defect, not a fetch problem). */
type Loaded<T> = { value?: T; error?: string; status?: number; missing?: boolean };

async function load(remote: Remote, reference: unknown): Promise<Loaded<Json>> {
  if (isObject(reference)) return { value: reference };
  if (typeof reference !== "string") return { error: "it is not given", missing: true };
  try {
    const value = await remote.json(reference);
    return isObject(value) ? { value } : { error: `${reference} is not a JSON object` };
  } catch (error) {
    return { error: describeFetchError(reference, error), status: httpStatusOf(error) };
  }
}

function schemaCheck(assertion: Json, badge: Loaded<Json>): Check {
  const contexts = asArray(assertion["@context"]);
  if (!contexts.includes(OB2_CONTEXT)) {
    return fail("schema", "context_invalid", `The @context must be the Open Badges 2.0 context (${OB2_CONTEXT}).`);
  }
  if (!asArray(assertion.type).includes("Assertion")) {
    return fail("schema", "type_invalid", `The type must be "Assertion" (found ${asArray(assertion.type).join(", ") || "none"}).`);
  }
  const problems: string[] = [];
  if (typeof assertion.id !== "string") problems.push("id is required");
  if (typeof assertion.issuedOn !== "string") problems.push("issuedOn is required");
  if (!isObject(assertion.verification) || typeof assertion.verification.type !== "string") problems.push("verification.type is required");
  const recipient = assertion.recipient;
  if (!isObject(recipient) || typeof recipient.identity !== "string" || typeof recipient.type !== "string") {
    problems.push("recipient needs a type and an identity");
  } else if (recipient.hashed === true && !RECIPIENT_HASH.test(recipient.identity)) {
    problems.push('a hashed recipient identity must look like "sha256$<64 hex digits>"');
  }
  if (problems.length) return fail("schema", "schema_invalid", `Not a well-formed Open Badges 2.0 assertion: ${problems.join("; ")}.`);

  if (!badge.value) return cannotCheck("schema", "badge_unavailable", `The BadgeClass could not be read (${badge.error}), so it could not be checked.`);
  const b = badge.value;
  const badgeProblems: string[] = [];
  if (!asArray(b.type).includes("BadgeClass")) badgeProblems.push('type must be "BadgeClass"');
  for (const property of ["name", "description", "criteria", "issuer"]) if (b[property] === undefined) badgeProblems.push(`${property} is required`);
  if (badgeProblems.length) return fail("schema", "schema_invalid", `Its BadgeClass is not well-formed: ${badgeProblems.join("; ")}.`);
  return pass("schema", "valid", "A well-formed Open Badges 2.0 assertion with its BadgeClass.");
}

function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** OB 2.0 §VerificationObject: where an issuer's hosted assertions may live. */
function hostedPolicyAllows(issuer: Json, issuerUrl: string, assertionId: string): { ok: boolean; policy: string } {
  const policy = isObject(issuer.verification) ? issuer.verification : {};
  const startsWith = asArray(policy.startsWith).filter((s): s is string => typeof s === "string");
  const allowedOrigins = asArray(policy.allowedOrigins).filter((s): s is string => typeof s === "string");
  if (startsWith.length > 0) {
    return { ok: startsWith.some((prefix) => assertionId.startsWith(prefix)), policy: `ids starting with ${startsWith.join(" or ")}` };
  }
  const host = hostOf(assertionId);
  if (allowedOrigins.length > 0) return { ok: host !== undefined && allowedOrigins.includes(host), policy: `hosts ${allowedOrigins.join(", ")}` };
  const issuerHost = hostOf(idOf(issuer) ?? issuerUrl);
  return { ok: host !== undefined && host === issuerHost, policy: issuerHost ? `the issuer's host ${issuerHost}` : "no host (the issuer id is not a web address)" };
}

async function signingKey(assertion: Json, jws: ParsedJws, issuer: Loaded<Json>, remote: Remote): Promise<ResolvedKey & { keyDocument: Json }> {
  const verification = isObject(assertion.verification) ? assertion.verification : {};
  const creator = typeof verification.creator === "string" ? verification.creator : undefined;
  const fallback = issuer.value ? asArray(issuer.value.publicKey).map(idOf)[0] : undefined;
  const keyUrl = creator ?? fallback;
  if (!keyUrl) throw new Error("neither verification.creator nor the issuer's publicKey names a key");
  const loaded = await load(remote, keyUrl);
  if (!loaded.value) throw new CannotCheckError(`the key ${keyUrl} could not be fetched (${loaded.error})`);
  const keyDocument = loaded.value;
  let jwk;
  if (typeof keyDocument.publicKeyPem === "string") jwk = await spkiJwk(keyDocument.publicKeyPem, jws.alg);
  else if (isObject(keyDocument.publicKeyJwk)) jwk = keyDocument.publicKeyJwk;
  else throw new Error(`the key document at ${keyUrl} has no publicKeyPem or publicKeyJwk`);
  const owner = typeof keyDocument.owner === "string" ? keyDocument.owner : typeof keyDocument.controller === "string" ? keyDocument.controller : null;
  return { jwk, controller: owner, source: keyUrl, keyDocument: { ...keyDocument, id: keyDocument.id ?? keyUrl } };
}

export async function verifyOb2Assertion(assertion: Json, source: Source, ctx: Context): Promise<VerificationResult> {
  const format = source.kind === "signed" ? "ob2-signed" : "ob2-hosted";
  const checks: Check[] = [];
  const assertionId = typeof assertion.id === "string" ? assertion.id : undefined;

  const badge = await load(ctx.remote, assertion.badge);
  const issuerRef = badge.value?.issuer;
  // A BadgeClass that was never read says nothing about its issuer: that is unknown, not missing.
  const issuer: Loaded<Json> = !badge.value
    ? { error: "the BadgeClass that names it could not be read" }
    : issuerRef === undefined
      ? { error: "the BadgeClass names no issuer", missing: true }
      : await load(ctx.remote, issuerRef);
  const issuerUrl = idOf(issuerRef) ?? "";

  checks.push(schemaCheck(assertion, badge));
  checks.push(checkAssertionDates(assertion, ctx.now));

  // proof, and what it tells about status
  let hostedRevoked = false;
  let hostedServed = false;
  let key: (ResolvedKey & { keyDocument: Json }) | undefined;
  if (source.kind === "hosted") {
    if (isSignedAssertion(assertion)) {
      checks.push(fail("proof", "no_proof", "This assertion says it is signed, but it was given without its signature (verify the JWS instead)."));
    } else if (!assertionId) {
      checks.push(fail("proof", "hosted_no_id", "A hosted assertion needs an id (its URL) to be checked against."));
    } else if (source.fetchedFrom === assertionId) {
      // Given as its URL: what was fetched from the id is the hosted assertion itself.
      hostedServed = true;
      checks.push(pass("proof", "verified", `Fetched from its id, ${assertionId}, where the issuer hosts it.`));
    } else {
      const hosted = await load(ctx.remote, assertionId);
      if (hosted.status === 410) {
        hostedRevoked = true;
        checks.push(fail("proof", "hosted_revoked", `The issuer no longer serves it: ${assertionId} answered 410 Gone (revoked).`));
      } else if (!hosted.value) {
        checks.push(cannotCheck("proof", "hosted_unavailable", `The hosted assertion could not be fetched from its id (${hosted.error}).`));
      } else if (hosted.value.revoked === true) {
        hostedRevoked = true;
        checks.push(fail("proof", "hosted_revoked", `The issuer serves ${assertionId} as revoked.`));
      } else if (!isDeepStrictEqual(hosted.value, assertion)) {
        checks.push(fail("proof", "hosted_mismatch", `The assertion differs from the one the issuer hosts at ${assertionId}: it was altered.`));
      } else {
        hostedServed = true;
        checks.push(pass("proof", "verified", `The issuer hosts this exact assertion at ${assertionId}.`));
      }
    }
  } else {
    const outcome = await verifyJwsSignature(source.jws, { remote: ctx.remote }, async () => {
      key = await signingKey(assertion, source.jws, issuer, ctx.remote);
      return key;
    });
    checks.push(outcome.check);
  }

  // status
  const revocationList = issuer.value?.revocationList;
  if (hostedRevoked) {
    checks.push(fail("status", "revoked", "The issuer has revoked this assertion."));
  } else if (revocationList !== undefined) {
    const list = await load(ctx.remote, revocationList);
    if (!list.value) {
      checks.push(cannotCheck("status", "status_unavailable", `The issuer's revocation list could not be fetched (${list.error}), so revocation could not be checked.`));
    } else {
      try {
        checks.push(
          assertionId && isRevokedInOb2List(list.value, assertionId)
            ? fail("status", "revoked", "The issuer has revoked this assertion.")
            : pass("status", "active", "Not revoked: the issuer's revocation list was checked."),
        );
      } catch (error) {
        checks.push(fail("status", "status_invalid", `The issuer's revocation list could not be read: ${errorMessage(error)}`));
      }
    }
  } else if (hostedServed) {
    checks.push(pass("status", "active", "Not revoked: the issuer still serves it."));
  } else if (!issuer.value) {
    // Without the issuer's profile nobody can tell whether it publishes a revocation list.
    checks.push(cannotCheck("status", "status_unavailable", `The issuer's profile could not be read (${issuer.error}), so revocation could not be checked.`));
  } else {
    checks.push(pass("status", "no_status", "The issuer publishes no revocation list: nothing says it was revoked."));
  }

  // issuer
  checks.push(issuerCheck({ assertion, assertionId, source, issuer, issuerUrl, key }));
  return assemble(format, assertion, checks);
}

function issuerCheck(input: {
  assertion: Json;
  assertionId?: string;
  source: Source;
  issuer: Loaded<Json>;
  issuerUrl: string;
  key?: ResolvedKey & { keyDocument: Json };
}): Check {
  const { issuer, issuerUrl, assertionId, source, key } = input;
  if (!issuer.value) {
    return issuer.missing
      ? fail("issuer", "issuer_missing", `The issuer profile could not be read (${issuer.error}).`)
      : cannotCheck("issuer", "issuer_unavailable", `The issuer profile could not be read (${issuer.error}).`);
  }
  const profile = issuer.value;
  if (!asArray(profile.type).some((t) => ISSUER_TYPES.includes(t as string))) {
    return fail("issuer", "issuer_invalid", `The issuer profile's type must be Issuer or Profile (found ${asArray(profile.type).join(", ") || "none"}).`);
  }
  if (typeof profile.name !== "string") return fail("issuer", "issuer_invalid", "The issuer profile has no name.");
  const issuerId = idOf(profile) ?? issuerUrl;

  if (source.kind === "hosted") {
    if (!assertionId) return fail("issuer", "issuer_unverified", "Without an id the assertion cannot be tied to its issuer.");
    const { ok, policy } = hostedPolicyAllows(profile, issuerUrl, assertionId);
    if (!ok) return fail("issuer", "hosted_origin_not_allowed", `The issuer only vouches for assertions at ${policy}; ${assertionId} is not one of them.`);
    return pass("issuer", "verified", `Hosted where the issuer ${issuerId} allows (${policy}).`);
  }

  if (!key) return cannotCheck("issuer", "issuer_unverified", `The issuer ${issuerId} could not be confirmed because the signing key was not found.`);
  const keyId = idOf(key.keyDocument) ?? key.source;
  const listed = asArray(profile.publicKey).map(idOf).some((id) => id === keyId || id === key.source);
  if (key.controller !== issuerId && key.controller !== issuerUrl) {
    return fail("issuer", "issuer_key_mismatch", `The signing key belongs to ${key.controller ?? "nobody"}, not to the issuer ${issuerId}.`);
  }
  if (!listed) return fail("issuer", "issuer_key_mismatch", `The issuer ${issuerId} does not list the signing key ${keyId} as its publicKey.`);
  return pass("issuer", "verified", `Signed with a key the issuer ${issuerId} publishes.`);
}
