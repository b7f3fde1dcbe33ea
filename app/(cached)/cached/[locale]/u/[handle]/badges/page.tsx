import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { JsonLd } from "@/components/public/json-ld";
import { ProfileView } from "@/components/public/profile-view";
import { PublicShell } from "@/components/public/public-shell";
import { isLocale } from "@/lib/i18n/config";
import { profileJsonLd } from "@/lib/public/json-ld";
import { loadProfilePage } from "@/lib/public/loaders";
import { profileMetadata } from "@/lib/public/page-metadata";

// /u/{handle}/badges (every public credential) for signed-out people, rendered once per locale and minute (no cookies, headers or session).
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; handle: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, handle } = await params;
  const profile = isLocale(locale) ? await loadProfilePage(handle) : null;
  return profile ? profileMetadata(profile, locale) : {};
}

export default async function CachedAllProfileBadgesPage({ params }: Props) {
  const { locale, handle } = await params;
  setRequestLocale(locale);
  const profile = await loadProfilePage(handle);
  if (!profile) notFound();
  return (
    <PublicShell>
      <JsonLd data={profileJsonLd(profile)} />
      <ProfileView profile={profile} showAll />
    </PublicShell>
  );
}
