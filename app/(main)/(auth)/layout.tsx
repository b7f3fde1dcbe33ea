import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { LaurelLogo } from "@/components/layout/logo";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-stone-50">
      <header className="mx-auto flex w-full max-w-md items-center justify-between px-4 pt-8">
        <LaurelLogo />
        <LanguageSwitcher />
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-4 py-8">
        <div className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">{children}</div>
      </main>
    </div>
  );
}
