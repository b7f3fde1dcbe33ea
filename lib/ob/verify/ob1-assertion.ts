/**
 * Open Badges 1.0 (2013–2015) and 0.5 (2012) assertions: recognised for what they are, never
 * read as 3.0 credentials that lack a proof.
 * - 1.0 hosted: the assertion at `verify.url` must be this same assertion (as 2.0 hosted badges
 *   are checked against their id); its BadgeClass and issuer are fetched from the URLs it names,
 *   and the hosting must be on the issuer's host. Dates may be ISO dates or Unix timestamps.
 * - 1.0 signed: recognised; checking its signature (a PEM key at `verify.url`) is not supported.
 * - 0.5: carries nothing to verify against, so it cannot be valid.
 */
import { isDeepStrictEqual } from "node:util";
import { checkValidityWindow } from "./dates";
import { describeFetchError, httpStatusOf, type Remote } from "./remote";
import { assemble, cannotCheck, fail, isObject, pass, type Check, type Json, type VerificationResult } from "./result";

/** A 1.0 assertion: a verification object of type hosted or signed, and no 2.0 context. */
export function isOb1Assertion(value: Json): boolean {
  const verify = value.verify;
  return isObject(verify) && (verify.type === "hosted" || verify.type === "signed" || typeof verify.url === "string") && value["@context"] === undefined;
}

/** A 0.5 assertion: the badge and its issuer embedded, the issuer known only by an origin. */
export function isOb05Assertion(value: Json): boolean {
  const badge = value.badge;
  if (!isObject(badge) || value["@context"] !== undefined || value.verify !== undefined) return false;
  return (typeof badge.version === "string" && badge.version.startsWith("0.5")) || (isObject(badge.issuer) && typeof badge.issuer.origin === "string");
}

export function verifyOb05Assertion(assertion: Json): VerificationResult {
  const why = "Open Badges 0.5 assertions (2012) carry no verification: no hosted copy, no signature, no issuer to confirm them. Laurel verifies Open Badges 1.0 hosted, 2.0 and 3.0.";
  return assemble("ob05", assertion, [fail("proof", "format_unsupported", why), fail("issuer", "issuer_unverified", "Nothing in an Open Badges 0.5 assertion ties it to its issuer.")]);
}

type Context = { remote: Remote; now: Date };
type Loaded = { value?: Json; error?: string; status?: number };

async function load(remote: Remote, url: unknown): Promise<Loaded> {
  if (typeof url !== "string") return { error: "no URL is given" };
  try {
    const value = await remote.json(url);
    return isObject(value) ? { value } : { error: `${url} is not a JSON object` };
  } catch (error) {
    return { error: describeFetchError(url, error), status: httpStatusOf(error) };
  }
}

