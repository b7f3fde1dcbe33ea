"use server";

import { cookies } from "next/headers";
import { setPreferredLocale } from "@/lib/auth/account";
import { getSessionUser } from "@/lib/auth/session";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";

/**
 * Remembers a visitor's language choice for a year; a signed-in person's account keeps it too,
 * so their emails and their other browsers follow.
 */
export async function chooseLocale(formData: FormData) {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
  const user = await getSessionUser();
  if (user && user.locale !== locale) await setPreferredLocale(user.id, locale);
}
