import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { enabledOAuthProviders } from "@/lib/auth/options";
import { SIGNED_IN_HOME } from "@/lib/orgs/home-path";
import { ssoForAddress } from "@/lib/sso/connections";
import { ssoPaths } from "@/lib/sso/urls";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signIn"))("title") };
}

// next-auth reports failures of magic links and OAuth through ?error=.
const KNOWN_ERRORS = new Set(["Verification", "OAuthAccountNotLinked", "EmailSignin", "OAuthSignin", "OAuthCallback", "SessionRequired"]);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations("auth.signIn");
  // Without a page to come back to, /home sends members to their dashboard and learners to their backpack.
  const callbackUrl = safeCallbackUrl(params.callbackUrl, SIGNED_IN_HOME);
  const error = typeof params.error === "string" ? (KNOWN_ERRORS.has(params.error) ? params.error : "Default") : null;
  const email = typeof params.email === "string" ? params.email : "";
  // An address at a domain with single sign-on goes to its identity provider (unless it just came back from there refused).
  if (email && params.sso !== "none" && !params.error && (await ssoForAddress(email.trim()))) {
    redirect(`${ssoPaths.start}?email=${encodeURIComponent(email.trim())}`);
  }
  return (
    <>
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("subtitle")}</p>
      {error && <Alert tone="error" className="mt-4">{t(`errors.${error}`)}</Alert>}
      {params.sso === "none" && <Alert tone="info" className="mt-4">{t("ssoNone")}</Alert>}
      <SignInForm callbackUrl={callbackUrl} providers={enabledOAuthProviders()} defaultEmail={email} />
      <p className="mt-6 text-center text-sm text-stone-700">
        {t("noAccount")}{" "}
        <Link href={`/sign-up${params.callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`} className="font-semibold text-brand-700 underline">
          {t("signUpLink")}
        </Link>
      </p>
    </>
  );
}