/** 1.0 dates: an ISO 8601 date or date-time, or a Unix timestamp in seconds. */
function isoDate(value: unknown): unknown {
  if (typeof value === "number" || (typeof value === "string" && /^\d{9,11}$/.test(value))) return new Date(Number(value) * 1000).toISOString();
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  return value;
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function schemaCheck(assertion: Json, badge: Loaded): Check {
  const problems: string[] = [];
  const recipient = assertion.recipient;
  if (!isObject(recipient) || typeof recipient.identity !== "string" || typeof recipient.type !== "string") problems.push("recipient needs a type and an identity");
  if (typeof assertion.uid !== "string") problems.push("uid is required");
  if (typeof assertion.badge !== "string") problems.push("badge must be the URL of its BadgeClass");
  if (assertion.issuedOn === undefined) problems.push("issuedOn is required");
  if (problems.length) return fail("schema", "schema_invalid", `Not a well-formed Open Badges 1.0 assertion: ${problems.join("; ")}.`);
  if (!badge.value) return cannotCheck("schema", "badge_unavailable", `The BadgeClass could not be read (${badge.error}), so it could not be checked.`);
  const missing = ["name", "description", "image", "criteria", "issuer"].filter((property) => badge.value![property] === undefined);
  if (missing.length) return fail("schema", "schema_invalid", `Its BadgeClass is not well-formed: ${missing.map((p) => `${p} is required`).join("; ")}.`);
  return pass("schema", "valid", "A well-formed Open Badges 1.0 assertion with its BadgeClass.");
}

export async function verifyOb1Assertion(assertion: Json, ctx: Context, fetchedFrom?: string): Promise<VerificationResult> {
  const verify = assertion.verify as Json;
  const hostedUrl = typeof verify.url === "string" ? verify.url : undefined;
  const checks: Check[] = [];

  const badge = await load(ctx.remote, assertion.badge);
  const issuer: Loaded = badge.value ? await load(ctx.remote, badge.value.issuer) : { error: "the BadgeClass that names it could not be read" };
  checks.push(schemaCheck(assertion, badge));
  checks.push(checkValidityWindow({ start: ["issuedOn", isoDate(assertion.issuedOn)], end: assertion.expires !== undefined ? ["expires", isoDate(assertion.expires)] : undefined }, ctx.now));

  // proof and status: the issuer's own copy at verify.url
  let served = false;
  if (verify.type === "signed") {
    checks.push(cannotCheck("proof", "format_unsupported", "Signed Open Badges 1.0 assertions are recognised, but checking their signature is not supported."));
    checks.push(cannotCheck("status", "status_unavailable", "Revocation of a signed Open Badges 1.0 assertion is not checked."));
  } else if (!hostedUrl) {
    checks.push(fail("proof", "hosted_no_id", "A hosted Open Badges 1.0 assertion needs verify.url (where the issuer hosts it)."));
    checks.push(cannotCheck("status", "status_unavailable", "Without verify.url nobody can tell whether it was revoked."));
  } else {
    const hosted = fetchedFrom === hostedUrl ? { value: assertion } : await load(ctx.remote, hostedUrl);
    if (hosted.status === 410 || hosted.value?.revoked === true) {
      checks.push(fail("proof", "hosted_revoked", `The issuer no longer serves it: ${hostedUrl} says it was revoked.`));
      checks.push(fail("status", "revoked", "The issuer has revoked this assertion."));
    } else if (!hosted.value) {
      checks.push(cannotCheck("proof", "hosted_unavailable", `The hosted assertion could not be fetched from ${hostedUrl} (${hosted.error}).`));
      checks.push(cannotCheck("status", "status_unavailable", "Without the hosted copy nobody can tell whether it was revoked."));
    } else if (!isDeepStrictEqual(hosted.value, assertion)) {
      checks.push(fail("proof", "hosted_mismatch", `The assertion differs from the one the issuer hosts at ${hostedUrl}: it was altered.`));
      checks.push(cannotCheck("status", "status_unavailable", "An altered copy says nothing about the issuer's."));
    } else {
      served = true;
      checks.push(pass("proof", "verified", `The issuer hosts this exact assertion at ${hostedUrl}.`));
      checks.push(pass("status", "active", "Not revoked: the issuer still serves it."));
    }
  }

  // issuer: it exists, and hosts its assertions on its own host
  if (!issuer.value) {
    checks.push(cannotCheck("issuer", "issuer_unavailable", `The issuer could not be read (${issuer.error}).`));
  } else if (typeof issuer.value.name !== "string" || typeof issuer.value.url !== "string") {
    checks.push(fail("issuer", "issuer_invalid", "The issuer must have a name and a url."));
  } else if (served && hostOf(hostedUrl) !== hostOf(issuer.value.url)) {
    checks.push(fail("issuer", "hosted_origin_not_allowed", `Hosted at ${hostOf(hostedUrl)}, not on the issuer's host ${hostOf(issuer.value.url)}.`));
  } else if (served) {
    checks.push(pass("issuer", "verified", `Hosted on the host of the issuer ${issuer.value.name} (${hostOf(issuer.value.url)}).`));
  } else {
    checks.push(cannotCheck("issuer", "issuer_unverified", `The issuer ${issuer.value.name} could not be confirmed without the hosted assertion.`));
  }
  return assemble(verify.type === "signed" ? "ob1-signed" : "ob1-hosted", assertion, checks);
}
