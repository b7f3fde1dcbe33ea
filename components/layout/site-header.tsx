import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { learnerMenu } from "@/lib/backpack/learner-menu";
import { buttonClasses } from "@/components/ui/button";
import { LanguageSwitcher } from "./language-switcher";
import { LaurelLogo } from "./logo";
import { UserMenu } from "./user-menu";

export async function SiteHeader() {
  const [t, user] = await Promise.all([getTranslations("nav"), getSessionUser()]);
  const menu = user ? await learnerMenu(user.id) : null;
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <LaurelLogo />
        <nav aria-label={t("main")} className="flex min-w-0 flex-wrap items-center gap-2">
          <LanguageSwitcher />
          {menu ? (
            <UserMenu menu={menu} />
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
