import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { homePathOf } from "@/lib/orgs/home-path";

/**
 * Where signing in lands without a page to return to: an organization's dashboard for its
 * members, the backpack for everyone else (learners who never issue anything).
 */
export default async function HomeRedirect() {
  const user = await requireUser("/home");
  redirect(await homePathOf(user.id));
}
