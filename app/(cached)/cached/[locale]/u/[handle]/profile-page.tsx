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

// Shared by the cached /u/{handle} and /u/{handle}/badges for signed-out people (no cookies,
// headers or session here: the locale comes from the path).

export async function cachedProfileMetadata(locale: string, handle: string): Promise<Metadata> {
  const profile = isLocale(locale) ? await loadProfilePage(handle) : null;
  return profile ? profileMetadata(profile, locale) : {};
}

export async function renderCachedProfilePage(locale: string, handle: string, { showAll = false } = {}) {
  setRequestLocale(locale);
  const profile = await loadProfilePage(handle);
  if (!profile) notFound();
  return (
    <PublicShell>
      <JsonLd data={profileJsonLd(profile)} />
      <ProfileView profile={profile} showAll={showAll} />
    </PublicShell>
  );
}
