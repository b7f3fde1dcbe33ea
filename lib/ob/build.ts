// Builders for the Open Badges 3.0.3 documents Laurel publishes. Output is plain JSON ready to
// sign: every `type` is an array (except Image and IdentityObject, which the schema wants as a
// string), dates are UTC seconds, and only terms defined by the contexts are used, so JSON-LD
// processing in safe mode (Data Integrity signing) never drops anything.
import { createHash } from "node:crypto";
import { DID_V1, MULTIKEY_V1, OB_V3, OB_V3_EXTENSIONS, VC_V2 } from "./contexts";
import { publicKeyMultibase } from "./keys";
import type {
  Achievement,
  AchievementSubject,
  Alignment,
  CredentialSchemaRef,
  Evidence,
  JsonLdContext,
  ObImage,
  OpenBadgeCredential,
  Profile,
} from "./types";

/** The schema 1EdTech publishes for AchievementCredential / OpenBadgeCredential. */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA_URL =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const JSON_SCHEMA_VALIDATOR_TYPE = "1EdTechJsonSchemaValidator2019";

/** OB's salted IdentityHash: "sha256$" + hex(sha256(normalised email + salt)). */
export function hashIdentity(email: string, salt: string): string {
  return "sha256$" + createHash("sha256").update(email.trim().toLowerCase() + salt, "utf8").digest("hex");
}

/** XSD dateTime in UTC to the second, e.g. "2024-05-01T12:00:00Z". */
export function isoDateTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error("Invalid date");
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function image(value: string | { id: string; caption?: string } | undefined): ObImage | undefined {
  if (value === undefined) return undefined;
  const { id, caption } = typeof value === "string" ? { id: value, caption: undefined } : value;
  return caption === undefined ? { id, type: "Image" } : { id, type: "Image", caption };
}

// Drops undefined values so the JSON has no empty keys (JSON.stringify would drop them anyway,
// but the signed object and its serialisation must be the same thing).
function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

// A document embedded in another inherits the outer @context.
function embedded(document: object): Record<string, unknown> {
  const { "@context": _context, ...rest } = document as Record<string, unknown>;
  return rest;
}

// Keys belong to the published profile, not to copies embedded in credentials (and their
// terms are not defined by the credential's contexts).
function embeddedProfile(profile: object): Record<string, unknown> {
  const { verificationMethod: _methods, assertionMethod: _assertion, ...rest } = embedded(profile);
  return rest;
}

function withType(value: Record<string, unknown>, type: string): Record<string, unknown> {
  const current = value.type;
  if (current === undefined) return { type: [type], ...value };
  const list = Array.isArray(current) ? current : [current];
  return { ...value, type: list.includes(type) ? list : [type, ...list] };
}

/** Full verification method URL for a key id that may be just the fragment ("key-1"). */
function verificationMethodId(issuerId: string, keyId: string): string {
  return keyId.includes("#") || keyId.includes(":") ? keyId : `${issuerId}#${keyId}`;
}

// No bundled context defines publicKeyJwk for a Multikey; JSON-LD in safe mode (e.g. framing the
// profile as a controller document) would otherwise refuse the whole profile.
const PUBLIC_KEY_JWK_TERM = { publicKeyJwk: { "@id": "https://w3id.org/security#publicKeyJwk", "@type": "@json" } };

export function buildIssuerProfile(input: {
  id: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
  /** `id` is the key's fragment id; `url`, where the key document itself is served. */
  keys?: Array<{ id: string; publicKey: Uint8Array; url?: string }>;
}): Profile {
  const keys = input.keys ?? [];
  // The DID v1 context defines verificationMethod/assertionMethod at the top level, which
  // makes the profile a controller document JSON-LD processors (and jsonld-signatures) read.
  const context: JsonLdContext = keys.length > 0 ? [VC_V2, OB_V3, DID_V1, MULTIKEY_V1, PUBLIC_KEY_JWK_TERM] : [VC_V2, OB_V3];
  const profile: Profile = compact({
    "@context": context,
    id: input.id,
    type: ["Profile"],
    name: input.name,
    url: input.url,
    email: input.email,
    description: input.description,
    image: image(input.image),
  });
  if (keys.length > 0) {
    // publicKeyJwk because the fragment id is also a JWT `kid`, which must dereference to a JWK.
    const methods = keys.map((key) => ({
      id: verificationMethodId(input.id, key.id),
      type: "Multikey" as const,
      controller: input.id,
      publicKeyMultibase: publicKeyMultibase(key.publicKey),
      publicKeyJwk: { kty: "OKP" as const, crv: "Ed25519" as const, x: Buffer.from(key.publicKey).toString("base64url") },
    }));
    profile.verificationMethod = methods;
    // Both names of each key may sign: the fragment (credentials issued before key documents
    // had URLs of their own) and the key document URL.
    profile.assertionMethod = keys.flatMap((key, index) => (key.url ? [methods[index].id, key.url] : [methods[index].id]));
  }
  return profile;
}

export type AlignmentInput = {
  targetName: string;
  targetUrl: string;
  targetFramework?: string;
  targetCode?: string;
  targetDescription?: string;
  targetType?: string;
};

