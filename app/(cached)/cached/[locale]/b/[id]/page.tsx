import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { AchievementView } from "@/components/public/achievement-view";
import { JsonLd } from "@/components/public/json-ld";
import { PublicShell } from "@/components/public/public-shell";
import { isLocale } from "@/lib/i18n/config";
import { achievementJsonLd } from "@/lib/public/json-ld";
import { loadAchievementPage } from "@/lib/public/loaders";
import { achievementMetadata } from "@/lib/public/page-metadata";

// /b/{id} for signed-out people, rendered once per locale and minute (no cookies, headers or session).
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const achievement = isLocale(locale) ? await loadAchievementPage(id) : null;
  return achievement ? achievementMetadata(achievement, locale) : {};
}

export default async function CachedAchievementPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const achievement = await loadAchievementPage(id);
  if (!achievement) notFound();
  return (
    <PublicShell accent={achievement.organization.primaryColor}>
      <JsonLd data={achievementJsonLd(achievement)} />
      <AchievementView achievement={achievement} />
    </PublicShell>
  );
}
