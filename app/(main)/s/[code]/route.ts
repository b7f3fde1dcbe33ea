import { recordCredentialEventLater, visitorFrom } from "@/lib/analytics/events";
import { publicRoute } from "@/lib/http/public-route";
import { publicUrls } from "@/lib/issuing/urls";
import { findShareLink } from "@/lib/sharing/share-links";

/**
 * A tracked share link: one lookup, then straight to the credential's page. The click (or a
 * link-preview crawler's visit) is written after the response, so the redirect never waits.
 * No query string on the way out: every share lands on the one cached page.
 */
export const GET = publicRoute<{ code: string }>({ params: { code: "code" }, cache: "none" }, async (request, { params }) => {
  const link = await findShareLink(params.code);
  if (!link) return null;
  const { crawler, visitor, referrer, ip } = visitorFrom(request.headers);
  recordCredentialEventLater({
    credentialId: link.credentialId,
    organizationId: link.credential.organizationId,
    type: crawler ? "previewed" : "clicked",
    channel: link.channel,
    ip,
    data: { visitor, referrer },
  });
  return new Response(null, { status: 302, headers: { Location: publicUrls.credential(link.credentialId) } });
});
