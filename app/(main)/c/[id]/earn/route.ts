import { recordCredentialEventLater, visitorFrom } from "@/lib/analytics/events";
import { publicRoute } from "@/lib/http/public-route";
import { earnTarget } from "@/lib/sharing/earn-target";

/** "Earn this badge": counts the visitor's interest for the issuer, then sends them to earn it. */
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, credential: "id", cache: "none" }, async (request, { params: { id } }) => {
  const target = await earnTarget(id);
  if (!target) return null;
  const { crawler, visitor, referrer, ip } = visitorFrom(request.headers);
  if (!crawler) {
    recordCredentialEventLater({ credentialId: id, organizationId: target.organizationId, type: "cta_clicked", ip, data: { visitor, referrer } });
  }
  return new Response(null, { status: 302, headers: { Location: target.destination } });
});
