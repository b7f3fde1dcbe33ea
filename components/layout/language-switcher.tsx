import { getLocale, getTranslations } from "next-intl/server";
import { chooseLocale } from "@/app/locale-actions";
import { locales } from "@/lib/i18n/config";

/** Plain forms (no client JS needed): each language is a button. */
export async function LanguageSwitcher() {
  const current = await getLocale();
  const t = await getTranslations("language");
  return (
    <form action={chooseLocale} className="flex items-center gap-1 text-sm" aria-label={t("label")}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className={
            locale === current
              ? "rounded px-2 py-1 font-semibold text-brand-800 underline underline-offset-4"
              : "rounded px-2 py-1 text-stone-700 hover:bg-stone-100"
          }
        >
          {t(locale)}
        </button>
      ))}
    </form>
  );
}
