import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LaurelLogo } from "@/components/layout/logo";
import { buttonClasses } from "@/components/ui/button";

export default async function Forbidden() {
  const t = await getTranslations("forbidden");
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-4 text-center">
      <LaurelLogo />
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <p className="text-stone-700">{t("body")}</p>
      <Link href="/dashboard" className={buttonClasses("primary")}>{t("back")}</Link>
    </main>
  );
}
