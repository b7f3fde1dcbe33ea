import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { BadgeImage } from "@/components/backpack/badge-image";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { SiteHeader } from "@/components/layout/site-header";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { getSessionUser } from "@/lib/auth/session";
import { claimPageKind, claimView } from "@/lib/backpack/claim-credential";
import { AnswerButtons, RestoreButton } from "../../backpack-forms";

type Props = {
  params: Promise<{ credentialId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const [t, kind] = await Promise.all([getTranslations("backpack.claim"), claimPageKind((await params).credentialId)]);
  // The link is personal: keep it out of search engines.
  return { title: t(kind === "certificate" ? "titleCertificate" : "title"), robots: { index: false, follow: false } };
}

export default async function ClaimPage({ params, searchParams }: Props) {
  const [{ credentialId }, query] = await Promise.all([params, searchParams]);
  const token = typeof query.t === "string" ? query.t : null;
  const user = await getSessionUser();
  const view = await claimView(credentialId, token, user?.id ?? null);
  if (!view) notFound();
  const [tClaim, format] = await Promise.all([getTranslations("backpack.claim"), getFormatter()]);
  const { credential } = view;
  // A certificate's page says "certificate" wherever a badge's says "badge" (and agrees with it in Spanish).
  const t = ((key: string, values?: Record<string, string>) =>
    tClaim(credential.kind === "certificate" && tClaim.has(`${key}Certificate`) ? `${key}Certificate` : key, values)) as typeof tClaim;
  const here = `/backpack/claim/${encodeURIComponent(credentialId)}${token ? `?t=${encodeURIComponent(token)}` : ""}`;
  const signUpHref = `/sign-up?${new URLSearchParams({ ...(view.recipientEmail ? { email: view.recipientEmail } : {}), callbackUrl: here })}`;
  const signInHref = `/sign-in?${new URLSearchParams({ ...(view.recipientEmail ? { email: view.recipientEmail } : {}), callbackUrl: here })}`;

  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-10">
        <article className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">
          <div className="flex flex-col gap-6 sm:flex-row sm:items-center">
            <BadgeImage src={credential.imageSrc} alt={t("badgeAlt", { name: credential.name })} size={140} className="self-center" />
            <div className="min-w-0">
              <p className="flex items-center gap-2 text-sm font-semibold text-stone-700">
                <OrgAvatar org={credential.organization} size="sm" />
                {t("from", { org: credential.organization.name })}
              </p>
              <h1 className="mt-2 text-3xl font-bold text-stone-900">{credential.name}</h1>
              {credential.recipientName && <p className="mt-1 text-stone-800">{t("awardedTo", { name: credential.recipientName })}</p>}
              <p className="mt-1 text-sm text-stone-700">{format.dateTime(credential.validFrom, { dateStyle: "long" })}</p>
            </div>
          </div>
          <p className="mt-4 text-stone-800">{credential.description}</p>
          {credential.state === "revoked" && <Alert tone="error" className="mt-4">{t("revoked")}</Alert>}
        </article>

        <section aria-labelledby="claim-heading" className="rounded-2xl border border-stone-200 bg-white p-8 shadow-sm" data-testid="claim-panel">
          {view.status === "signed_out" && (
            <>
              <h2 id="claim-heading" className="text-xl font-semibold text-stone-900">{t("signedOutTitle")}</h2>
              <p className="mt-2 text-stone-800">
                {view.recipientEmail ? t("signedOutBody", { email: view.recipientEmail }) : t("signedOutBodyMasked", { email: view.maskedEmail })}
              </p>
              <div className="mt-4 flex flex-wrap gap-3">
                <Link href={signUpHref} className={buttonClasses("primary")}>{t("signUp")}</Link>
                <Link href={signInHref} className={buttonClasses("secondary")}>{t("signIn")}</Link>
              </div>
              <p className="mt-2 text-sm text-stone-700">{t("signInHint")}</p>
            </>
          )}

          {view.status === "ready" && (
            <>
              <h2 id="claim-heading" className="text-xl font-semibold text-stone-900">{t("readyTitle")}</h2>
              {view.tokenValid && view.recipientEmail && <p className="mt-2 text-sm text-stone-700">{t("verifiedAddress", { email: view.recipientEmail })}</p>}
              <p className="mt-2 text-stone-800">{t("readyBody")}</p>
              <div className="mt-4">
                {credential.state === "revoked" ? null : <AnswerButtons credentialId={credential.id} name={credential.name} then="detail" />}
              </div>
            </>
          )}

          {view.status === "accepted" && (
            <>
              <h2 id="claim-heading" className="text-xl font-semibold text-stone-900">{t("acceptedTitle")}</h2>
              <p className="mt-2 text-stone-800">{t("acceptedBody")}</p>
              <Link href={`/backpack/${view.entryId}`} className={buttonClasses("primary", "mt-4")}>{t("openInBackpack")}</Link>
            </>
          )}

          {view.status === "declined" && (
            <>
              <h2 id="claim-heading" className="text-xl font-semibold text-stone-900">{t("declinedTitle")}</h2>
              <p className="mt-2 text-stone-800">{t("declinedBody")}</p>
              <div className="mt-4">
                <RestoreButton credentialId={credential.id} name={credential.name} />
              </div>
            </>
          )}

          {view.status === "wrong_account" && (
            <>
              <h2 id="claim-heading" className="text-xl font-semibold text-stone-900">{t("wrongAccountTitle")}</h2>
              <Alert tone="error" className="mt-3">{t("wrongAccountBody", { email: view.maskedEmail })}</Alert>
              <div className="mt-4 flex flex-wrap gap-3">
                <Link href="/account" className={buttonClasses("secondary")}>{t("addAddress")}</Link>
                <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`} className={buttonClasses("ghost")}>{t("signInOther")}</Link>
              </div>
            </>
          )}

          {view.status === "unverified" && (
            <>
              <h2 id="claim-heading" className="text-xl font-semibold text-stone-900">{t("unverifiedTitle")}</h2>
              <Alert tone="warning" className="mt-3">{t("unverifiedBody", { email: view.maskedEmail })}</Alert>
              <Link href="/account" className={buttonClasses("secondary", "mt-4")}>{t("addAddress")}</Link>
            </>
          )}

          <p className="mt-6 text-sm">
            <Link href={`/c/${credential.id}`} className="font-semibold text-brand-700 underline">{t("viewPublic")}</Link>
          </p>
        </section>
      </main>
    </>
  );
}
