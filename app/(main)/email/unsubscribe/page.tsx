import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LaurelLogo } from "@/components/layout/logo";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { publicPath } from "@/lib/http/url-contract";
import { unsubscribeView } from "@/lib/email/engagement/unsubscribe";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("engagementEmails.unsubscribePage"))("title"), robots: { index: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The footer link of an engagement email: asks first (a link scanner's GET changes nothing), then unsubscribes one kind. */
export default async function UnsubscribePage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const token = typeof query.t === "string" ? query.t : "";
  const [t, tKinds, view] = await Promise.all([getTranslations("engagementEmails.unsubscribePage"), getTranslations("engagementEmails.kinds"), unsubscribeView(token)]);
  return (
    <div className="min-h-screen bg-gradient-to-b from-brand-50 to-stone-50">
      <header className="mx-auto max-w-lg px-4 pt-8"><LaurelLogo /></header>
      <main id="main" className="mx-auto max-w-lg px-4 py-8">
        <div className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">
          {!view ? (
            <>
              <h1 className="text-2xl font-bold text-stone-900">{t("invalidTitle")}</h1>
              <Alert tone="error" className="mt-4">{t("invalid")}</Alert>
            </>
          ) : view.unsubscribed ? (
            <>
              <h1 className="text-2xl font-bold text-stone-900">{t("doneTitle")}</h1>
              <p className="mt-3 text-stone-700" role="status">{t("done", { org: view.organizationName, kind: tKinds(view.kind), email: view.email })}</p>
              <p className="mt-3 text-sm text-stone-700">{t("others", { org: view.organizationName })}</p>
            </>
          ) : (
            <>
              <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
              <p className="mt-3 text-stone-700">{t("confirm", { org: view.organizationName, kind: tKinds(view.kind), email: view.email })}</p>
              <p className="mt-3 text-sm text-stone-700">{t("others", { org: view.organizationName })}</p>
              <form method="post" action={`${publicPath("emailUnsubscribeOneClick")}?t=${encodeURIComponent(token)}`} className="mt-6">
                <input type="hidden" name="from" value="page" />
                <button type="submit" className={buttonClasses("primary")}>{t("button")}</button>
              </form>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