export function buildAchievement(input: {
  id: string;
  name: string;
  description: string;
  criteria: { narrative?: string; id?: string };
  image?: { id: string; caption?: string };
  achievementType?: string;
  alignment?: AlignmentInput[];
  tag?: string[];
  resultDescription?: object[];
  creator?: object;
}): Achievement {
  const criteria = compact({ id: input.criteria.id, narrative: input.criteria.narrative });
  if (criteria.id === undefined && criteria.narrative === undefined) {
    throw new Error("Achievement criteria need a narrative or an id (URL)");
  }
  return compact({
    "@context": [VC_V2, OB_V3],
    id: input.id,
    type: ["Achievement"],
    name: input.name,
    description: input.description,
    criteria,
    image: image(input.image),
    achievementType: input.achievementType,
    alignment: input.alignment?.length
      ? input.alignment.map(
          (a): Alignment =>
            compact({
              type: ["Alignment"],
              targetName: a.targetName,
              targetUrl: a.targetUrl,
              targetFramework: a.targetFramework,
              targetCode: a.targetCode,
              targetDescription: a.targetDescription,
              targetType: a.targetType,
            }),
        )
      : undefined,
    tag: input.tag?.length ? [...input.tag] : undefined,
    resultDescription: input.resultDescription?.length
      ? input.resultDescription.map((r) => withType(r as Record<string, unknown>, "ResultDescription"))
      : undefined,
    creator: input.creator ? embeddedProfile(input.creator) : undefined,
  });
}

const usesExtensionType = (values: unknown): boolean =>
  (Array.isArray(values) ? values : values === undefined ? [] : [values]).some((v) => {
    const type = (v as { type?: unknown } | null)?.type;
    return (Array.isArray(type) ? type : [type]).some((t) => typeof t === "string" && t.startsWith("1EdTech"));
  });

export function buildCredential(input: {
  id: string;
  issuer: object;
  achievement: object;
  recipient: { email: string; salt: string; id?: string; name?: string };
  validFrom: Date;
  validUntil?: Date;
  awardedDate?: Date;
  evidence?: Array<{ id?: string; narrative?: string; name?: string; description?: string }>;
  results?: object[];
  narrative?: string;
  name?: string;
  description?: string;
  image?: { id: string; type?: "Image"; caption?: string };
  credentialStatus?: object | object[];
  credentialSchema?: object[];
}): OpenBadgeCredential {
  if (input.validUntil && input.validUntil.getTime() <= input.validFrom.getTime()) {
    throw new Error("validUntil must be after validFrom");
  }
  const achievement = embedded(input.achievement);
  if (achievement.creator && typeof achievement.creator === "object") achievement.creator = embeddedProfile(achievement.creator);
  const name = input.name ?? (achievement.name as string | undefined);
  if (!name) throw new Error("A credential needs a name (or an achievement with one)");

  const credentialSchema = (input.credentialSchema ?? [
    { id: ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, type: JSON_SCHEMA_VALIDATOR_TYPE },
  ]) as CredentialSchemaRef[];
  // The schema wants one CredentialStatus object; VC 2.0 also allows a list.
  const credentialStatus = Array.isArray(input.credentialStatus)
    ? input.credentialStatus.length === 1
      ? (input.credentialStatus[0] as Record<string, unknown>)
      : (input.credentialStatus as Array<Record<string, unknown>>)
    : (input.credentialStatus as Record<string, unknown> | undefined);

  // 1EdTech's own types (1EdTechJsonSchemaValidator2019, 1EdTechRevocationList, …) are only
  // defined by extensions.json; without it they would be relative IRIs and fail JSON-LD.
  const context: JsonLdContext =
    usesExtensionType(credentialSchema) || usesExtensionType(credentialStatus) ? [VC_V2, OB_V3, OB_V3_EXTENSIONS] : [VC_V2, OB_V3];

  const subject: AchievementSubject = compact({
    id: input.recipient.id,
    type: ["AchievementSubject"],
    name: input.recipient.name,
    identifier: [
      {
        type: "IdentityObject" as const,
        identityHash: hashIdentity(input.recipient.email, input.recipient.salt),
        identityType: "emailAddress",
        hashed: true,
        salt: input.recipient.salt,
      },
    ],
    achievement,
    result: input.results?.length ? input.results.map((r) => withType(r as Record<string, unknown>, "Result")) : undefined,
    narrative: input.narrative,
  });

  return compact({
    "@context": context,
    id: input.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name,
    description: input.description,
    image: input.image ? image(input.image) : undefined,
    issuer: embeddedProfile(input.issuer),
    validFrom: isoDateTime(input.validFrom),
    validUntil: input.validUntil ? isoDateTime(input.validUntil) : undefined,
    awardedDate: input.awardedDate ? isoDateTime(input.awardedDate) : undefined,
    credentialSubject: subject,
    evidence: input.evidence?.length
      ? input.evidence.map(
          (e): Evidence =>
            compact({ id: e.id, type: ["Evidence"], name: e.name, description: e.description, narrative: e.narrative }),
        )
      : undefined,
    credentialSchema: credentialSchema.length > 0 ? credentialSchema : undefined,
    credentialStatus,
  });
}
