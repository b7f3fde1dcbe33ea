import { createTranslator } from "next-intl";
import { defaultLocale, isLocale, type Locale } from "./config";
import { messagesFor } from "./messages";

/** A translator outside React (emails, jobs, API errors). */
export function translatorFor(locale: string | null | undefined) {
  const resolved: Locale = isLocale(locale) ? locale : defaultLocale;
  return { locale: resolved, t: createTranslator({ locale: resolved, messages: messagesFor(resolved) }) };
}
