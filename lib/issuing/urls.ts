import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";

/**
 * Laurel's stable public URLs, absolute, built from the one URL table (lib/http/url-contract.ts).
 * They are printed inside signed credentials: changing any of them breaks every credential
 * already issued.
 */
const url = (...args: Parameters<typeof publicPath>) => `${env().BASE_URL}${publicPath(...args)}`;

export const publicUrls = {
  issuer: (orgId: string) => url("issuer", { orgId }),
  /** A key of the issuer's, as a fragment of its profile (the profile lists its keys): the JWT kid. */
  verificationMethod: (orgId: string, keyId: string) => `${url("issuer", { orgId })}#${keyId}`,
  /** The key document itself (a Multikey controlled by the issuer): the Data Integrity verificationMethod. */
  issuerKey: (orgId: string, keyId: string) => url("issuerKey", { orgId, keyId }),
  issuerJwks: (orgId: string) => url("issuerJwks", { orgId }),
  statusList: (orgId: string, listId: string) => url("statusList", { orgId, listId }),
  revocationList: (orgId: string) => url("revocationList", { orgId }),
  credential: (credentialId: string) => url("credential", { id: credentialId }),
  achievement: (achievementId: string) => url("achievement", { id: achievementId }),
  /** The badge image of one achievement version; a new version never changes an older image. */
  achievementImage: (achievementId: string, version: number, format: "png" | "svg" = "png") =>
    url(format === "svg" ? "achievementImageSvg" : "achievementImagePng", { id: achievementId, version }),
  ob2Issuer: (orgId: string) => url("ob2Issuer", { orgId }),
  ob2RevocationList: (orgId: string) => url("ob2RevocationList", { orgId }),
  ob2BadgeClass: (achievementId: string) => url("ob2BadgeClass", { id: achievementId }),
  ob2Assertion: (credentialId: string) => url("ob2Assertion", { id: credentialId }),
  jwks: () => url("jwks"),
};
