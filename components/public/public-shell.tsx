import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { LaurelLogo } from "@/components/layout/logo";
import { UserMenu } from "@/components/layout/user-menu";
import { getSessionUser } from "@/lib/auth/session";
import { learnerMenu } from "@/lib/backpack/learner-menu";

/**
 * The signed-in person's menu, or a way to sign in. Only the per-request pages ask for the
 * session: the cached copies are served to people without one, and reading cookies there would
 * make them dynamic.
 */
async function Account({ personal }: { personal: boolean }) {
  const [t, user] = await Promise.all([getTranslations("nav"), personal ? getSessionUser().catch(() => null) : null]);
  const menu = user ? await learnerMenu(user.id) : null;
  if (menu) return <UserMenu menu={menu} />;
  return (
    <a href="/sign-in" className="rounded-md px-3 py-2 text-sm font-semibold text-brand-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2">
      {t("signIn")}
    </a>
  );
}

/**
 * The frame of Laurel's public pages (credentials, achievements, issuers, programs, profiles).
 * `personal`: rendered per request for someone with a session, so the header carries their menu.
 */
export async function PublicShell({ children, accent, personal = false }: { children: React.ReactNode; accent?: string; personal?: boolean }) {
  const [t, tNav, tVerifier] = await Promise.all([getTranslations("publicPages"), getTranslations("nav"), getTranslations("verifier")]);
  return (
    <div className="flex min-h-screen flex-col bg-stone-50">
      {accent && <div aria-hidden="true" className="h-1.5" style={{ backgroundColor: accent }} />}
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <LaurelLogo plain />
          <nav aria-label={tNav("main")} className="flex min-w-0 flex-wrap items-center gap-2">
            <LanguageSwitcher />
            <Account personal={personal} />
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:py-10">{children}</main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-6 text-sm text-stone-700">
          <p>{t("footer")}</p>
          <a href="/verify" className="font-semibold link">{tVerifier("footerLink")}</a>
        </div>
      </footer>
    </div>
  );
}
