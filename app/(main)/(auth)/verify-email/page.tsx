import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { verifyEmailToken } from "@/lib/auth/account";

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.verify");
  const email = token ? await verifyEmailToken(token) : null;
  return (
    <>
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <div className="mt-4">
        {email ? <Alert tone="success">{t("verified", { email })}</Alert> : <Alert tone="error">{t("invalid")}</Alert>}
      </div>
      <Link href="/dashboard" className="mt-6 inline-block text-sm font-semibold text-brand-700 underline">{t("continue")}</Link>
    </>
  );
}
