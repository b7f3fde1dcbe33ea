import { createHash } from "node:crypto";
import { fromMemory, fromTable, toMemory, toTable } from "@/lib/cards/cache";
import { db } from "@/lib/db";
import { formatStoredDate, isReadableDate } from "@/lib/dates";
import { publicUrls } from "@/lib/issuing/urls";
import { render, type CertificateJob } from "@/lib/render";
import { achievementVersionImageSource, badgeSourceOf } from "./achievement-image";
import type { CertificateContent } from "./certificate-pdf";
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

/** Bumped whenever the certificate layout changes, so every stored certificate is drawn anew. */
export const CERTIFICATE_LAYOUT_REVISION = 1;

/** What a credential's certificate shows, or null when there is no such credential or no certificate. */
async function credentialCertificateJob(credentialId: string, wording: CertificateWording): Promise<CertificateJob | null> {
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
  return {
    template,
    org: credential.organization,
    learnerName: credential.recipientName ?? wording.unnamedLearner,
    achievementName: typeof signed === "string" ? signed : credential.achievement.name,
    achievementType: credential.achievement.achievementType,
    badge: badgeSourceOf(await achievementVersionImageSource(credential.achievement.id, credential.achievementVersion)),
    issuedOn: formatStoredDate(credential.validFrom, wording.formatDate),
    validUntil: isReadableDate(credential.validUntil) ? wording.formatDate(credential.validUntil) : null,
    verifyUrl: publicUrls.credential(credential.id),
    labels: wording.labels,
  };
}

const sha = (data: string | Uint8Array) => createHash("sha256").update(data).digest("base64url").slice(0, 16);

/**
 * The version of a certificate: a hash of everything it shows (the badge by its bytes or its
 * design), so any change to the credential, the template, the organization or the wording
 * draws it anew, and nothing else does.
 */
export function certificateVersion(job: CertificateJob): string {
  const badge = job.badge ? ("png" in job.badge ? { png: sha(job.badge.png) } : { design: job.badge.design }) : null;
  return sha(JSON.stringify([CERTIFICATE_LAYOUT_REVISION, { ...job, badge }]));
}

// Renders under way, so a burst of requests for one new certificate renders it once.
const inFlight = new Map<string, Promise<Uint8Array>>();

/**
 * A credential's certificate in `format`, kept per credential version like share cards (in
 * memory and in the RenderedCard table, one row per credential, format and language) and
 * drawn by a render worker on a miss.
 */
async function cachedCertificate(credentialId: string, format: "png" | "pdf", wording: CertificateWording): Promise<Uint8Array | null> {
  const job = await credentialCertificateJob(credentialId, wording);
  if (!job) return null;
  const version = certificateVersion(job);
  const slot = `certificate.${format}:${credentialId}:${sha(JSON.stringify(job.labels))}`;
  const cached = fromMemory(slot, version);
  if (cached) return cached;
  const key = `${slot}@${version}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const stored = await fromTable(slot, version);
      if (stored) {
        toMemory(slot, version, stored);
        return stored;
      }
      const bytes = await render({ type: "certificate", format, job });
      toMemory(slot, version, bytes);
      await toTable(slot, version, bytes);
      return bytes;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** A credential's PDF certificate, or null when there is no such credential or no certificate. */
export async function credentialCertificatePdf(credentialId: string, wording: CertificateWording): Promise<Uint8Array | null> {
  return cachedCertificate(credentialId, "pdf", wording);
}

/** The same certificate as a PNG preview; null in the same cases as the PDF. */
export async function credentialCertificatePng(credentialId: string, wording: CertificateWording): Promise<Uint8Array | null> {
  return cachedCertificate(credentialId, "png", wording);
}
