import { cache } from "react";
import { getSessionUser } from "@/lib/auth/session";
import { achievementPageData, issuerPageData } from "@/lib/issuing/public-views";
import { whenWellFormed } from "@/lib/http/param-formats";
import { achievementEarnDestination } from "@/lib/sharing/earn-target";
import { credentialViewerOf, loadCredentialPage as loadCredentialPageData } from "./credential-page";
import { profilePageData } from "./profile";

// Each public page loads its data once per request, for its metadata and its body alike.
// A malformed id or handle (`%00`, a broken escape) is the page's 404 before any query.
export const loadCredentialPage = cache(whenWellFormed("id", loadCredentialPageData));
export const loadAchievementPage = cache(
  whenWellFormed("id", async (id: string) => {
    const achievement = await achievementPageData(id);
    if (!achievement) return null;
    const earn = await achievementEarnDestination({ ...achievement, organizationId: achievement.organization.id });
    return { ...achievement, earn };
  }),
);
export const loadIssuerPage = cache(whenWellFormed("id", issuerPageData));
export const loadProfilePage = cache(whenWellFormed("handle", (handle: string) => profilePageData(handle)));

/**
 * For the per-request credential page only (it reads the session): the credential and who is
 * looking, or null when this viewer may not see it (a private credential, a stranger).
 */
export const loadCredentialForViewer = cache(async (id: string) => {
  const credential = await loadCredentialPage(id);
  if (!credential) return null;
  const user = await getSessionUser();
  const viewer = await credentialViewerOf(credential, user?.id);
  return viewer ? { credential, viewer, signedIn: user !== null } : null;
});

export type AchievementPage = NonNullable<Awaited<ReturnType<typeof loadAchievementPage>>>;

/** For the cached pages (signed-out visitors): a private credential does not exist. */
export async function loadPublicCredential(id: string) {
  const credential = await loadCredentialPage(id);
  return credential && credential.visibility === "public" ? credential : null;
}
