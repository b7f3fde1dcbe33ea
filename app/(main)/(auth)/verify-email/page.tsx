import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { verifyEmailToken } from "@/lib/auth/account";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string; callbackUrl?: string }> }) {
  const { token, callbackUrl } = await searchParams;
  const t = await getTranslations("auth.verify");
  const outcome = typeof token === "string" ? await verifyEmailToken(token, { callbackUrl }) : ({ kind: "invalid" } as const);
  // A new account: signed in at once, and on to where the sign-up started.
  if (outcome.kind === "account_created") redirect(outcome.signInUrl);
  const signInHref = (email: string) => {
    const next = safeCallbackUrl(callbackUrl);
    return `/sign-in?email=${encodeURIComponent(email)}${next !== "/dashboard" ? `&callbackUrl=${encodeURIComponent(next)}` : ""}`;
  };
  return (
    <>
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <div className="mt-4">
        {outcome.kind === "address_verified" && <Alert tone="success">{t("verified", { email: outcome.email })}</Alert>}
        {outcome.kind === "address_taken" && <Alert tone="error">{t("taken", { email: outcome.email })}</Alert>}
        {outcome.kind === "invalid" && <Alert tone="error">{t("invalid")}</Alert>}
      </div>
      {outcome.kind === "address_taken" ? (
        <Link href={signInHref(outcome.email)} className="mt-6 inline-block text-sm font-semibold text-brand-700 underline">{t("signIn")}</Link>
      ) : (
        <Link href="/dashboard" className="mt-6 inline-block text-sm font-semibold text-brand-700 underline">{t("continue")}</Link>
      )}
    </>
  );
}
