import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { JsonLd } from "@/components/public/json-ld";
import { ProfileView } from "@/components/public/profile-view";
import { PublicShell } from "@/components/public/public-shell";
import { profileJsonLd } from "@/lib/public/json-ld";
import { loadProfilePage } from "@/lib/public/loaders";
import { profileMetadata } from "@/lib/public/page-metadata";

// /u/{handle}/badges: every public credential of a profile, for signed-in viewers and crawlers
// (signed-out people get app/(cached)/…/u/[handle]/badges).
type Props = { params: Promise<{ handle: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await loadProfilePage((await params).handle);
  return profile ? profileMetadata(profile, await getLocale()) : {};
}

export default async function AllProfileBadgesPage({ params }: Props) {
  const profile = await loadProfilePage((await params).handle);
  if (!profile) notFound();
  return (
    <PublicShell>
      <JsonLd data={profileJsonLd(profile)} />
      <ProfileView profile={profile} showAll />
    </PublicShell>
  );
}
