import { cache } from "react";
import { getSessionUser } from "@/lib/auth/session";
import { achievementPageData, issuerPageData } from "@/lib/issuing/public-views";
import { credentialViewerOf, loadCredentialPage } from "./credential-page";
import { profilePageData } from "./profile";

// Each public page loads its data once per request, for its metadata and its body alike.
export { loadCredentialPage };
export const loadAchievementPage = cache((id: string) => achievementPageData(id));
export const loadIssuerPage = cache((orgId: string) => issuerPageData(orgId));
export const loadProfilePage = cache((handle: string) => profilePageData(handle));

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

/** For the cached pages (signed-out visitors): a private credential does not exist. */
export async function loadPublicCredential(id: string) {
  const credential = await loadCredentialPage(id);
  return credential && credential.visibility === "public" ? credential : null;
}
