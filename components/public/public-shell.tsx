import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { LaurelLogo } from "@/components/layout/logo";

/** The frame of Laurel's public pages (credentials, achievements, issuers). */
export function PublicShell({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-stone-50">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-4 py-3">
          <LaurelLogo />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 py-10">{children}</main>
    </div>
  );
}
