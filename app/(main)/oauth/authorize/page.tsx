import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { authorizationParams, decideAuthorization, packAuthorizationParams, readAuthorizationRequest, unpackAuthorizationParams } from "@/lib/ob-api/authorization";
import { consentCovers } from "@/lib/ob-api/grants";
import { scopeMessageKey } from "@/lib/ob-api/scopes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("oauth.consent"))("metaTitle") };
}

const hostOf = (url: string | null) => {
  try {
    return url ? new URL(url).host || new URL(url).protocol : null;
  } catch {
    return null;
  }
};

// The consent page of the Open Badges 3.0 API: which app asks, for what, in plain words.
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const params = typeof query.resume === "string" ? unpackAuthorizationParams(query.resume) : authorizationParams((name) => query[name]);
  const user = await requireUser(`/oauth/authorize?resume=${packAuthorizationParams(params)}`);
  const read = await readAuthorizationRequest(params);
  if (read.kind === "redirect") redirect(read.location);
  // Allowed before for all of this: no second question, unless the app asks for one (`prompt=consent`).
  if (read.kind === "consent" && params.prompt !== "consent" && (await consentCovers(user.id, read.request.client.id, read.request.scopes))) {
    const decided = await decideAuthorization(user.id, params, true);
    if (decided.kind === "redirect") redirect(decided.location);
  }
  const t = await getTranslations("oauth");

  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-lg px-4 py-10">
        {read.kind === "refused" ? (
          <Alert tone="error" title={t("refused.title")}>
            <p>{t(`refused.${read.reason}`)}</p>
          </Alert>
        ) : (
          <Card>
            <h1 className="text-xl font-bold text-stone-900">{t("consent.title", { app: read.request.client.name })}</h1>
            <p className="mt-1 text-sm text-stone-600">{t("consent.signedInAs", { email: user.email })}</p>
            {hostOf(read.request.client.clientUri) && <p className="mt-3 text-sm text-stone-700">{t("consent.from", { host: hostOf(read.request.client.clientUri)! })}</p>}
            <h2 className="mt-5 text-sm font-semibold text-stone-900">{t("consent.wants", { app: read.request.client.name })}</h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-stone-800" aria-label={t("consent.wants", { app: read.request.client.name })}>
              {read.request.scopes.map((scope) => (
                <li key={scope}>{t(`scopes.${scopeMessageKey(scope)}`)}</li>
              ))}
            </ul>
            <p className="mt-4 text-sm text-stone-700">{t("consent.returnTo", { host: hostOf(read.request.redirectUri) ?? read.request.redirectUri })}</p>
            {(read.request.client.policyUri || read.request.client.tosUri) && (
              <p className="mt-2 text-sm text-stone-700">
                {t("consent.policies")}{" "}
                {read.request.client.policyUri && <a href={read.request.client.policyUri} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline">{t("consent.privacy")}</a>}
                {read.request.client.policyUri && read.request.client.tosUri && " · "}
                {read.request.client.tosUri && <a href={read.request.client.tosUri} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline">{t("consent.terms")}</a>}
              </p>
            )}
            <p className="mt-2 text-sm text-stone-600">
              <Link href="/account#connected-apps" className="text-brand-700 underline">{t("consent.later")}</Link>
            </p>
            <form method="post" action="/oauth/authorize/decision" className="mt-6 flex flex-wrap gap-3">
              {Object.entries(read.request.params).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <Button type="submit" name="decision" value="allow">{t("consent.allow")}</Button>
              <Button type="submit" name="decision" value="deny" variant="secondary">{t("consent.deny")}</Button>
            </form>
          </Card>
        )}
      </main>
    </>
  );
}
