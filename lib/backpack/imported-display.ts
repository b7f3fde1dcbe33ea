/**
 * What a backpack shows of a credential imported from elsewhere, read out of the verified
 * credential (OB 3.0) or assertion with its BadgeClass and Issuer (OB 2.0). Everything here
 * came from someone else: text is kept as text (pages render it escaped), links only when
 * they are https, images only as data URLs of image types or https URLs.
 */
import { drawableWithinBudget } from "@/lib/images/intake";
import { asArray, isObject, type Json } from "@/lib/ob/verify/result";
import { cleanText, truncateText } from "@/lib/text";

export type ImportedDisplay = {
  name: string;
  description: string | null;
  issuerName: string | null;
  issuerUrl: string | null;
  image: string | null;
  criteria: string | null;
  skills: string[];
  alignments: { targetName: string; targetUrl: string | null; targetFramework: string | null; targetCode: string | null }[];
  evidence: { id: string | null; name: string | null; narrative: string | null; description: string | null }[];
  issuedOn: Date | null;
  expiresAt: Date | null;
};

const MAX_TEXT = 5000;
/** A stored image bigger than this is dropped rather than bloating every page that lists it. */
export const MAX_IMAGE_DATA_URL = 1_500_000;

const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)(;charset=[\w-]+)?;base64,[A-Za-z0-9+/]+=*$/;

function text(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== "string") return null;
  const trimmed = cleanText(value).trim();
  return trimmed ? truncateText(trimmed, max, { ellipsis: "" }) : null;
}

/** A link worth showing: an https URL (never javascript:, data: or a local http address). */
export function safeHttpsUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * A displayable image: a base64 data URL of an image that passes the image intake (its real
 * type, the pixel budget, the SVG policy), or an https URL.
 */
export function safeImage(value: unknown): string | null {
  const source = typeof value === "string" ? value : isObject(value) ? value.id : undefined;
  if (typeof source !== "string") return null;
  if (source.startsWith("data:")) {
    if (source.length > MAX_IMAGE_DATA_URL || !DATA_IMAGE.test(source)) return null;
    return drawableWithinBudget(source) ? source : null;
  }
  return safeHttpsUrl(source);
}

function date(value: unknown): Date | null {
  if (typeof value === "number") return new Date(value * 1000);
  if (typeof value !== "string") return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function alignmentsOf(value: unknown): ImportedDisplay["alignments"] {
  return asArray(value)
    .filter(isObject)
    .map((alignment) => ({
      targetName: text(alignment.targetName, 300) ?? "",
      targetUrl: safeHttpsUrl(alignment.targetUrl),
      targetFramework: text(alignment.targetFramework, 300),
      targetCode: text(alignment.targetCode, 300),
    }))
    .filter((alignment) => alignment.targetName)
    .slice(0, 50);
}

function evidenceOf(value: unknown): ImportedDisplay["evidence"] {
  return asArray(value)
    .map((item) => (typeof item === "string" ? { id: item } : item))
    .filter(isObject)
    .map((item) => ({ id: safeHttpsUrl(item.id), name: text(item.name, 300), narrative: text(item.narrative), description: text(item.description) }))
    .filter((item) => item.id || item.name || item.narrative || item.description)
    .slice(0, 50);
}

function skillsOf(tags: unknown, alignments: ImportedDisplay["alignments"]): string[] {
  const names = [...asArray(tags).map((tag) => text(tag, 100)), ...alignments.map((alignment) => truncateText(alignment.targetName, 100, { ellipsis: "" }))];
  return [...new Set(names.filter((name): name is string => Boolean(name)))].slice(0, 50);
}

function criteriaOf(value: unknown): string | null {
  if (typeof value === "string") return safeHttpsUrl(value);
  if (!isObject(value)) return null;
  return text(value.narrative) ?? safeHttpsUrl(value.id);
}

function issuerFields(issuer: unknown): { issuerName: string | null; issuerUrl: string | null } {
  if (typeof issuer === "string") return { issuerName: null, issuerUrl: safeHttpsUrl(issuer) };
  if (!isObject(issuer)) return { issuerName: null, issuerUrl: null };
  return { issuerName: text(issuer.name, 300), issuerUrl: safeHttpsUrl(issuer.url) ?? safeHttpsUrl(issuer.id) };
}

/** An OB 3.0 credential (JSON-LD or the credential inside a VC-JWT). */
export function ob3Display(credential: Json): ImportedDisplay {
  const subject = asArray(credential.credentialSubject).find(isObject) ?? {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const alignments = alignmentsOf(achievement.alignment);
  return {
    name: text(achievement.name, 300) ?? text(credential.name, 300) ?? "Open Badge",
    description: text(achievement.description) ?? text(credential.description),
    ...issuerFields(credential.issuer),
    image: safeImage(achievement.image) ?? safeImage(credential.image),
    criteria: criteriaOf(achievement.criteria),
    skills: skillsOf(achievement.tag, alignments),
    alignments,
    evidence: evidenceOf(credential.evidence),
    issuedOn: date(credential.validFrom) ?? date(credential.issuanceDate) ?? date(credential.awardedDate),
    expiresAt: date(credential.validUntil) ?? date(credential.expirationDate),
  };
}

/** An OB 2.0 assertion with its BadgeClass and the BadgeClass's Issuer (each already resolved, when they could be). */
export function ob2Display(assertion: Json, badgeClass: Json | null, issuer: Json | null): ImportedDisplay {
  const badge = badgeClass ?? {};
  const alignments = alignmentsOf(badge.alignment);
  return {
    name: text(badge.name, 300) ?? "Open Badge",
    description: text(badge.description),
    ...issuerFields(issuer ?? badge.issuer),
    image: safeImage(assertion.image) ?? safeImage(badge.image),
    criteria: criteriaOf(badge.criteria),
    skills: skillsOf(badge.tags, alignments),
    alignments,
    evidence: evidenceOf(assertion.evidence),
    issuedOn: date(assertion.issuedOn),
    expiresAt: date(assertion.expires),
  };
}
