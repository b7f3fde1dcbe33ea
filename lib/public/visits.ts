import { credentialVisibility } from "@/lib/backpack/access";
import { recordCredentialEventLater, referrerHost, visitorFrom } from "@/lib/analytics/events";
import { log } from "@/lib/log";
import type { CredentialViewer } from "./credential-page";

/**
 * A render of the per-request credential page: a link-preview crawler is a `previewed`, a
 * signed-in person other than its learner or issuer a `viewed`; owners' own looks count for
 * nothing. (Signed-out people get the cached page, which reports its views by beacon.)
 * Never throws: recording must not fail the page.
 */
export function recordCredentialPageRender(input: { credentialId: string; organizationId: string; viewer: CredentialViewer; signedIn: boolean; headers: Headers }): void {
  try {
    if (isPrefetch(input.headers)) return;
    const { crawler, visitor, referrer, ip } = visitorFrom(input.headers);
    const base = { credentialId: input.credentialId, organizationId: input.organizationId };
    if (crawler) {
      recordCredentialEventLater({ ...base, type: "previewed", ip, data: { visitor, referrer, agent: agentName(input.headers.get("user-agent")) } });
    } else if (input.signedIn && input.viewer === "visitor") {
      recordCredentialEventLater({ ...base, type: "viewed", ip, data: { visitor, referrer } });
    }
  } catch (error) {
    log.warn({ err: error, credentialId: input.credentialId }, "could not record a credential page view");
  }
}

/**
 * A link-preview crawler fetching a public credential's share card (its og:image): the preview,
 * recorded without rendering the page per request (crawlers get the cached page like everyone).
 * People's fetches of the card are not visits. Never throws.
 */
export function recordCardPreview(credentialId: string, request: Request): void {
  try {
    const { crawler, visitor, referrer, ip } = visitorFrom(request.headers);
    if (!crawler || isPrefetch(request.headers)) return;
    recordCredentialEventLater({ credentialId, type: "previewed", ip, data: { visitor, referrer, agent: agentName(request.headers.get("user-agent")) } });
  } catch (error) {
    log.warn({ err: error, credentialId }, "could not record a link preview");
  }
}

/** A link prefetched by the router or the browser is not a visit (yet). */
function isPrefetch(headers: Headers): boolean {
  return headers.has("next-router-prefetch") || /prefetch/i.test(headers.get("sec-purpose") ?? headers.get("purpose") ?? "");
}

/** The crawler's product name ("LinkedInBot", "Twitterbot"…), to tell previews apart by site. */
function agentName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const known = userAgent.match(/(LinkedInBot|Twitterbot|facebookexternalhit|Facebot|Slackbot|Slack-ImgProxy|Discordbot|WhatsApp|TelegramBot|Googlebot|bingbot|Applebot|Pinterestbot|Embedly|redditbot|SkypeUriPreview|Iframely|Mastodon)/i);
  return (known?.[1] ?? userAgent.split(/[\s/;(]/)[0] ?? "").slice(0, 60) || null;
}

const MAX_BEACON_BYTES = 2048;

/**
 * The cached page's beacon (POST /c/{id}/view, sent once by people's browsers; crawlers run no
 * script). The body may carry `{"referrer": document.referrer}` (the request's own Referer is the
 * credential page itself) and `{"bot": true}`. Only public credentials count.
 */
export async function recordBeaconView(credentialId: string, request: Request): Promise<void> {
  try {
    const visit = visitorFrom(request.headers);
    if (visit.crawler) return;
    const body = await beaconBody(request);
    if (body.bot === true) return;
    if ((await credentialVisibility(credentialId)) !== "public") return;
    const referrer = typeof body.referrer === "string" ? referrerHost(body.referrer) : null;
    recordCredentialEventLater({ credentialId, type: "viewed", ip: visit.ip, data: { visitor: visit.visitor, referrer } });
  } catch (error) {
    log.warn({ err: error, credentialId }, "could not record a credential view");
  }
}

async function beaconBody(request: Request): Promise<Record<string, unknown>> {
  const text = (await request.text()).slice(0, MAX_BEACON_BYTES);
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
