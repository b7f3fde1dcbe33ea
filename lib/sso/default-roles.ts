/** The roles someone may get by signing in through SSO for the first time (never owner). */
export const SSO_DEFAULT_ROLES = ["viewer", "issuer", "admin"] as const;
export type SsoDefaultRole = (typeof SSO_DEFAULT_ROLES)[number];
