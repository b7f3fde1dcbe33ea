import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.forgot"))("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth.forgot");
  return (
    <>
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("subtitle")}</p>
      <ForgotPasswordForm />
    </>
  );
}
