import Link from "next/link";
import { formatStoredDate } from "@/lib/dates";
import { getFormatter, getTranslations } from "next-intl/server";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { buttonClasses } from "@/components/ui/button";
import { criteriaHtml } from "@/lib/design/criteria-markdown";
import type { CredentialPageData } from "@/lib/issuing/public-views";
import { brandAccent } from "@/lib/public/brand";
import type { CredentialVerification, CredentialViewer } from "@/lib/public/credential-page";
import { ArrowIcon, DownloadIcon } from "./icons";
import { SkillsAndAlignments } from "./skills";
import { VerificationBanner } from "./verification-banner";

type Props = { credential: CredentialPageData; verification: CredentialVerification; viewer: CredentialViewer };

/** /c/{id}: the same for the cached (signed-out) and the per-request variant; `viewer` says who looks. */
export async function CredentialView({ credential, verification, viewer }: Props) {
  const [t, format] = await Promise.all([getTranslations("publicPages"), getFormatter()]);
  const { achievement, organization } = credential;
  const accent = brandAccent(organization.primaryColor);
  const date = (value: Date) => formatStoredDate(value, (readable) => format.dateTime(readable, { dateStyle: "long" }));
  const base = `/c/${credential.id}`;
  const downloads = [
    { href: `${base}/credential.json`, label: t("downloads.json") },
    { href: `${base}/credential.jwt`, label: t("downloads.jwt") },
    { href: `${base}/badge.png`, label: t("downloads.png") },
    { href: `${base}/badge.svg`, label: t("downloads.svg") },
    { href: `${base}/ob2`, label: t("downloads.ob2") },
    ...(credential.hasCertificate ? [{ href: `${base}/certificate.pdf`, label: t("downloads.pdf") }] : []),
  ];

  return (
    <div className="space-y-6">
      {credential.visibility === "private" && (
        <p className="rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm text-stone-800" data-testid="private-note">
          {t("credential.privateNote", { issuer: organization.name })}
        </p>
      )}
      <VerificationBanner verification={verification} />

      <div className="grid gap-6 lg:grid-cols-3">
        <article aria-labelledby="credential-title" className="overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm lg:col-span-2">
          <div aria-hidden="true" className="h-2" style={{ backgroundColor: accent.background }} />
          <div className="p-6 sm:p-8">
            <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
              {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutable badge image */}
              <img
                src={credential.imageSrc}
                alt={t("credential.badgeAlt", { name: achievement.name })}
                width={160}
                height={160}
                className="h-40 w-40 shrink-0 self-center object-contain sm:self-start"
              />
              <div className="min-w-0">
                <p className="text-sm font-semibold uppercase tracking-wide text-stone-700">{achievement.achievementType}</p>
                <h1 id="credential-title" className="mt-1 text-3xl font-bold break-words text-stone-900">{achievement.name}</h1>
                {credential.recipientName && (
                  <p className="mt-2 text-lg text-stone-800" data-testid="recipient">{t("credential.awardedTo", { name: credential.recipientName })}</p>
                )}
                <p className="mt-4 whitespace-pre-line text-stone-800">{achievement.description}</p>
              </div>
            </div>

            <dl className="mt-8 grid gap-4 border-t border-stone-200 pt-6 text-sm sm:grid-cols-3">
              <div>
                <dt className="font-medium text-stone-700">{t("credential.issuedBy")}</dt>
                <dd className="mt-1 flex items-center gap-2">
                  <OrgAvatar org={organization} size="sm" />
                  <Link href={`/o/${organization.id}`} className="font-semibold text-brand-800 underline underline-offset-2">{organization.name}</Link>
                </dd>
              </div>
              <div>
                <dt className="font-medium text-stone-700">{t("credential.issuedOn")}</dt>
                <dd className="mt-1 text-stone-900">{date(credential.validFrom)}</dd>
              </div>
              <div>
                <dt className="font-medium text-stone-700">{credential.state === "expired" ? t("credential.expired") : t("credential.expires")}</dt>
                <dd className="mt-1 text-stone-900">{credential.validUntil ? date(credential.validUntil) : t("credential.noExpiry")}</dd>
              </div>
            </dl>

            {(achievement.criteriaNarrative || achievement.criteriaUrl) && (
              <section aria-labelledby="criteria-title" className="mt-8">
                <h2 id="criteria-title" className="text-lg font-semibold text-stone-900">{t("credential.criteria")}</h2>
                {achievement.criteriaNarrative && (
                  // Sanitised Markdown (criteriaHtml allows only simple formatting and links).
                  <div className="prose-criteria mt-2 space-y-2 text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(achievement.criteriaNarrative) }} />
                )}
                {achievement.criteriaUrl && (
                  <a href={achievement.criteriaUrl} rel="nofollow noopener" className="mt-2 inline-block text-brand-800 underline underline-offset-2">{t("credential.criteriaLink")}</a>
                )}
              </section>
            )}

            {credential.narrative && (
              <section aria-labelledby="narrative-title" className="mt-8">
                <h2 id="narrative-title" className="text-lg font-semibold text-stone-900">{t("credential.narrative")}</h2>
                <div className="prose-criteria mt-2 space-y-2 text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(credential.narrative) }} />
              </section>
            )}

            {credential.evidence.length > 0 && (
              <section aria-labelledby="evidence-title" className="mt-8">
                <h2 id="evidence-title" className="text-lg font-semibold text-stone-900">{t("credential.evidence")}</h2>
                <ul className="mt-3 space-y-3">
                  {credential.evidence.map((item, index) => (
                    <li key={index} className="rounded-lg border border-stone-200 p-4">
                      <p className="font-medium text-stone-900">{item.name ?? t("credential.evidenceUntitled", { number: index + 1 })}</p>
                      {item.description && <p className="mt-1 text-sm text-stone-700">{item.description}</p>}
                      {item.narrative && (
                        <div className="prose-criteria mt-2 space-y-2 text-sm text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(item.narrative) }} />
                      )}
                      {item.id && (
                        <a href={item.id} rel="nofollow noopener" className="mt-2 inline-block text-sm text-brand-800 underline underline-offset-2">{t("credential.evidenceLink")}</a>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}

            <SkillsAndAlignments
              skills={achievement.tags}
              alignments={achievement.alignments}
              titles={{ skills: t("credential.skills"), alignments: t("credential.alignments") }}
              codeLabel={(code) => t("credential.alignmentCode", { code })}
            />
          </div>
        </article>

        <aside className="space-y-6" aria-label={t("credential.details")}>
          {viewer === "learner" ? (
            <section aria-labelledby="yours-title" className="rounded-2xl border border-brand-200 bg-brand-50 p-6" data-testid="yours">
              <h2 id="yours-title" className="text-lg font-semibold text-brand-900">{t("yours.heading")}</h2>
              <p className="mt-1 text-sm text-brand-900">{t("yours.body")}</p>
              <Link href="/backpack" className={buttonClasses("primary", "mt-4 w-full")}>{t("yours.link")}</Link>
            </section>
          ) : (
            <section aria-labelledby="earn-title" className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm" data-testid="earn">
              <h2 id="earn-title" className="text-lg font-semibold text-stone-900">{t("earn.heading")}</h2>
              <p className="mt-1 text-sm text-stone-700">{t("earn.body", { issuer: organization.name })}</p>
              {achievement.howToEarnUrl ? (
                <a
                  href={`${base}/earn`}
                  rel="nofollow"
                  className="mt-4 inline-flex w-full items-center justify-center gap-2 rounded-lg px-5 py-3 text-base font-semibold shadow-sm transition hover:opacity-90"
                  style={{ backgroundColor: accent.background, color: accent.foreground }}
                >
                  {t("earn.cta")}
                  <ArrowIcon />
                </a>
              ) : (
                <Link href={`/b/${achievement.id}`} className={buttonClasses("primary", "mt-4 w-full py-3 text-base")}>
                  {t("earn.howTo")}
                  <ArrowIcon />
                </Link>
              )}
              {viewer === "issuer" && <p className="mt-4 text-xs text-stone-700">{t("issuerNote")}</p>}
            </section>
          )}

          <section aria-labelledby="downloads-title" className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
            <h2 id="downloads-title" className="text-lg font-semibold text-stone-900">{t("downloads.heading")}</h2>
            <p className="mt-1 text-sm text-stone-700">{t("downloads.hint")}</p>
            <ul className="mt-3 space-y-1">
              {downloads.map((item) => (
                <li key={item.href}>
                  <a href={item.href} className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-brand-800 hover:bg-stone-100">
                    <DownloadIcon />
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </section>

          <nav aria-label={t("credential.achievementPage")} className="space-y-2 text-sm">
            <Link href={`/b/${achievement.id}`} className="block text-brand-800 underline underline-offset-2">{t("credential.achievementPage")}</Link>
            <Link href={`/o/${organization.id}`} className="block text-brand-800 underline underline-offset-2">{t("credential.issuerPage", { issuer: organization.name })}</Link>
          </nav>
        </aside>
      </div>
    </div>
  );
}
