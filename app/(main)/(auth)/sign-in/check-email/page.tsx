import { getTranslations } from "next-intl/server";
import Link from "next/link";

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const t = await getTranslations("auth.checkEmail");
  return (
    <>
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-3 text-stone-700">{email ? t("bodyWithEmail", { email }) : t("body")}</p>
      <p className="mt-3 text-sm text-stone-600">{t("hint")}</p>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-semibold text-brand-700 underline">{t("back")}</Link>
    </>
  );
}
