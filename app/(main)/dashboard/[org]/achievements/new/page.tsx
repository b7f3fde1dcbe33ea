import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { orgPage } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { iconLibrary } from "@/lib/design/icons";
import { ACHIEVEMENT_TYPES } from "@/lib/issuing/schemas";
import { AchievementForm } from "../achievement-form";
import { achievementFormValues } from "../form-values";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("achievements"))("newTitle") };
}

export default async function NewAchievementPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await orgPage((await params).org, REQUIRED_ROLE["achievements:design"]);
  const t = await getTranslations("achievements");
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} />
      <AchievementForm
        org={ctx.org.slug}
        brand={{ primaryColor: ctx.org.primaryColor, secondaryColor: ctx.org.secondaryColor }}
        icons={iconLibrary()}
        types={ACHIEVEMENT_TYPES.map((type) => ({ value: type, label: type.replace(/([a-z])([A-Z])/g, "$1 $2") }))}
        values={achievementFormValues(ctx.org)}
      />
    </>
  );
}
