import { env } from "@/lib/env";

/**
 * Laurel's side of single sign-on, at stable URLs an identity provider's admin registers once:
 * the OpenID Connect redirect URI, the SAML Assertion Consumer Service, and the service
 * provider's metadata, whose URL is also its entity id (the audience assertions must name).
 */
export const ssoPaths = {
  start: "/sso/start",
  oidcCallback: (orgId: string) => `/sso/${encodeURIComponent(orgId)}/oidc/callback`,
  samlAcs: (orgId: string) => `/sso/${encodeURIComponent(orgId)}/saml/acs`,
  samlMetadata: (orgId: string) => `/sso/${encodeURIComponent(orgId)}/saml/metadata`,
  /** Where a finished sign-in becomes a session (and where a refused one is explained). */
  finish: "/sign-in/sso",
} as const;

export function ssoUrls(orgId: string) {
  const base = env().BASE_URL;
  return {
    callbackUrl: `${base}${ssoPaths.oidcCallback(orgId)}`,
    acsUrl: `${base}${ssoPaths.samlAcs(orgId)}`,
    entityId: `${base}${ssoPaths.samlMetadata(orgId)}`,
    metadataUrl: `${base}${ssoPaths.samlMetadata(orgId)}`,
  };
}

/** Where a person at one of the organization's domains starts: the sign-in page sends them on. */
export function ssoSignInUrl(email?: string): string {
  return `${env().BASE_URL}/sign-in${email ? `?email=${encodeURIComponent(email)}` : ""}`;
}
