import { defaultBadgeDesign, type BadgeDesign } from "@/lib/design/badge-design";
import { applyDesignTemplate, type DesignTemplate } from "@/lib/design/badge-templates";
import type { CertificateTemplate } from "@/lib/design/certificate-template";
import type { achievementDetail } from "@/lib/issuing/achievements";
import type { AchievementFormValues } from "./achievement-form";

type Detail = Awaited<ReturnType<typeof achievementDetail>>;

/**
 * The editor's starting values: a saved achievement's fields, or a blank one in brand colours;
 * with a gallery template applied to the design when one was chosen (the title on the badge kept).
 */
export function achievementFormValues(
  org: { primaryColor: string; secondaryColor: string; name: string },
  achievement?: Detail | null,
  template?: DesignTemplate,
): AchievementFormValues {
  const brand = { primaryColor: org.primaryColor, secondaryColor: org.secondaryColor };
  const saved = (achievement?.design as BadgeDesign | null) ?? defaultBadgeDesign(achievement?.name ?? "", brand);
  const design = template
    ? { ...applyDesignTemplate(template, { brand, organizationName: org.name, title: saved.title || "—", year: new Date().getFullYear() }), title: saved.title }
    : saved;
  const certificate = achievement?.certificate as CertificateTemplate | null | undefined;
  return {
    id: achievement?.id,
    name: achievement?.name ?? "",
    description: achievement?.description ?? "",
    criteriaNarrative: achievement?.criteriaNarrative ?? "",
    criteriaUrl: achievement?.criteriaUrl ?? "",
    achievementType: achievement?.achievementType ?? "Badge",
    tags: achievement?.tags.join(", ") ?? "",
    alignments: (achievement?.alignments as AchievementFormValues["alignments"] | null) ?? [],
    expiresAfterUnit: (achievement?.expiresAfterUnit as "days" | "months" | null) ?? "none",
    expiresAfterValue: achievement?.expiresAfterValue ? String(achievement.expiresAfterValue) : "",
    evidenceRequired: achievement?.evidenceRequired ?? false,
    howToEarnUrl: achievement?.howToEarnUrl ?? "",
    certificate: certificate ? { paperSize: certificate.paperSize, layout: certificate.layout ?? "classic", signers: certificate.signers } : null,
    design: { ...design, subtitle: design.subtitle ?? "", ribbonLabel: design.ribbonLabel ?? "", textColor: design.textColor ?? "" },
    // An uploaded image (or an outside image URL) is kept unless the person designs or uploads anew.
    imageSource: achievement && !achievement.design && !template ? "keep" : "design",
    currentImageSrc: achievement?.imageSrc,
  };
}
