import type { Role } from "@/lib/db/generated/enums.ts";

export type { Role };
export const ROLES: readonly Role[] = ["owner", "admin", "issuer", "viewer"];

/** Each role can do everything the roles below it can. */
const RANK: Record<Role, number> = { viewer: 0, issuer: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** What each section of the workspace needs; the one table pages, actions and routes consult. */
export const REQUIRED_ROLE = {
  "org:read": "viewer",
  "org:update": "admin",
  "members:read": "viewer",
  "members:invite": "owner",
  "members:manage": "owner",
  "credentials:issue": "issuer",
  "achievements:design": "admin",
  "apiKeys:manage": "admin",
  /** Endpoints, their secrets and delivery logs (which hold learners' addresses). */
  "webhooks:manage": "admin",
  "audit:read": "admin",
  "keys:rotate": "owner",
  "analytics:read": "viewer",
  "programs:read": "viewer",
  "programs:design": "admin",
  /** Sending events by hand (CSV upload, test mode) awards credentials, as issuing does. */
  "programs:events": "issuer",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof REQUIRED_ROLE;

export function can(role: Role, permission: Permission): boolean {
  return hasRole(role, REQUIRED_ROLE[permission]);
}
