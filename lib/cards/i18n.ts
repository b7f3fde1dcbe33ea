import { createTranslator } from "next-intl";
import { formatStoredDate } from "@/lib/dates";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/config";
import enCards from "@/lib/i18n/messages/en.cards.json";
import esCards from "@/lib/i18n/messages/es.cards.json";
import enCardStates from "@/lib/i18n/messages/en.cardStates.json";
import esCardStates from "@/lib/i18n/messages/es.cardStates.json";
import enCertificates from "@/lib/i18n/messages/en.certificates.json";
import esCertificates from "@/lib/i18n/messages/es.certificates.json";
import enProgram from "@/lib/i18n/messages/en.program.json";
import esProgram from "@/lib/i18n/messages/es.program.json";

// Revoked and expired states have their own file; the program card's strings live with the rest
// of the program page's.
type CardMessages = { cards: typeof enCards.cards & typeof enCardStates.cards & { program: typeof enProgram.cards.program } };
const MESSAGES: Record<Locale, CardMessages> = {
  // A certificate's alt texts ("… certificate, verified") sit beside the badge's.
  en: { cards: { ...enCards.cards, ...enCardStates.cards, ...enCertificates.cards, alt: { ...enCards.cards.alt, ...enCertificates.cards.alt }, program: enProgram.cards.program } },
  es: { cards: { ...esCards.cards, ...esCardStates.cards, ...esCertificates.cards, alt: { ...esCards.cards.alt, ...esCertificates.cards.alt }, program: esProgram.cards.program } },
};

/** A supported locale, or English (what crawlers get unless the card URL asks otherwise). */
export function cardLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : defaultLocale;
}

/** The card strings in one locale (outside React: cards are rendered in route handlers). */
export function cardTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "cards" });
}

export type CardTranslator = ReturnType<typeof cardTranslator>;

/** Dates on cards: long form, in UTC so a card looks the same from every server. */
export function formatCardDate(date: Date, locale: Locale): string {
  // A date stored out of range reads as an invalid Date, which Intl refuses to format.
  return formatStoredDate(date, (readable) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(readable));
}
