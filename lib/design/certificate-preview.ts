import { z } from "zod";
import { db } from "@/lib/db";
import { idSchema } from "@/lib/ids";
import { safeText } from "@/lib/text";
import { publicUrls } from "@/lib/issuing/urls";
import { render } from "@/lib/render";
import { achievementVersionImageSource, badgeSourceOf } from "./achievement-image";
import { CERTIFICATE_LAYOUTS, certificateTemplateSchema, PAPER_SIZES } from "./certificate-template";
import type { CertificateWording } from "./credential-certificate";

/**
 * The editor's preview of an achievement's current certificate, for a sample learner issued
 * today; null when the organization has no such achievement or it offers no certificate.
 */
export async function achievementCertificatePreviewPng(
  organizationId: string,
  achievementId: string,
  wording: Omit<CertificateWording, "unnamedLearner"> & { sampleLearner: string },
  now = new Date(),
): Promise<Uint8Array | null> {
  const achievement = await db.achievement.findFirst({
    where: { id: achievementId, organizationId },
    select: {
      id: true,
      version: true,
      name: true,
      achievementType: true,
      certificate: true,
      organization: { select: { name: true, logo: true, primaryColor: true, secondaryColor: true } },
    },
  });
  const parsed = certificateTemplateSchema.safeParse(achievement?.certificate ?? null);
  if (!achievement || !achievement.certificate || !parsed.success) return null;
  const badge = badgeSourceOf(await achievementVersionImageSource(achievement.id, achievement.version));
  const job = {
    template: parsed.data,
    org: achievement.organization,
    learnerName: wording.sampleLearner,
    achievementName: achievement.name,
    achievementType: achievement.achievementType,
    badge,
    issuedOn: wording.formatDate(now),
    validUntil: null,
    // Credentials point at their own page; the preview points at the achievement's.
    verifyUrl: publicUrls.achievement(achievement.id),
    labels: wording.labels,
  };
  return render({ type: "certificate", format: "png", job });
}

/** The certificate designer's settings while they are edited (nothing saved yet). */
export const certificateDraftSchema = z.object({
  layout: z.enum(CERTIFICATE_LAYOUTS),
  paperSize: z.enum(PAPER_SIZES),
  achievementName: safeText().trim().max(200).optional(),
  /** The achievement being edited, whose badge the preview shows; none for a new one. */
  achievementId: idSchema.optional(),
  signers: z.array(z.object({ name: safeText().trim().min(1).max(100), title: safeText().trim().max(100).optional() })).max(3).default([]),
});
export type CertificateDraft = z.output<typeof certificateDraftSchema>;

/**
 * The live preview of a certificate being designed: the layout and paper as chosen, for a
 * sample learner issued today, with the achievement's current badge when it has one.
 */
export async function certificateDraftPreviewPng(
  org: { id: string; name: string; logo: string | null; primaryColor: string; secondaryColor: string },
  draft: CertificateDraft,
  wording: Omit<CertificateWording, "unnamedLearner"> & { sampleLearner: string; sampleAchievement: string },
  now = new Date(),
): Promise<Uint8Array> {
  const achievement = draft.achievementId
    ? await db.achievement.findFirst({ where: { id: draft.achievementId, organizationId: org.id }, select: { id: true, version: true, achievementType: true } })
    : null;
  const badge = achievement ? badgeSourceOf(await achievementVersionImageSource(achievement.id, achievement.version)) : null;
  const job = {
    template: { paperSize: draft.paperSize, layout: draft.layout, signers: draft.signers },
    org: { name: org.name, logo: org.logo, primaryColor: org.primaryColor, secondaryColor: org.secondaryColor },
    learnerName: wording.sampleLearner,
    achievementName: draft.achievementName || wording.sampleAchievement,
    achievementType: achievement?.achievementType ?? "Certificate",
    badge,
    issuedOn: wording.formatDate(now),
    validUntil: null,
    verifyUrl: achievement ? publicUrls.achievement(achievement.id) : publicUrls.issuer(org.id),
    labels: wording.labels,
  };
  return render({ type: "certificate", format: "png", job, width: 1000 });
}
