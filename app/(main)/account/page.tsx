import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { Card, CardHeader } from "@/components/ui/card";
import { listEmails } from "@/lib/auth/account";
import { listConnectedApps } from "@/lib/ob-api/grants";
import { scopeMessageKey } from "@/lib/ob-api/scopes";
import { requireUser } from "@/lib/auth/session";
import { AddEmailForm, ConnectedApps, ProfileForm, RemovePendingEmailButton, ResendVerificationButton, SignOutEverywhereForm } from "./account-forms";
import { YourData } from "./your-data";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const user = await requireUser("/account");
  const [t, tData, tApps, emails, apps, format] = await Promise.all([
    getTranslations("account"),
    getTranslations("accountData"),
    getTranslations("oauth"),
    listEmails(user.id),
    listConnectedApps(user.id),
    getFormatter(),
  ]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
        <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
        <Card>
          <CardHeader title={t("profileTitle")} />
          <ProfileForm user={{ name: user.name ?? "", handle: user.handle ?? "", locale: user.locale ?? "en" }} />
          <p className="mt-4 text-sm">
            <Link href="/backpack/profile" className="text-brand-700 underline">{tData("profileLink")}</Link>
          </p>
        </Card>
        <Card>
          <CardHeader title={t("emailsTitle")} description={t("emailsBody")} />
          <ul className="mb-6 divide-y divide-stone-100">
            {emails.map((address) => (
              <li key={address.email} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <span className="font-medium text-stone-900">
                  {address.email}
                  {address.primary && <span className="ml-2 text-stone-600">({t("primary")})</span>}
                </span>
                {address.verified ? (
                  <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">{t("verified")}</span>
                ) : (
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("unverified")}</span>
                    {address.expiresAt && !address.primary && (
                      <span className="text-xs text-stone-600">{t("expires", { date: format.dateTime(address.expiresAt, { dateStyle: "medium" }) })}</span>
                    )}
                    <ResendVerificationButton email={address.email} />
                    {!address.primary && <RemovePendingEmailButton email={address.email} />}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <AddEmailForm />
        </Card>
        <p className="text-sm">
          <Link href="/forgot-password" className="text-brand-700 underline">{t("changePassword")}</Link>
        </p>
        <Card>
          <CardHeader title={t("sessionsTitle")} description={t("sessionsBody")} />
          <SignOutEverywhereForm />
        </Card>
        <Card>
          <CardHeader id="connected-apps" title={tApps("connectedApps.title")} description={tApps("connectedApps.intro")} />
          <ConnectedApps
            apps={apps.map((app) => ({
              id: app.id,
              name: app.name,
              when: `${tApps("connectedApps.connected", { date: day(app.connectedAt) })} · ${app.lastUsedAt ? tApps("connectedApps.lastUsed", { date: day(app.lastUsedAt) }) : tApps("connectedApps.neverUsed")}`,
              abilities: app.scopes.map((scope) => tApps(`scopes.${scopeMessageKey(scope)}`)),
            }))}
          />
        </Card>
        <Card>
          <CardHeader title={tData("title")} description={tData("intro")} />
          <YourData email={user.email} />
        </Card>
      </main>
    </>
  );
}
