/** What an API key may do; each route names the one scope it needs. */
export const API_SCOPES = ["achievements:read", "achievements:write", "credentials:read", "credentials:write", "analytics:read", "programs:read", "programs:write", "events:write", "webhooks:read", "webhooks:write", "sso:read", "sso:write", "lti:read", "lti:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A key with `x:write` may also read `x`: writing without reading back would be a trap. */
export function hasScope(granted: readonly string[], required: ApiScope): boolean {
  if (granted.includes(required)) return true;
  const [resource, access] = required.split(":");
  return access === "read" && granted.includes(`${resource}:write`);
}
