import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { orgPage, pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import type { BadgeDesign } from "@/lib/design/badge-design";
import { applyDesignTemplate, DESIGN_TEMPLATES } from "@/lib/design/badge-templates";
import { AppError } from "@/lib/errors";
import { achievementDetail } from "@/lib/issuing/achievements";
import { TemplateThumbnail } from "./template-thumbnail";

type Props = { params: Promise<{ org: string }>; searchParams: Promise<{ achievement?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("gallery"))("title") };
}

/** The template gallery: each template rendered in this organization's colours and name, for a new achievement or an existing one. */
export default async function TemplateGalleryPage({ params, searchParams }: Props) {
  const ctx = await orgPage((await params).org, REQUIRED_ROLE["achievements:design"]);
  const requested = (await searchParams).achievement;
  const achievement = requested
    ? await achievementDetail(ctx.org.id, pageId(requested)).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "not_found") notFound();
        throw error;
      })
    : null;
  const t = await getTranslations("gallery");
  const base = `/dashboard/${ctx.org.slug}/achievements`;
  const title = (achievement?.design as BadgeDesign | null)?.title ?? achievement?.name ?? t("sampleTitle");
  const context = { brand: { primaryColor: ctx.org.primaryColor, secondaryColor: ctx.org.secondaryColor }, organizationName: ctx.org.name, title, year: new Date().getFullYear() };
  return (
    <>
      <PageHeader
        title={t("title")}
        description={achievement ? t("subtitleFor", { name: achievement.name }) : t("subtitle")}
        actions={<Link href={achievement ? `${base}/${achievement.id}/edit` : base} className={buttonClasses("ghost")}>{t("back")}</Link>}
      />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" aria-label={t("listLabel")}>
        {DESIGN_TEMPLATES.map((template) => {
          const name = t(`templates.${template.id}.name`);
          const href = achievement ? `${base}/${achievement.id}/edit?template=${template.id}` : `${base}/new?template=${template.id}`;
          return (
            <li key={template.id} data-testid="template-card" className="flex min-w-0 flex-col rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
              <TemplateThumbnail org={ctx.org.slug} design={applyDesignTemplate(template, context)} alt={t("previewAlt", { name })} />
              <h2 className="mt-3 font-semibold text-stone-900">{name}</h2>
              <p className="mt-1 flex-1 text-sm text-stone-700">{t(`templates.${template.id}.description`)}</p>
              <p className="mt-2 text-xs text-stone-600">{template.palette === "brand" ? t("brandPalette") : t("ownPalette")}</p>
              <Link href={href} className={buttonClasses("secondary", "mt-3 justify-center")}>
                {/* One inline run, so the link's name reads "Use this template: <name>". */}
                <span>
                  {t("use")}
                  <span className="sr-only">: {name}</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
