import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { buttonClasses } from "@/components/ui/button";

const FEATURES = ["design", "issue", "verify", "share", "analytics", "standards"] as const;

export default async function LandingPage() {
  const t = await getTranslations("landing");
  return (
    <>
      <SiteHeader />
      <main id="main">
        <section className="bg-gradient-to-b from-brand-50 to-stone-50">
          <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-20 md:grid-cols-2">
            <div>
              <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("eyebrow")}</p>
              <h1 className="mt-3 text-4xl font-bold leading-tight text-stone-900 md:text-5xl">{t("title")}</h1>
              <p className="mt-5 text-lg text-stone-700">{t("lead")}</p>
              <div className="mt-8 flex flex-wrap gap-3">
                <Link href="/sign-up" className={buttonClasses("primary", "px-6 py-3 text-base")}>{t("ctaPrimary")}</Link>
                <Link href="/sign-in" className={buttonClasses("secondary", "px-6 py-3 text-base")}>{t("ctaSecondary")}</Link>
              </div>
            </div>
            <BadgeIllustration label={t("illustrationLabel")} />
          </div>
        </section>
        <section aria-labelledby="features" className="mx-auto max-w-6xl px-4 py-16">
          <h2 id="features" className="text-2xl font-bold text-stone-900">{t("featuresTitle")}</h2>
          <ul className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map((feature) => (
              <li key={feature} className="rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
                <h3 className="font-semibold text-stone-900">{t(`features.${feature}.title`)}</h3>
                <p className="mt-2 text-sm text-stone-700">{t(`features.${feature}.body`)}</p>
              </li>
            ))}
          </ul>
        </section>
        <section className="border-t border-stone-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-16 text-center">
            <h2 className="text-2xl font-bold text-stone-900">{t("closingTitle")}</h2>
            <p className="mx-auto mt-3 max-w-2xl text-stone-700">{t("closingBody")}</p>
            <Link href="/sign-up" className={buttonClasses("primary", "mt-6 px-6 py-3 text-base")}>{t("ctaPrimary")}</Link>
          </div>
        </section>
      </main>
      <footer className="border-t border-stone-200 py-8 text-center text-sm text-stone-600">{t("footer")}</footer>
    </>
  );
}

function BadgeIllustration({ label }: { label: string }) {
  return (
    <svg viewBox="0 0 320 320" role="img" aria-label={label} className="mx-auto w-full max-w-sm drop-shadow-xl">
      <polygon points="160,12 288,86 288,234 160,308 32,234 32,86" fill="#1f5f4a" />
      <polygon points="160,34 268,98 268,222 160,286 52,222 52,98" fill="#ffffff" />
      <circle cx="160" cy="140" r="58" fill="#eef7f3" stroke="#e3b23c" strokeWidth="6" />
      <path d="M130 140l20 20 40-42" stroke="#1f5f4a" strokeWidth="12" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      <rect x="86" y="214" width="148" height="34" rx="8" fill="#e3b23c" />
      <text x="160" y="237" textAnchor="middle" fontFamily="sans-serif" fontWeight="700" fontSize="16" fill="#12382c">VERIFIED</text>
    </svg>
  );
}
