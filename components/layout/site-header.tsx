import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { buttonClasses } from "@/components/ui/button";
import { LanguageSwitcher } from "./language-switcher";
import { LaurelLogo } from "./logo";

export async function SiteHeader() {
  const [t, user] = await Promise.all([getTranslations("nav"), getSessionUser()]);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <LaurelLogo />
        <nav aria-label={t("main")} className="flex flex-wrap items-center gap-2">
          <LanguageSwitcher />
          {user ? (
            <>
              <Link href="/backpack" className={buttonClasses("ghost")}>{t("backpack")}</Link>
              <Link href="/dashboard" className={buttonClasses("primary")}>{t("dashboard")}</Link>
            </>
          ) : (
            <>
              <Link href="/sign-in" className={buttonClasses("ghost")}>{t("signIn")}</Link>
              <Link href="/sign-up" className={buttonClasses("primary")}>{t("signUp")}</Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
