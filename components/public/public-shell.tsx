import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { LaurelLogo } from "@/components/layout/logo";

/** The frame of Laurel's public pages (credentials, achievements, issuers, profiles). */
export async function PublicShell({ children, accent }: { children: React.ReactNode; accent?: string }) {
  const t = await getTranslations("publicPages");
  return (
    <div className="flex min-h-screen flex-col bg-stone-50">
      {accent && <div aria-hidden="true" className="h-1.5" style={{ backgroundColor: accent }} />}
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <LaurelLogo />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:py-10">{children}</main>
      <footer className="border-t border-stone-200 bg-white">
        <p className="mx-auto max-w-5xl px-4 py-6 text-sm text-stone-700">{t("footer")}</p>
      </footer>
    </div>
  );
}
