import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { orgPage } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { findDesignTemplate } from "@/lib/design/badge-templates";
import { iconLibrary } from "@/lib/design/icons";
import { ACHIEVEMENT_TYPES } from "@/lib/issuing/schemas";
import { AchievementForm } from "../achievement-form";
import { achievementFormValues } from "../form-values";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("achievements"))("newTitle") };
}

type Props = { params: Promise<{ org: string }>; searchParams: Promise<{ template?: string }> };

export default async function NewAchievementPage({ params, searchParams }: Props) {
  const ctx = await orgPage((await params).org, REQUIRED_ROLE["achievements:design"]);
  const template = findDesignTemplate((await searchParams).template);
  const [t, tGallery] = await Promise.all([getTranslations("achievements"), getTranslations("gallery")]);
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} />
      {template && <Alert tone="success" className="mb-6">{tGallery("applied", { name: tGallery(`templates.${template.id}.name`) })}</Alert>}
      <AchievementForm
        org={ctx.org.slug}
        brand={{ primaryColor: ctx.org.primaryColor, secondaryColor: ctx.org.secondaryColor }}
        icons={iconLibrary()}
        types={ACHIEVEMENT_TYPES.map((type) => ({ value: type, label: type.replace(/([a-z])([A-Z])/g, "$1 $2") }))}
        values={achievementFormValues(ctx.org, null, template)}
        galleryHref={`/dashboard/${ctx.org.slug}/achievements/templates`}
      />
    </>
  );
}
