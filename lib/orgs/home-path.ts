import "server-only";
import { listMyOrganizations } from "./queries";

/** A signed-in person's home: their first organization's dashboard, or their backpack when they belong to none. */
export async function homePathOf(userId: string): Promise<string> {
  const [first] = await listMyOrganizations(userId);
  return first ? `/dashboard/${first.organization.slug}` : "/backpack";
}

/** Where sign-in goes when nothing asked to come back somewhere: the page above picks the home. */
export const SIGNED_IN_HOME = "/home";
