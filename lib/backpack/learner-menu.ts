import "server-only";
import { db } from "@/lib/db";
import { listMyOrganizations } from "@/lib/orgs/queries";

export type LearnerMenu = {
  name: string;
  /** The public profile when there is one to see, or its settings to set one up. */
  profile: { href: string; isPublic: boolean };
  organizations: { slug: string; name: string }[];
};

/** What the header menu offers a signed-in person: their profile and their organizations' dashboards. */
export async function learnerMenu(userId: string): Promise<LearnerMenu | null> {
  const [user, memberships] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { name: true, email: true, handle: true, profilePublic: true } }),
    listMyOrganizations(userId),
  ]);
  if (!user) return null;
  const isPublic = Boolean(user.handle && user.profilePublic);
  return {
    name: user.name ?? user.email,
    profile: { href: isPublic ? `/u/${encodeURIComponent(user.handle!)}` : "/backpack/profile", isPublic },
    organizations: memberships.map((m) => ({ slug: m.organization.slug, name: m.organization.name })),
  };
}
