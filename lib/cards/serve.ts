import { canViewCredential } from "@/lib/backpack/access";
import { RateLimited } from "@/lib/http/rate-limited";
import { log } from "@/lib/log";
import { render } from "@/lib/render";
import { fromMemory, fromTable, toMemory, toTable } from "./cache";
import { cardLocale } from "./i18n";
import { loadCardModel } from "./model";
import { cardHead, type CardHead, type CardKind } from "./version";
import type { Locale } from "@/lib/i18n/config";

/**
 * A minute in a browser or at a CDN, whatever `?v=` says: the card of a credential its learner
 * hides must stop being served within minutes (the public door applies the same policy).
 */
const SHARED = "public, max-age=60, s-maxage=60, stale-while-revalidate=60";
/** A private credential's card, shown to its learner or issuer: never stored by shared caches. */
const PRIVATE = "private, no-cache";

export type CardRequestOptions = {
  /** Who is asking (the signed-in user's id); only consulted for private credentials. */
  viewerId?: () => Promise<string | null | undefined>;
  now?: Date;
  /** Called before a card is rendered (not when it comes from a cache); may throw to refuse. */
  beforeRender?: () => Promise<void>;
};

const slotOf = (head: CardHead, locale: Locale) => `${head.kind}:${head.key}:${locale}`;

/** The strong validator of one card: its content version (and language, when not English). */
const etagOf = (head: CardHead, locale: Locale) => `"${head.version}${locale === "en" ? "" : `.${locale}`}"`;

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

// Renders under way, so a burst of crawlers asking for one new card renders it once.
const inFlight = new Map<string, Promise<Uint8Array | null>>();

/**
 * The PNG of this card version: from memory, the shared table, or a fresh render (stored in
 * both). `beforeRender` is asked only when nothing holds the card (a client's render budget).
 */
export async function cardPng(head: CardHead, locale: Locale, now = new Date(), beforeRender?: () => Promise<void>): Promise<Uint8Array | null> {
  const slot = slotOf(head, locale);
  const cached = fromMemory(slot, head.version);
  if (cached) return cached;
  const key = `${slot}@${head.version}`;
  const rendering = inFlight.get(key);
  if (rendering) return rendering;
  const stored = await fromTable(slot, head.version);
  if (stored) {
    toMemory(slot, head.version, stored);
    return stored;
  }
  await beforeRender?.();
  // Another request may have started the render while this one looked in the table.
  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const model = await loadCardModel(head, now);
      if (!model) return null;
      const png = await render({ type: "card", model, locale });
      toMemory(slot, head.version, png);
      await toTable(slot, head.version, png);
      return png;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/**
 * Answers `GET /{c|u|b|o}/{id}/opengraph-image[?v=…][&lang=es]`: 404 for unknown or hidden
 * records (never a 500), 304 when the client holds this version, else the PNG with a strong
 * ETag, kept a minute by browsers and shared caches.
 */
export async function serveCard(kind: CardKind, id: string, request: Request, options: CardRequestOptions = {}): Promise<Response> {
  try {
    const url = new URL(request.url);
    const locale = cardLocale(url.searchParams.get("lang"));
    const now = options.now ?? new Date();
    const head = await cardHead(kind, id, now);
    if (!head) return notFound();
    if (head.restricted) {
      const viewerId = await (options.viewerId ?? sessionViewerId)();
      if (!(await canViewCredential(id, viewerId))) return notFound();
    }
    const etag = etagOf(head, locale);
    const cacheControl = head.restricted ? PRIVATE : SHARED;
    const headers: Record<string, string> = {
      ETag: etag,
      "Cache-Control": cacheControl,
      "X-Content-Type-Options": "nosniff",
      "Access-Control-Allow-Origin": "*",
    };
    if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    const png = await cardPng(head, locale, now, options.beforeRender);
    if (!png) return notFound();
    return new Response(png as Uint8Array<ArrayBuffer>, { headers: { ...headers, "Content-Type": "image/png", "Content-Length": String(png.byteLength) } });
  } catch (error) {
    if (error instanceof RateLimited) throw error;
    log.error({ err: error, kind, id }, "share card failed");
    return new Response("Card unavailable", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "5" } });
  }
}

async function sessionViewerId(): Promise<string | null> {
  // Loaded only for private credentials: the session needs the request's cookies.
  const { getSessionUser } = await import("@/lib/auth/session");
  return (await getSessionUser())?.id ?? null;
}
