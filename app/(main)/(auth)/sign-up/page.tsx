import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signUp"))("title") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations("auth.signUp");
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "/dashboard");
  return (
    <>
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("subtitle")}</p>
      <SignUpForm callbackUrl={callbackUrl} defaultEmail={typeof params.email === "string" ? params.email : ""} />
      <p className="mt-6 text-center text-sm text-stone-700">
        {t("haveAccount")}{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-brand-700 underline">{t("signInLink")}</Link>
      </p>
    </>
  );
}
