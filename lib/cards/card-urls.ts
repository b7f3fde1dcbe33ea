import { env } from "@/lib/env";
import { kindKey } from "@/lib/issuing/credential-kind";
import { defaultLocale } from "@/lib/i18n/config";
import { cardLocale, cardTranslator } from "./i18n";
import { cardHead, type CardKind } from "./version";

export type ShareCard = { url: string; width: 1200; height: 630; alt: string };

const PREFIX: Record<CardKind, string> = { credential: "c", profile: "u", achievement: "b", issuer: "o", program: "p" };

/** The card's path without the query: `/c/{id}/opengraph-image` and its siblings. */
export function cardPath(kind: CardKind, id: string): string {
  return `/${PREFIX[kind]}/${encodeURIComponent(id)}/opengraph-image`;
}

/**
 * The share card of a public page for its Open Graph / Twitter meta: an absolute, versioned URL
 * (`?v=` changes whenever anything the card shows changes, so crawlers and CDNs may cache it
 * forever), its size and alt text. Null when the page has no card (unknown id, hidden profile).
 * `id` is the handle for profiles. Cards are English unless `locale` says otherwise.
 *
 * Private credentials still get a URL here (their owner may be looking at the page); the card
 * itself answers 404 to anyone else.
 */
export async function shareCardFor(kind: CardKind, id: string, locale?: string): Promise<ShareCard | null> {
  const head = await cardHead(kind, id);
  if (!head) return null;
  const lang = cardLocale(locale);
  const t = cardTranslator(lang);
  const query = new URLSearchParams({ v: head.version });
  if (lang !== defaultLocale) query.set("lang", lang);
  const alt =
    kind === "credential"
      ? t(kindKey("alt.credential", head.credentialKind ?? "badge") as "alt.credential", { achievement: head.title, state: head.state ?? "valid" })
      : kind === "profile"
        ? t("alt.profile", { name: head.title })
        : kind === "achievement"
          ? t(kindKey("alt.achievement", head.credentialKind ?? "badge") as "alt.achievement", { achievement: head.title })
          : kind === "program"
            ? t("program.alt", { program: head.title })
            : t("alt.issuer", { issuer: head.title });
  return { url: `${env().BASE_URL}${cardPath(kind, id)}?${query}`, width: 1200, height: 630, alt };
}
