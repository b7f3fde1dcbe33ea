import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "./config";
import { messagesFor } from "./messages";

// The language is the person's explicit choice (the switcher's cookie, also written when they
// save their account setting), else their account setting, else the browser's Accept-Language.
async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const user = await getSessionUser();
  if (isLocale(user?.locale)) return user.locale;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

export default getRequestConfig(async ({ requestLocale }) => {
  // Cached public pages carry their locale in the path (setRequestLocale) and must not read
  // cookies or headers, which would make them render per request.
  const fromPath = await requestLocale;
  const locale = isLocale(fromPath) ? fromPath : await resolveLocale();
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
