import type { Metadata } from "next";
import { truncateText } from "@/lib/text";
import { shareCardFor, type ShareCard } from "@/lib/cards/card-urls";
import type { CardKind } from "@/lib/cards/version";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { publicUrls } from "@/lib/issuing/urls";

/** The absolute address of each public page (the stable ones come from publicUrls). */
export const publicPageUrl = {
  credential: (id: string) => publicUrls.credential(id),
  achievement: (id: string) => publicUrls.achievement(id),
  issuer: (orgId: string) => publicUrls.issuer(orgId),
  profile: (handle: string) => `${env().BASE_URL}${publicPath("profile", { handle })}`,
};

/** Makes a site-relative path (a badge image, a logo route) absolute; data: and http(s) URLs pass through. */
export function absoluteUrl(pathOrUrl: string): string {
  if (/^(https?:|data:)/i.test(pathOrUrl)) return pathOrUrl;
  return `${env().BASE_URL}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;
}

const OG_LOCALE: Record<string, string> = { en: "en_US", es: "es_ES" };

/** Link previews cut descriptions short anyway; a whole paragraph of criteria helps no one. */
export function shortDescription(value: string | null | undefined, max = 200): string | undefined {
  const flat = (value ?? "").replace(/\s+/g, " ").trim();
  if (!flat) return undefined;
  return truncateText(flat, max);
}

export type PublicPageMeta = {
  /** The page's own title; the layout adds " · Laurel" to the document title. */
  title: string;
  description?: string | null;
  /** Absolute canonical URL. */
  url: string;
  /** The share card (absolute URL, 1200×630, alt text); null when the page has none. */
  image: ShareCard | null;
  /** Open Graph type: "article" for a credential, "profile" for a person, else "website". */
  type?: "website" | "article" | "profile";
  locale?: string;
};

/** The metadata of every public page: title, description, canonical, Open Graph and Twitter. */
export function publicPageMetadata({ title, description, url, image, type = "website", locale }: PublicPageMeta): Metadata {
  const summary = shortDescription(description);
  const images = image ? [{ url: image.url, width: image.width, height: image.height, alt: image.alt }] : undefined;
  return {
    title,
    description: summary,
    alternates: { canonical: url },
    openGraph: {
      type,
      url,
      title,
      description: summary,
      siteName: "Laurel",
      ...(locale && OG_LOCALE[locale] ? { locale: OG_LOCALE[locale] } : {}),
      images,
    },
    twitter: { card: "summary_large_image", title, description: summary, images },
  };
}

/** Loads the share card of a page and builds its metadata in one go. */
export async function publicPageMetadataWithCard(kind: CardKind, id: string, meta: Omit<PublicPageMeta, "image">): Promise<Metadata> {
  const image = await shareCardFor(kind, id, meta.locale).catch(() => null);
  return publicPageMetadata({ ...meta, image });
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` become \u escapes so no
 * string inside (an achievement named "</script><script>…") can end the script element, and
 * the line separators that old parsers choke on are escaped too.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
