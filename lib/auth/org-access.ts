import { billingSelect, type OrgBilling } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hasRole, type Role } from "./roles";

export type OrgAccess = {
  /** With its billing fields, so the plan's limits need no second query (lib/billing). */
  org: OrgBilling & {
    id: string;
    name: string;
    slug: string;
    logo: string | null;
    primaryColor: string;
    secondaryColor: string;
    website: string | null;
    description: string | null;
    linkedinOrganizationId: string | null;
  };
  role: Role;
  membershipId: string;
};

const SLUG_SHAPE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Resolves a person's access to an organization by its slug. Someone who is not a member gets
 * `not_found`, exactly as if the organization did not exist, so slugs of other tenants leak
 * nothing; a member without the needed role gets `forbidden`.
 */
export async function resolveOrgAccess(userId: string, orgSlug: string, required: Role): Promise<OrgAccess> {
  // A slug from a URL is checked for shape before the query: `%00` or a stray escape is "not found".
  if (!SLUG_SHAPE.test(orgSlug)) throw new AppError("not_found", "Organization not found");
  const membership = await db.membership.findFirst({
    where: { userId, organization: { slug: orgSlug } },
    select: {
      id: true,
      role: true,
      organization: {
        select: {
          ...billingSelect,
          name: true,
          slug: true,
          logo: true,
          primaryColor: true,
          secondaryColor: true,
          website: true,
          description: true,
          linkedinOrganizationId: true,
        },
      },
    },
  });
  if (!membership) throw new AppError("not_found", "Organization not found");
  if (!hasRole(membership.role, required)) {
    throw new AppError("forbidden", `This needs the ${required} role or higher`, undefined, { role: required });
  }
  return { org: membership.organization, role: membership.role, membershipId: membership.id };
}
