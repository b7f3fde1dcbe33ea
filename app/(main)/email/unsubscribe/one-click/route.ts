import { unsubscribe } from "@/lib/email/engagement/unsubscribe";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { publicRoute } from "@/lib/http/public-route";

const pageUrl = (token: string) => `${env().BASE_URL}${publicPath("emailUnsubscribe")}?t=${encodeURIComponent(token)}`;

/**
 * RFC 8058 one-click unsubscribe: a mail client posts `List-Unsubscribe=One-Click` here, with no
 * session; the signed token in the URL says who and what. The confirm page posts here too, and
 * is sent back to say it is done (or that the link is not valid).
 */
export const POST = publicRoute({ params: {}, cache: "none" }, async (request) => {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const form = await request.formData().catch(() => null);
  const fromPage = form?.get("from") === "page";
  const done = await unsubscribe(token);
  if (fromPage) return new Response(null, { status: 303, headers: { Location: pageUrl(token) } });
  if (!done) return Response.json({ error: { code: "invalid_token", message: "This unsubscribe link is not valid", details: {} } }, { status: 400 });
  return Response.json({ unsubscribed: true });
});

/** A client that only follows the header's link lands on the confirm page. */
export const GET = publicRoute({ params: {}, cache: "none" }, async (request) => {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  return new Response(null, { status: 303, headers: { Location: pageUrl(token) } });
});
