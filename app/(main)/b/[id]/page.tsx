import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { AchievementView } from "@/components/public/achievement-view";
import { JsonLd } from "@/components/public/json-ld";
import { PublicShell } from "@/components/public/public-shell";
import { achievementJsonLd } from "@/lib/public/json-ld";
import { loadAchievementPage } from "@/lib/public/loaders";
import { achievementMetadata } from "@/lib/public/page-metadata";

// Signed-in viewers (signed-out people and crawlers get app/(cached)/…/b/[id]).
type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const achievement = await loadAchievementPage((await params).id);
  return achievement ? achievementMetadata(achievement, await getLocale()) : {};
}

export default async function AchievementPage({ params }: Props) {
  const achievement = await loadAchievementPage((await params).id);
  if (!achievement) notFound();
  return (
    <PublicShell accent={achievement.organization.primaryColor} personal>
      <JsonLd data={achievementJsonLd(achievement)} />
      <AchievementView achievement={achievement} />
    </PublicShell>
  );
}
