import { db } from "@/lib/db";
import { publicUrls } from "@/lib/issuing/urls";
import { render } from "@/lib/render";
import { achievementVersionImageSource, badgeSourceOf } from "./achievement-image";
import { certificateTemplateSchema } from "./certificate-template";
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
