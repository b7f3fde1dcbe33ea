// Is it an Open Badges 3.0 credential at all: contexts, types, then 1EdTech's JSON schema.
import { validateAchievementCredential, validateEndorsementCredential } from "../schema";
import { asArray, fail, idOf, isObject, pass, type Check, type Json } from "./result";

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1";
// context.json (3.0 before versioned files), context-3.0.1/2/3.json: every published OB 3.0 context.
const OB3_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d+\.\d+)?\.json$/;

const BADGE_TYPES = ["OpenBadgeCredential", "AchievementCredential"];
const ENDORSEMENT_TYPE = "EndorsementCredential";

export type CredentialKind = "badge" | "endorsement";

export function vcVersion(credential: Json): 1 | 2 | undefined {
  const first = asArray(credential["@context"])[0];
  if (first === VC_V2_CONTEXT) return 2;
  if (first === VC_V1_CONTEXT) return 1;
  return undefined;
}

function summarize(errors: Array<{ path: string; message: string }>): string {
  const shown = errors.slice(0, 3).map((e) => `${e.path} ${e.message}`);
  const more = errors.length > 3 ? ` and ${errors.length - 3} more` : "";
  return shown.join("; ") + more;
}

/** Structural checks for VC 1.1-era OB 3.0 credentials, which 1EdTech's (VC 2.0) schema does not describe. */
function checkVc1Shape(credential: Json): string[] {
  const problems: string[] = [];
  if (typeof credential.issuanceDate !== "string") problems.push("issuanceDate is required");
  if (!idOf(credential.issuer)) problems.push("issuer must be a URL or an object with an id");
  if (!isObject(credential.credentialSubject) && !Array.isArray(credential.credentialSubject)) problems.push("credentialSubject is required");
  return problems;
}

export function checkSchema(credential: Json): Check {
  const contexts = asArray(credential["@context"]);
  const version = vcVersion(credential);
  if (version === undefined) {
    return fail(
      "schema",
      "context_invalid",
      `The first @context must be the W3C Verifiable Credentials context (${VC_V2_CONTEXT}, or ${VC_V1_CONTEXT} for older credentials).`,
    );
  }
  if (!contexts.some((c) => typeof c === "string" && OB3_CONTEXT.test(c))) {
    return fail("schema", "context_invalid", "No Open Badges 3.0 context (https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json) in @context.");
  }

  const types = asArray(credential.type);
  if (!types.includes("VerifiableCredential")) {
    return fail("schema", "type_invalid", 'The type must include "VerifiableCredential".');
  }
  const kind: CredentialKind | undefined = types.some((t) => BADGE_TYPES.includes(t as string))
    ? "badge"
    : types.includes(ENDORSEMENT_TYPE)
      ? "endorsement"
      : undefined;
  if (!kind) {
    return fail("schema", "type_invalid", `The type must include OpenBadgeCredential or AchievementCredential (found ${types.join(", ") || "none"}).`);
  }

  if (version === 1) {
    const problems = checkVc1Shape(credential);
    if (problems.length) return fail("schema", "schema_invalid", `Not a well-formed credential: ${problems.join("; ")}.`);
    return pass(
      "schema",
      "valid",
      "A VC 1.1 Open Badges 3.0 credential (contexts, types and required properties checked; 1EdTech's JSON schema covers the VC 2.0 form).",
    );
  }

  // The VC data model lets a single proof stand alone; 1EdTech's schema only spells the array form.
  const view = credential.proof !== undefined && !Array.isArray(credential.proof) ? { ...credential, proof: [credential.proof] } : credential;
  const result = kind === "badge" ? validateAchievementCredential(view) : validateEndorsementCredential(view);
  if (!result.valid) {
    const what = kind === "badge" ? "AchievementCredential" : "EndorsementCredential";
    return fail("schema", "schema_invalid", `It does not match 1EdTech's ${what} schema: ${summarize(result.errors)}.`);
  }
  return pass("schema", "valid", kind === "badge" ? "A well-formed Open Badges 3.0 credential." : "A well-formed Open Badges 3.0 endorsement.");
}
