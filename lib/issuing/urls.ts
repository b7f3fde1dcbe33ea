import { env } from "@/lib/env";

/**
 * Laurel's stable public URLs (DESIGN.md). They are printed inside signed credentials:
 * changing any of them breaks every credential already issued.
 */
const base = () => env().BASE_URL;

export const publicUrls = {
  issuer: (orgId: string) => `${base()}/o/${orgId}`,
  verificationMethod: (orgId: string, keyId: string) => `${base()}/o/${orgId}#${keyId}`,
  issuerJwks: (orgId: string) => `${base()}/o/${orgId}/jwks.json`,
  statusList: (orgId: string, listId: string) => `${base()}/o/${orgId}/status/${listId}`,
  revocationList: (orgId: string) => `${base()}/o/${orgId}/revocations`,
  credential: (credentialId: string) => `${base()}/c/${credentialId}`,
  achievement: (achievementId: string) => `${base()}/b/${achievementId}`,
  /** The badge image of one achievement version; a new version never changes an older image. */
  achievementImage: (achievementId: string, version: number, format: "png" | "svg" = "png") =>
    `${base()}/b/${achievementId}/v/${version}/image.${format}`,
  ob2Issuer: (orgId: string) => `${base()}/o/${orgId}/ob2`,
  ob2RevocationList: (orgId: string) => `${base()}/o/${orgId}/ob2/revocations`,
  ob2BadgeClass: (achievementId: string) => `${base()}/b/${achievementId}/ob2`,
  ob2Assertion: (credentialId: string) => `${base()}/c/${credentialId}/ob2`,
  jwks: () => `${base()}/.well-known/jwks.json`,
};
