import { formatStoredDate } from "@/lib/dates";
import { getFormatter, getTranslations } from "next-intl/server";
import { achievementTypeLabeller } from "@/lib/i18n/achievement-type";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { buttonClasses } from "@/components/ui/button";
import { criteriaHtml } from "@/lib/design/criteria-markdown";
import { credentialKind, kindKey } from "@/lib/issuing/credential-kind";
import { brandAccent } from "@/lib/public/brand";
import type { CredentialPage, CredentialVerification, CredentialViewer } from "@/lib/public/credential-page";
import { cn } from "@/components/ui/cn";
import { EarnCallToAction } from "./earn-call-to-action";
import { DownloadIcon } from "./icons";
import { StatusBand } from "./status-band";
import { SkillsAndAlignments } from "./skills";
import { VerificationBanner } from "./verification-banner";

type Props = { credential: CredentialPage; verification: CredentialVerification; viewer: CredentialViewer };

/**
 * /c/{id}: the same for the cached (signed-out) and the per-request variant; `viewer` says who looks.
 * On every screen the badge, its earner and the call to action come first (a shared link is a
 * visitor's first look); the checks wait behind one "Verified" line; details and downloads follow.
 */
export async function CredentialView({ credential, verification, viewer }: Props) {
  const [t, format, typeLabel] = await Promise.all([getTranslations("publicPages"), getFormatter(), achievementTypeLabeller()]);
  const { achievement, organization } = credential;
  const accent = brandAccent(organization.primaryColor);
  // A certificate's page says "certificate" where a badge's says "badge".
  const kind = credentialKind(achievement.achievementType);
  const date = (value: Date) => formatStoredDate(value, (readable) => format.dateTime(readable, { dateStyle: "long" }));
  const base = `/c/${credential.id}`;
  const downloads = [
    { href: `${base}/credential.json`, label: t("downloads.json") },
    { href: `${base}/credential.jwt`, label: t("downloads.jwt") },
    { href: `${base}/badge.png`, label: t(kindKey("downloads.png", kind)) },
    { href: `${base}/badge.svg`, label: t(kindKey("downloads.svg", kind)) },
    { href: `${base}/ob2`, label: t("downloads.ob2") },
    ...(credential.hasCertificate ? [{ href: `${base}/certificate.pdf`, label: t("downloads.pdf") }] : []),
  ];

  const faded = credential.state === "revoked" || credential.state === "expired";
  const earner = credential.recipientName ?? credential.profileHandle;

  return (
    <div className="space-y-6">
      {credential.visibility === "private" && (
        <p className="rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm text-stone-800" data-testid="private-note">
          {t("credential.privateNote", { issuer: organization.name })}
        </p>
      )}
      <StatusBand credential={credential} />

      <div className="grid gap-6 lg:grid-cols-3">
        <article aria-labelledby="credential-title" className="min-w-0 overflow-hidden panel lg:col-span-2" data-testid="credential-hero">
          <div aria-hidden="true" className="h-2" style={{ backgroundColor: faded ? "#a8a29e" : accent.background }} />
          <div className="p-5 sm:p-8">
            <div className="flex flex-row items-start gap-4 sm:gap-6">
              {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutable badge image */}
              <img
                src={credential.imageSrc}
                alt={t(kindKey("credential.badgeAlt", kind), { name: achievement.name })}
                width={160}
                height={160}
                className={cn("h-24 w-24 shrink-0 object-contain sm:h-40 sm:w-40", faded && "opacity-60 grayscale")}
                data-testid="credential-badge"
                data-faded={faded ? "true" : undefined}
              />
              <div className="min-w-0 flex-1">
                <p className="text-xs font-semibold uppercase tracking-wide text-stone-700 sm:text-sm">{typeLabel(achievement.achievementType)}</p>
                <h1 id="credential-title" className="mt-1 text-2xl font-bold break-words text-stone-900 sm:text-3xl">{achievement.name}</h1>
                {earner && (
                  <p className="mt-2 text-base break-words text-stone-800 sm:text-lg" data-testid="recipient">
                    {credential.profileHandle ? (
                      <>
                        {t("credential.awardedToLabel")}{" "}
                        <a href={`/u/${encodeURIComponent(credential.profileHandle)}`} className="font-semibold link" aria-label={t("credential.profileLink", { name: earner })}>
                          {earner}
                        </a>
                      </>
                    ) : (
                      t("credential.awardedTo", { name: earner })
                    )}
                  </p>
                )}
                <div className="mt-2 flex min-w-0 items-start gap-2 text-sm text-stone-700">
                  <OrgAvatar org={organization} size="sm" />
                  <p className="min-w-0">
                    <a href={`/o/${organization.id}`} className="font-semibold break-words link">{organization.name}</a>
                    <span className="block">{date(credential.validFrom)}</span>
                  </p>
                </div>
              </div>
            </div>

            {credential.results.length > 0 && (
              <dl className="mt-4 flex flex-wrap gap-3" data-testid="results">
                {credential.results.map((result, index) => (
                  <div key={index} className="rounded-lg border border-stone-200 bg-stone-50 px-3 py-2">
                    <dt className="text-xs font-medium text-stone-700">{result.name ?? t("credential.resultUnnamed")}</dt>
                    <dd className="text-lg font-bold break-words text-stone-900">{result.value}</dd>
                  </div>
                ))}
              </dl>
            )}

            <div className="mt-4">
              <VerificationBanner verification={verification} />
            </div>
          </div>
        </article>

        {viewer === "learner" ? (
          <section aria-labelledby="yours-title" className="self-start rounded-2xl border border-brand-200 bg-brand-50 p-6" data-testid="yours">
            <h2 id="yours-title" className="text-lg font-semibold text-brand-900">{t("yours.heading")}</h2>
            <p className="mt-1 text-sm text-brand-900">{t("yours.body")}</p>
            <a href="/backpack" className={buttonClasses("primary", "mt-4 w-full")}>{t("yours.link")}</a>
          </section>
        ) : (
          // A revoked or expired credential invites no one to earn it (its page is a record now),
          // nor does a badge its issuer no longer awards.
          credential.state !== "revoked" && credential.state !== "expired" && achievement.archivedAt === null && (
            <EarnCallToAction
              href={`${base}/earn`}
              destination={credential.earn}
              issuer={organization.name}
              accent={accent}
              issuerNote={viewer === "issuer" ? t("issuerNote") : null}
              kind={kind}
            />
          )
        )}

        <div className="min-w-0 panel p-5 sm:p-8 lg:col-span-2 lg:col-start-1">
          <p className="whitespace-pre-line break-words text-stone-800">{achievement.description}</p>

          <dl className="mt-6 grid gap-4 border-t border-stone-200 pt-6 text-sm sm:grid-cols-3">
            <div>
              <dt className="font-medium text-stone-700">{t("credential.issuedBy")}</dt>
              <dd className="mt-1 break-words">
                <a href={`/o/${organization.id}`} className="font-semibold link">{organization.name}</a>
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
                <div className="prose-criteria mt-2 space-y-2 break-words text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(achievement.criteriaNarrative) }} />
              )}
              {achievement.criteriaUrl && (
                <a href={achievement.criteriaUrl} rel="nofollow noopener" className="mt-2 inline-block link">{t("credential.criteriaLink")}</a>
              )}
            </section>
          )}

          {credential.narrative && (
            <section aria-labelledby="narrative-title" className="mt-8">
              <h2 id="narrative-title" className="text-lg font-semibold text-stone-900">{t("credential.narrative")}</h2>
              <div className="prose-criteria mt-2 space-y-2 break-words text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(credential.narrative) }} />
            </section>
          )}

          {credential.evidence.length > 0 && (
            <section aria-labelledby="evidence-title" className="mt-8" data-testid="evidence">
              <h2 id="evidence-title" className="text-lg font-semibold text-stone-900">{t("credential.evidence")}</h2>
              <ul className="mt-3 space-y-3">
                {credential.evidence.map((item, index) => (
                  <li key={index} className="rounded-lg border border-stone-200 p-4">
                    <p className="font-medium break-words text-stone-900">{item.name ?? t("credential.evidenceUntitled", { number: index + 1 })}</p>
                    {item.description && <p className="mt-1 text-sm break-words text-stone-700">{item.description}</p>}
                    {item.narrative && (
                      <div className="prose-criteria mt-2 space-y-2 text-sm break-words text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(item.narrative) }} />
                    )}
                    {item.id && (
                      <a href={item.id} rel="nofollow noopener" className="mt-2 inline-block text-sm link">{t("credential.evidenceLink")}</a>
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

        <aside className="min-w-0 space-y-6 self-start lg:col-start-3" aria-label={t("credential.details")}>
          <section aria-labelledby="downloads-title" className="panel p-6" data-testid="downloads">
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

          <nav aria-label={t(kindKey("credential.achievementPage", kind))} className="space-y-2 text-sm">
            <a href={`/b/${achievement.id}`} className="block link">{t(kindKey("credential.achievementPage", kind))}</a>
            <a href={`/o/${organization.id}`} className="block break-words link">{t("credential.issuerPage", { issuer: organization.name })}</a>
            {credential.profileHandle && earner && (
              <a href={`/u/${encodeURIComponent(credential.profileHandle)}`} className="block break-words link">{t("credential.profileLink", { name: earner })}</a>
            )}
          </nav>
        </aside>
      </div>
    </div>
  );
}
