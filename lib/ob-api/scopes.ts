/**
 * The Open Badges 3.0 API's OAuth scopes (1EdTech's URIs) and the words a learner reads for
 * each on the consent page and in their connected apps. Client-safe: no server imports.
 */
const PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";

export const OB_SCOPES = {
  credentialRead: `${PREFIX}credential.readonly`,
  credentialUpsert: `${PREFIX}credential.upsert`,
  profileRead: `${PREFIX}profile.readonly`,
  profileUpdate: `${PREFIX}profile.update`,
} as const;
export type ObScope = (typeof OB_SCOPES)[keyof typeof OB_SCOPES];
export const ALL_OB_SCOPES: readonly ObScope[] = Object.values(OB_SCOPES);

export const SCOPE_DESCRIPTIONS: Record<ObScope, string> = {
  [OB_SCOPES.credentialRead]: "Permission to read AchievementCredentials for the authenticated entity.",
  [OB_SCOPES.credentialUpsert]: "Permission to create or update AchievementCredentials for the authenticated entity.",
  [OB_SCOPES.profileRead]: "Permission to read the profile for the authenticated entity.",
  [OB_SCOPES.profileUpdate]: "Permission to update the profile for the authenticated entity.",
};

/** The message key (under `oauth.scopes`) of a scope's plain words. */
export function scopeMessageKey(scope: ObScope): "credentialRead" | "credentialUpsert" | "profileRead" | "profileUpdate" {
  const entry = Object.entries(OB_SCOPES).find(([, value]) => value === scope);
  return entry![0] as keyof typeof OB_SCOPES;
}

export function isObScope(value: string): value is ObScope {
  return (ALL_OB_SCOPES as readonly string[]).includes(value);
}

/**
 * A space-separated scope parameter as known scopes, deduplicated in the canonical order; null
 * when it names one Laurel does not know (the caller answers `invalid_scope`).
 */
export function parseScopeParameter(value: string): ObScope[] | null {
  const requested = value.split(" ").filter(Boolean);
  if (!requested.every(isObScope)) return null;
  return ALL_OB_SCOPES.filter((scope) => requested.includes(scope));
}
