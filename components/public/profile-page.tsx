import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { JsonLd } from "@/components/public/json-ld";
import { ProfileView } from "@/components/public/profile-view";
import { PublicShell } from "@/components/public/public-shell";
import { profileJsonLd } from "@/lib/public/json-ld";
import { publicProgressOf } from "@/lib/programs/my-progress";
import { loadProfilePage } from "@/lib/public/loaders";

/**
 * A learner's public profile page (`showAll`: every public credential, as on /u/{handle}/badges),
 * or the 404 page. Reads no cookies, headers or session unless `personal` (the per-request page,
 * whose header carries the viewer's menu): the cached pages render it too.
 */
export async function renderProfilePage(handle: string, { showAll = false, personal = false } = {}) {
  const profile = await loadProfilePage(handle);
  if (!profile) notFound();
  const progress = await publicProgressOf(profile, await getLocale());
  return (
    <PublicShell personal={personal}>
      <JsonLd data={profileJsonLd(profile)} />
      <ProfileView profile={profile} showAll={showAll} progress={progress} />
    </PublicShell>
  );
}
