import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/public/public-shell";
import { buttonClasses } from "@/components/ui/button";
import { criteriaHtml } from "@/lib/design/criteria-markdown";
import { badgeImageSrc } from "@/lib/issuing/achievements";
import { achievementPageData } from "@/lib/issuing/public-views";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const achievement = await achievementPageData((await params).id);
  return achievement ? { title: achievement.name, description: achievement.description } : {};
}

export default async function AchievementPage({ params }: Props) {
  const achievement = await achievementPageData((await params).id);
  if (!achievement) notFound();
  const t = await getTranslations("publicAchievement");
  return (
    <PublicShell>
      <article className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">
        {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutable badge image */}
        <img src={badgeImageSrc(achievement)} alt="" width={160} height={160} className="mb-4 h-40 w-40" />
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{achievement.achievementType}</p>
        <h1 className="mt-1 text-3xl font-bold text-stone-900">{achievement.name}</h1>
        <p className="mt-2 text-stone-700">
          {t("issuedBy")} <Link href={`/o/${achievement.organization.id}`} className="font-semibold text-brand-700 underline">{achievement.organization.name}</Link>
          {" · "}
          {t("holders", { count: achievement.holders })}
        </p>
        <p className="mt-4 text-stone-800">{achievement.description}</p>
        {(achievement.criteriaNarrative || achievement.criteriaUrl) && (
          <section className="mt-6">
            <h2 className="text-lg font-semibold text-stone-900">{t("howToEarn")}</h2>
            {achievement.criteriaNarrative && (
              <div className="mt-2 space-y-2 text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(achievement.criteriaNarrative) }} />
            )}
            {achievement.criteriaUrl && <a href={achievement.criteriaUrl} className="mt-2 inline-block text-brand-700 underline">{t("criteriaLink")}</a>}
          </section>
        )}
        {achievement.howToEarnUrl && (
          <a href={achievement.howToEarnUrl} className={buttonClasses("primary", "mt-8 px-6 py-3 text-base")}>{t("earnThis")}</a>
        )}
      </article>
    </PublicShell>
  );
}
