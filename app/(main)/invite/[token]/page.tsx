import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { LaurelLogo } from "@/components/layout/logo";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { getSessionUser } from "@/lib/auth/session";
import { findInvitation } from "@/lib/orgs/invitations";
import { AcceptInvitationForm } from "./accept-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invite"))("title") };
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, tRoles, invitation, user] = await Promise.all([
    getTranslations("invite"),
    getTranslations("roles"),
    findInvitation(token),
    getSessionUser(),
  ]);
  const here = `/invite/${token}`;
  return (
    <div className="min-h-screen bg-gradient-to-b from-brand-50 to-stone-50">
      <header className="mx-auto max-w-lg px-4 pt-8"><LaurelLogo /></header>
      <main id="main" className="mx-auto max-w-lg px-4 py-8">
        <div className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">
          {!invitation ? (
            <>
              <h1 className="text-2xl font-bold text-stone-900">{t("unknownTitle")}</h1>
              <p className="mt-3 text-stone-700">{t("unknownBody")}</p>
            </>
          ) : (
            <>
              <div className="flex items-center gap-3">
                <OrgAvatar org={invitation.organization} />
                <h1 className="text-2xl font-bold text-stone-900">{t("heading", { org: invitation.organization.name })}</h1>
              </div>
              <p className="mt-3 text-stone-700">{t("body", { role: tRoles(invitation.role), email: invitation.email })}</p>
              {invitation.state !== "valid" ? (
                <Alert tone="error" className="mt-6">{t(`state.${invitation.state}`)}</Alert>
              ) : user ? (
                <div className="mt-6 space-y-3">
                  <p className="text-sm text-stone-700">{t("signedInAs", { email: user.email })}</p>
                  <AcceptInvitationForm token={token} />
                  <SignOutButton className="px-0" />
                </div>
              ) : (
                <div className="mt-6 flex flex-wrap gap-3">
                  <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`} className={buttonClasses("primary")}>
                    {t("createAccount")}
                  </Link>
                  <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`} className={buttonClasses("secondary")}>
                    {t("signIn")}
                  </Link>
                </div>
              )}
            </>
          )}
        </div>
      </main>
    </div>
  );
}
