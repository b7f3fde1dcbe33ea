import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { JsonLd } from "@/components/public/json-ld";
import { ProfileView } from "@/components/public/profile-view";
import { PublicShell } from "@/components/public/public-shell";
import { profileJsonLd } from "@/lib/public/json-ld";
import { loadProfilePage } from "@/lib/public/loaders";
import { profileMetadata } from "@/lib/public/page-metadata";

// Shared by /u/{handle} and /u/{handle}/badges (which lists every credential), for signed-in
// viewers and link-preview crawlers (signed-out people get app/(cached)/…/u/[handle]).

export async function profilePageMetadata(handle: string): Promise<Metadata> {
  const profile = await loadProfilePage(handle);
  return profile ? profileMetadata(profile, await getLocale()) : {};
}

export async function renderProfilePage(handle: string, { showAll = false } = {}) {
  const profile = await loadProfilePage(handle);
  if (!profile) notFound();
  return (
    <PublicShell>
      <JsonLd data={profileJsonLd(profile)} />
      <ProfileView profile={profile} showAll={showAll} />
    </PublicShell>
  );
}
