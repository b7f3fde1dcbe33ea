import { notFound } from "next/navigation";
import { recordCredentialEventLater, visitorFrom } from "@/lib/analytics/events";
import { getSessionUser } from "@/lib/auth/session";
import { canViewCredential } from "@/lib/backpack/access";
import { earnTarget } from "@/lib/sharing/earn-target";

type Params = { params: Promise<{ id: string }> };

/** "Earn this badge": counts the visitor's interest for the issuer, then sends them to earn it. */
export async function GET(request: Request, { params }: Params) {
  const { id } = await params;
  const target = await earnTarget(id);
  if (!target) notFound();
  // A private credential does not exist for strangers, not even through this link.
  if (target.isPrivate && !(await canViewCredential(id, (await getSessionUser())?.id))) notFound();
  const { crawler, visitor, referrer } = visitorFrom(request.headers);
  if (!crawler) {
    recordCredentialEventLater({ credentialId: id, organizationId: target.organizationId, type: "cta_clicked", data: { visitor, referrer } });
  }
  return new Response(null, { status: 302, headers: { Location: target.destination, "Cache-Control": "private, no-store" } });
}
