import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { orgPage, pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { findDesignTemplate } from "@/lib/design/badge-templates";
import { iconLibrary } from "@/lib/design/icons";
import { AppError } from "@/lib/errors";
import { achievementDetail } from "@/lib/issuing/achievements";
import { ACHIEVEMENT_TYPES } from "@/lib/issuing/schemas";
import { AchievementForm } from "../../achievement-form";
import { achievementFormValues } from "../../form-values";

type Props = { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ template?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("achievements"))("editTitle") };
}

export default async function EditAchievementPage({ params, searchParams }: Props) {
  const { org, id } = await params;
  const ctx = await orgPage(org, REQUIRED_ROLE["achievements:design"]);
  const achievement = await achievementDetail(ctx.org.id, pageId(id)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const template = findDesignTemplate((await searchParams).template);
  const [t, tGallery] = await Promise.all([getTranslations("achievements"), getTranslations("gallery")]);
  return (
    <>
      <PageHeader title={t("editTitle")} description={achievement.name} />
      {template && <Alert tone="success" className="mb-6">{tGallery("applied", { name: tGallery(`templates.${template.id}.name`) })}</Alert>}
      <Alert tone="info" className="mb-6">{t("editVersionNote", { next: achievement.version + 1, count: achievement.credentialCount })}</Alert>
      <AchievementForm
        org={ctx.org.slug}
        brand={{ primaryColor: ctx.org.primaryColor, secondaryColor: ctx.org.secondaryColor }}
        icons={iconLibrary()}
        types={ACHIEVEMENT_TYPES.map((type) => ({ value: type, label: type.replace(/([a-z])([A-Z])/g, "$1 $2") }))}
        values={achievementFormValues(ctx.org, achievement, template)}
        galleryHref={`/dashboard/${ctx.org.slug}/achievements/templates?achievement=${achievement.id}`}
      />
    </>
  );
}
