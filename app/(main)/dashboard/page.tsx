import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listMyOrganizations } from "@/lib/orgs/queries";

/** Sends people to their first organization, or to create one. */
export default async function DashboardIndex() {
  const user = await requireUser("/dashboard");
  const memberships = await listMyOrganizations(user.id);
  redirect(memberships[0] ? `/dashboard/${memberships[0].organization.slug}` : "/dashboard/new");
}
