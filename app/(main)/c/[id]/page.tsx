import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { PublicShell } from "@/components/public/public-shell";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { criteriaHtml } from "@/lib/design/criteria-markdown";
import { credentialPageData } from "@/lib/issuing/public-views";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const credential = await credentialPageData((await params).id);
  if (!credential) return {};
  return { title: `${credential.achievement.name} · ${credential.organization.name}`, description: credential.achievement.description };
}

export default async function CredentialPage({ params }: Props) {
  const { id } = await params;
  const credential = await credentialPageData(id);
  if (!credential) notFound();
  const [t, format] = await Promise.all([getTranslations("publicCredential"), getFormatter()]);
  const tone = credential.state === "valid" ? "success" : credential.state === "not_yet_valid" ? "warning" : "error";
  return (
    <PublicShell>
      <Alert tone={tone} title={t(`state.${credential.state}.title`)}>{t(`state.${credential.state}.body`)}</Alert>
      <article className="mt-6 rounded-2xl border border-stone-200 bg-white p-8 shadow-sm">
        <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
          {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutable badge image */}
          <img src={credential.imageSrc} alt={t("badgeAlt", { name: credential.achievement.name })} width={160} height={160} className="h-40 w-40 shrink-0 self-center" />
          <div>
            <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{credential.achievement.achievementType}</p>
            <h1 className="mt-1 text-3xl font-bold text-stone-900">{credential.achievement.name}</h1>
            {credential.recipientName && <p className="mt-2 text-lg text-stone-800">{t("awardedTo", { name: credential.recipientName })}</p>}
            <p className="mt-4 text-stone-700">{credential.achievement.description}</p>
          </div>
        </div>
        <dl className="mt-6 grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-stone-700">{t("issuedBy")}</dt>
            <dd className="mt-1 flex items-center gap-2">
              <OrgAvatar org={credential.organization} size="sm" />
              <Link href={`/o/${credential.organization.id}`} className="font-semibold text-brand-700 underline">{credential.organization.name}</Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-stone-700">{t("issuedOn")}</dt>
            <dd className="mt-1 text-stone-900">{format.dateTime(credential.validFrom, { dateStyle: "long" })}</dd>
          </div>
          {credential.validUntil && (
            <div>
              <dt className="font-medium text-stone-700">{t("expires")}</dt>
              <dd className="mt-1 text-stone-900">{format.dateTime(credential.validUntil, { dateStyle: "long" })}</dd>
            </div>
          )}
        </dl>
        {credential.achievement.criteriaNarrative && (
          <section className="mt-6">
            <h2 className="text-lg font-semibold text-stone-900">{t("criteria")}</h2>
            {/* Sanitised Markdown (criteriaHtml allows only simple formatting and links). */}
            <div className="prose-criteria mt-2 space-y-2 text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(credential.achievement.criteriaNarrative) }} />
          </section>
        )}
        <section className="mt-8 border-t border-stone-200 pt-6">
          <h2 className="text-lg font-semibold text-stone-900">{t("downloads")}</h2>
          <div className="mt-3 flex flex-wrap gap-2">
            <a href={`/c/${credential.id}/credential.json`} className={buttonClasses("secondary")}>{t("downloadJson")}</a>
            <a href={`/c/${credential.id}/credential.jwt`} className={buttonClasses("secondary")}>{t("downloadJwt")}</a>
            <a href={`/c/${credential.id}/badge.png`} className={buttonClasses("secondary")}>{t("downloadPng")}</a>
            <a href={`/c/${credential.id}/badge.svg`} className={buttonClasses("secondary")}>{t("downloadSvg")}</a>
            <a href={`/c/${credential.id}/ob2`} className={buttonClasses("secondary")}>{t("downloadOb2")}</a>
            {credential.hasCertificate && <a href={`/c/${credential.id}/certificate.pdf`} className={buttonClasses("secondary")}>{t("downloadPdf")}</a>}
          </div>
        </section>
        {credential.achievement.howToEarnUrl && credential.state === "valid" && (
          <a href={credential.achievement.howToEarnUrl} className={buttonClasses("primary", "mt-8 px-6 py-3 text-base")}>{t("earnThis")}</a>
        )}
      </article>
    </PublicShell>
  );
}
