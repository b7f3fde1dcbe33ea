import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LaurelLogo } from "@/components/layout/logo";
import { buttonClasses } from "@/components/ui/button";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-4 text-center">
      <LaurelLogo />
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <p className="text-stone-700">{t("body")}</p>
      <Link href="/" className={buttonClasses("primary")}>{t("home")}</Link>
    </main>
  );
}
