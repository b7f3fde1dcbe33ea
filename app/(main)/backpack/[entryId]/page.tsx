import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { BadgeImage } from "@/components/backpack/badge-image";
import { StatusBadge } from "@/components/backpack/status-badge";
import { VerificationChecks } from "@/components/backpack/verification-checks";
import { RecheckImport } from "./recheck-import";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { SiteHeader } from "@/components/layout/site-header";
import { ClaimCelebration } from "@/components/sharing/claim-celebration";
import { SharePanel } from "@/components/sharing/share-panel";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { entryDetail } from "@/lib/backpack/entry-detail";
import { MAX_PINS } from "@/lib/backpack/pins";
import { criteriaHtml } from "@/lib/design/criteria-markdown";
import { shareTargets } from "@/lib/sharing/share-targets";
import { AddToCollectionForm, AnswerButtons, PinButton, RestoreButton, VisibilityForm } from "../backpack-forms";

type Props = { params: Promise<{ entryId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser("/backpack");
  const entry = await entryDetail(user.id, (await params).entryId);
  return { title: entry?.name ?? (await getTranslations("backpack"))("title") };
}

export default async function BackpackEntryPage({ params, searchParams }: Props) {
  const [{ entryId }, query] = await Promise.all([params, searchParams]);
  const user = await requireUser(`/backpack/${entryId}`);
  const entry = await entryDetail(user.id, entryId);
  if (!entry) notFound();
  const [t, tPublic, tCollections, tPins, format] = await Promise.all([
    getTranslations("backpack"),
    getTranslations("publicCredential"),
    getTranslations("backpack.collections"),
    getTranslations("backpack.pins"),
    getFormatter(),
  ]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });
  const credentialId = entry.credentialId;
  const shareable = Boolean(credentialId) && entry.state === "accepted" && entry.visibility === "public";
  const share = shareable && credentialId ? await shareTargets(credentialId) : null;
  const available = entry.collections.filter((collection) => !collection.contains);
  const containing = entry.collections.filter((collection) => collection.contains);
  // Just claimed: the badge and its share panel come first, the details after.
  const celebrating = query.claimed === "1" && entry.state === "accepted";
  const Title = celebrating ? "h2" : "h1";

  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-5xl space-y-6 px-4 py-10">
        <Link href="/backpack" className="text-sm font-semibold text-brand-700 underline">{t("detail.back")}</Link>

        {celebrating && <ClaimCelebration name={entry.name} imageSrc={entry.imageSrc} issuer={entry.issuer.name} share={share} entryId={entry.id} />}

        {entry.state === "pending" && credentialId && (
          <Alert tone="info" title={t("status.pending")}>
            <p>{t("detail.pending")}</p>
            <div className="mt-3">
              <AnswerButtons credentialId={credentialId} name={entry.name} />
            </div>
          </Alert>
        )}
        {entry.state === "declined" && credentialId && (
          <Alert tone="warning" title={t("status.declined")}>
            <p>{t("detail.declined")}</p>
            <div className="mt-3">
              <RestoreButton credentialId={credentialId} name={entry.name} />
            </div>
          </Alert>
        )}

        <article id={`entry-${entry.id}`} className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-8">
          <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
            <BadgeImage src={entry.imageSrc} alt={t("card.badgeAlt", { name: entry.name })} size={160} className="self-center" />
            <div className="min-w-0">
              <Title className="text-3xl font-bold break-words text-stone-900">{entry.name}</Title>
              <div className="mt-3 flex flex-wrap gap-1.5">
                <StatusBadge status={entry.status} />
                {entry.source === "import" && <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold text-stone-800">{t("card.imported")}</span>}
              </div>
              {entry.description && <p className="mt-4 text-stone-800">{entry.description}</p>}
            </div>
          </div>

          <dl className="mt-6 grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-stone-700">{t("detail.issuer")}</dt>
              <dd className="mt-1 flex items-center gap-2">
                {entry.issuer.orgId ? (
                  <>
                    <OrgAvatar org={{ name: entry.issuer.name, logo: entry.issuerLogo, primaryColor: entry.issuerColor ?? "#1f5f4a" }} size="sm" />
                    <Link href={`/o/${entry.issuer.orgId}`} className="font-semibold text-brand-700 underline">{entry.issuer.name}</Link>
                  </>
                ) : entry.issuerUrl ? (
                  <a href={entry.issuerUrl} rel="nofollow noopener" className="font-semibold text-brand-700 underline">{entry.issuer.name}</a>
                ) : (
                  <span className="font-semibold text-stone-900">{entry.issuer.name}</span>
                )}
              </dd>
            </div>
            {entry.recipientName && (
              <div>
                <dt className="font-medium text-stone-700">{t("detail.awardedTo")}</dt>
                <dd className="mt-1 text-stone-900">{entry.recipientName}</dd>
              </div>
            )}
            {entry.issuedOn && (
              <div>
                <dt className="font-medium text-stone-700">{t("detail.issuedOn")}</dt>
                <dd className="mt-1 text-stone-900">{day(entry.issuedOn)}</dd>
              </div>
            )}
            <div>
              <dt className="font-medium text-stone-700">{t("detail.expires")}</dt>
              <dd className="mt-1 text-stone-900">{entry.expiresAt ? day(entry.expiresAt) : t("detail.noExpiry")}</dd>
            </div>
          </dl>

          {(entry.criteria.narrative || entry.criteria.url) && (
            <section className="mt-6">
              <h2 className="text-lg font-semibold text-stone-900">{t("detail.criteria")}</h2>
              {entry.criteria.narrative && (
                // Sanitised Markdown (criteriaHtml keeps only simple formatting and links).
                <div className="prose-criteria mt-2 space-y-2 text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(entry.criteria.narrative) }} />
              )}
              {entry.criteria.url && (
                <a href={entry.criteria.url} rel="nofollow noopener" className="mt-2 inline-block text-sm font-semibold text-brand-700 underline">{t("detail.criteriaLink")}</a>
              )}
            </section>
          )}

          {entry.evidence.length > 0 && (
            <section className="mt-6">
              <h2 className="text-lg font-semibold text-stone-900">{t("detail.evidence")}</h2>
              <ul className="mt-2 space-y-2 text-sm text-stone-800">
                {entry.evidence.map((evidence, index) => (
                  <li key={index} className="rounded-lg bg-stone-50 px-3 py-2">
                    {evidence.name && <p className="font-semibold text-stone-900">{evidence.name}</p>}
                    {evidence.description && <p>{evidence.description}</p>}
                    {evidence.narrative && <p className="whitespace-pre-line">{evidence.narrative}</p>}
                    {evidence.url && (
                      <a href={evidence.url} rel="nofollow noopener" className="font-semibold text-brand-700 underline">{t("detail.evidenceLink")}</a>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          {entry.skills.length > 0 && (
            <section className="mt-6">
              <h2 className="text-lg font-semibold text-stone-900">{t("detail.skills")}</h2>
              <ul className="mt-2 flex flex-wrap gap-2">
                {entry.skills.map((skill) => (
                  <li key={skill} className="rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-900">{skill}</li>
                ))}
              </ul>
            </section>
          )}

          {entry.alignments.length > 0 && (
            <section className="mt-6">
              <h2 className="text-lg font-semibold text-stone-900">{t("detail.alignments")}</h2>
              <ul className="mt-2 space-y-1 text-sm text-stone-800">
                {entry.alignments.map((alignment, index) => (
                  <li key={index}>
                    {alignment.targetUrl ? (
                      <a href={alignment.targetUrl} rel="nofollow noopener" className="font-semibold text-brand-700 underline">{alignment.targetName}</a>
                    ) : (
                      <span className="font-semibold text-stone-900">{alignment.targetName}</span>
                    )}
                    {alignment.targetFramework && <span className="text-stone-700"> · {alignment.targetFramework}</span>}
                    {alignment.targetCode && <span className="text-stone-700"> · {t("detail.code", { code: alignment.targetCode })}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="mt-8 border-t border-stone-200 pt-6" aria-labelledby="verification-heading">
            <h2 id="verification-heading" className="text-lg font-semibold text-stone-900">{t("detail.verification")}</h2>
            <div className="mt-3">
              <VerificationChecks
                verification={entry.verification}
                recheck={entry.source === "import" && entry.verification?.verdict !== "valid" ? <RecheckImport entryId={entry.id} /> : undefined}
              />
            </div>
            {entry.source === "import" && (entry.importUrl || entry.importFormat) && (
              <p className="mt-3 text-sm wrap-anywhere text-stone-700">
                {entry.importUrl ? t("detail.importedFrom", { url: entry.importUrl }) : t("detail.importedAs", { format: entry.importFormat ?? "" })}
              </p>
            )}
          </section>

          {credentialId && (
            <section className="mt-8 border-t border-stone-200 pt-6">
              <h2 className="text-lg font-semibold text-stone-900">{t("detail.downloads")}</h2>
              <div className="mt-3 flex flex-wrap gap-2">
                <a href={`/c/${credentialId}`} className={buttonClasses("primary")}>{t("detail.publicPage")}</a>
                <a href={`/c/${credentialId}/badge.png`} className={buttonClasses("secondary")}>{tPublic("downloadPng")}</a>
                <a href={`/c/${credentialId}/badge.svg`} className={buttonClasses("secondary")}>{tPublic("downloadSvg")}</a>
                <a href={`/c/${credentialId}/credential.json`} className={buttonClasses("secondary")}>{tPublic("downloadJson")}</a>
                <a href={`/c/${credentialId}/credential.jwt`} className={buttonClasses("secondary")}>{tPublic("downloadJwt")}</a>
                <a href={`/c/${credentialId}/ob2`} className={buttonClasses("secondary")}>{tPublic("downloadOb2")}</a>
                {entry.hasCertificate && <a href={`/c/${credentialId}/certificate.pdf`} className={buttonClasses("secondary")}>{tPublic("downloadPdf")}</a>}
              </div>
            </section>
          )}
        </article>

        {entry.state !== "declined" && (
          <div className="grid grid-cols-1 gap-6 md:grid-cols-3">
            <Card>
              <CardHeader title={t("visibility.heading")} />
              <VisibilityForm entryId={entry.id} visibility={entry.visibility} />
            </Card>
            <Card>
              <CardHeader
                title={tPins("heading")}
                description={entry.pinPosition ? tPins("pinnedAs", { position: entry.pinPosition, max: MAX_PINS }) : tPins("notPinned", { max: MAX_PINS })}
              />
              {entry.state === "accepted" ? <PinButton entryId={entry.id} pinned={Boolean(entry.pinPosition)} /> : null}
            </Card>
            <Card>
              <CardHeader
                title={tCollections("addToHeading")}
                description={containing.length ? tCollections("inCollections", { names: containing.map((c) => c.name).join(", ") }) : undefined}
              />
              {entry.state !== "accepted" ? null : entry.collections.length === 0 ? (
                <p className="text-sm text-stone-700">
                  {tCollections("noCollections")}{" "}
                  <Link href="/backpack/collections" className="font-semibold text-brand-700 underline">{tCollections("createLink")}</Link>
                </p>
              ) : available.length > 0 ? (
                <AddToCollectionForm entryId={entry.id} collections={available} />
              ) : (
                <Link href="/backpack/collections" className="text-sm font-semibold text-brand-700 underline">{tCollections("manage")}</Link>
              )}
            </Card>
          </div>
        )}

        {share && !celebrating && <SharePanel targets={share} credentialName={entry.name} />}
      </main>
    </>
  );
}
