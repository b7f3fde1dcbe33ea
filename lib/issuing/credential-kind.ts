/**
 * What learners and visitors read a credential as: a certificate when its achievement's OB type
 * is one (Certificate, Certification, …), a badge otherwise. Pure, for pages, cards and emails.
 */
export type CredentialKind = "badge" | "certificate";

const CERTIFICATE_TYPES = new Set([
  "Certificate",
  "CertificateOfCompletion",
  "Certification",
  "ApprenticeshipCertificate",
  "JourneymanCertificate",
  "MasterCertificate",
]);

export function credentialKind(achievementType: string | null | undefined): CredentialKind {
  return achievementType && CERTIFICATE_TYPES.has(achievementType) ? "certificate" : "badge";
}

/** The message key for this kind: `key` for a badge, `keyCertificate` for a certificate. */
export const kindKey = <K extends string>(key: K, kind: CredentialKind): K | `${K}Certificate` => (kind === "certificate" ? `${key}Certificate` : key);
