import { db } from "@/lib/db";
import { formatStoredDate, isReadableDate } from "@/lib/dates";
import { publicUrls } from "@/lib/issuing/urls";
import { achievementVersionImage } from "./achievement-image";
import { renderCertificatePdf, type CertificateContent } from "./certificate-pdf";
import { renderCertificatePng } from "./certificate-png";
import { certificateTemplateSchema, type CertificateTemplate } from "./certificate-template";

export type CertificateWording = {
  labels: CertificateContent["labels"];
  formatDate: (date: Date) => string;
  /** Shown when the issuer recorded no name for the learner. */
  unnamedLearner: string;
};

/** The certificate layout of the achievement version a credential was issued under, if it has one. */
async function certificateOfVersion(achievementId: string, version: number, current: { version: number; certificate: unknown }): Promise<CertificateTemplate | null> {
  let raw = current.certificate;
  if (version !== current.version) {
    const row = await db.achievementVersion.findUnique({ where: { achievementId_version: { achievementId, version } }, select: { snapshot: true } });
    raw = (row?.snapshot as { certificate?: unknown } | undefined)?.certificate ?? null;
  }
  const parsed = certificateTemplateSchema.safeParse(raw);
  return raw && parsed.success ? parsed.data : null;
}

/** What a credential's certificate shows, or null when there is no such credential or no certificate. */
async function credentialCertificateContent(credentialId: string, wording: CertificateWording): Promise<CertificateContent | null> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: {
      id: true,
      recipientName: true,
      validFrom: true,
      validUntil: true,
      achievementVersion: true,
      document: true,
      achievement: { select: { id: true, version: true, certificate: true, achievementType: true, name: true } },
      organization: { select: { name: true, logo: true, primaryColor: true, secondaryColor: true } },
    },
  });
  if (!credential) return null;
  const template = await certificateOfVersion(credential.achievement.id, credential.achievementVersion, credential.achievement);
  if (!template) return null;
  // The achievement's name as signed into this credential, not as it reads today.
  const signed = (credential.document as { credentialSubject?: { achievement?: { name?: unknown } } }).credentialSubject?.achievement?.name;
  const badge = await achievementVersionImage(credential.achievement.id, credential.achievementVersion, "png");
  return {
    template,
    org: credential.organization,
    learnerName: credential.recipientName ?? wording.unnamedLearner,
    achievementName: typeof signed === "string" ? signed : credential.achievement.name,
    achievementType: credential.achievement.achievementType,
    badgePng: badge instanceof Uint8Array ? badge : null,
    issuedOn: formatStoredDate(credential.validFrom, wording.formatDate),
    validUntil: isReadableDate(credential.validUntil) ? wording.formatDate(credential.validUntil) : null,
    verifyUrl: publicUrls.credential(credential.id),
    labels: wording.labels,
  };
}

/** A credential's PDF certificate, or null when there is no such credential or no certificate. */
export async function credentialCertificatePdf(credentialId: string, wording: CertificateWording): Promise<Uint8Array | null> {
  const content = await credentialCertificateContent(credentialId, wording);
  return content ? renderCertificatePdf(content) : null;
}

/** The same certificate as a PNG preview; null in the same cases as the PDF. */
export async function credentialCertificatePng(credentialId: string, wording: CertificateWording): Promise<Uint8Array | null> {
  const content = await credentialCertificateContent(credentialId, wording);
  return content ? renderCertificatePng(content) : null;
}
