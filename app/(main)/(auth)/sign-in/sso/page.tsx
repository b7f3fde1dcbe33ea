import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { isSsoErrorCode } from "@/lib/sso/errors";
import { SsoTicketSignIn } from "./ticket-sign-in";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sso.finish"))("title") };
}

/**
 * Where single sign-on ends: a refusal explained (`?error=`), or the one-time ticket (in the
 * URL's fragment) exchanged for a session.
 */
export default async function SsoFinishPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations("sso");
  const error = typeof params.error === "string" ? (isSsoErrorCode(params.error) ? params.error : "response_invalid") : null;
  return (
    <>
      <h1 className="text-2xl font-bold text-stone-900">{t("finish.title")}</h1>
      {error ? (
        <>
          <div data-testid="sso-error"><Alert tone="error" className="mt-4">{t(`errors.${error}`)}</Alert></div>
          <Link href="/sign-in?sso=none" className="mt-6 inline-block text-sm font-semibold text-brand-700 underline">{t("finish.back")}</Link>
        </>
      ) : (
        <SsoTicketSignIn />
      )}
    </>
  );
}
