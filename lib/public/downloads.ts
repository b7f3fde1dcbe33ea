import { credentialVisibility, canViewCredential } from "@/lib/backpack/access";
import { recordCredentialEventLater, visitorFrom } from "@/lib/analytics/events";
import { getSessionUser } from "@/lib/auth/session";
import { log } from "@/lib/log";

/** The downloads of a credential, as recorded in `downloaded` events' channel. */
export type DownloadFormat = "json" | "jwt" | "png" | "svg" | "pdf" | "certificate_png" | "ob2" | "jsonld";

/**
 * Whether a credential's files may be served to this request: "public" for anyone, "private"
 * when its learner hid it and the signed-in person is the learner or a member of the issuer
 * (the answer must then not be kept by shared caches), null for a 404.
 */
export async function downloadAccess(credentialId: string): Promise<"public" | "private" | null> {
  const visibility = await credentialVisibility(credentialId);
  if (visibility !== "private") return visibility;
  // Only private credentials need the session: public files stay free of cookies.
  const viewer = await getSessionUser().catch(() => null);
  return (await canViewCredential(credentialId, viewer?.id)) ? "private" : null;
}

/** Records a successful download by a person (crawlers and verifiers' fetchers are not downloads). */
export function recordDownload(credentialId: string, format: DownloadFormat, request: Request): void {
  try {
    const { crawler, visitor, referrer, ip } = visitorFrom(request.headers);
    if (crawler) return;
    recordCredentialEventLater({ credentialId, type: "downloaded", channel: format, ip, data: { visitor, referrer } });
  } catch (error) {
    log.warn({ err: error, credentialId, format }, "could not record a download");
  }
}

/**
 * The signed credential fetched by its id (JSON-LD by content negotiation, or the OB 2.0
 * assertion): by a program, that is a verifier checking it ("verified"); by a person's browser,
 * a download.
 */
export function recordDocumentFetch(credentialId: string, format: "jsonld" | "ob2", request: Request): void {
  try {
    const { crawler, visitor, referrer, ip } = visitorFrom(request.headers);
    if (!crawler) return recordDownload(credentialId, format, request);
    const agent = (request.headers.get("user-agent") ?? "").split(/[\s/;(]/)[0]?.slice(0, 60) || null;
    recordCredentialEventLater({ credentialId, type: "verified", channel: format, ip, data: { visitor, referrer, agent } });
  } catch (error) {
    log.warn({ err: error, credentialId, format }, "could not record a verification");
  }
}
