import { notFound } from "next/navigation";
import { recordCredentialEventLater, visitorFrom } from "@/lib/analytics/events";
import { publicUrls } from "@/lib/issuing/urls";
import { findShareLink } from "@/lib/sharing/share-links";

type Params = { params: Promise<{ code: string }> };

/**
 * A tracked share link: one lookup, then straight to the credential's page. The click (or a
 * link-preview crawler's visit) is written after the response, so the redirect never waits.
 * No query string on the way out: every share lands on the one cached page.
 */
export async function GET(request: Request, { params }: Params) {
  const link = await findShareLink((await params).code);
  if (!link) notFound();
  const { crawler, visitor, referrer } = visitorFrom(request.headers);
  recordCredentialEventLater({
    credentialId: link.credentialId,
    organizationId: link.credential.organizationId,
    type: crawler ? "previewed" : "clicked",
    channel: link.channel,
    data: { visitor, referrer },
  });
  return new Response(null, { status: 302, headers: { Location: publicUrls.credential(link.credentialId), "Cache-Control": "private, no-store" } });
}
