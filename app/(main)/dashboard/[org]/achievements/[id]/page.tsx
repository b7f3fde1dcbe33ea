import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { achievementTypeLabeller } from "@/lib/i18n/achievement-type";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage, pageId } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { criteriaHtml } from "@/lib/design/criteria-markdown";
import type { CertificateTemplate } from "@/lib/design/certificate-template";
import { AppError } from "@/lib/errors";
import { achievementDetail } from "@/lib/issuing/achievements";
import { credentialKind } from "@/lib/issuing/credential-kind";
import { testAddressOf } from "@/lib/issuing/send-test";
import { publicUrls } from "@/lib/issuing/urls";
import type { AchievementInput } from "@/lib/issuing/schemas";
import { ArchiveButton } from "../archive-button";
import { AwardEmailForm } from "./award-email-form";
import { SendTestButton } from "./send-test-button";
import { TableHead } from "@/components/ui/table-head";

type Props = { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ saved?: string }> };

async function load(org: string, id: string) {
  const ctx = await orgPage(org);
  const achievement = await achievementDetail(ctx.org.id, pageId(id)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return { ctx, achievement };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org, id } = await params;
  return { title: (await load(org, id)).achievement.name };
}

export default async function AchievementDetailPage({ params, searchParams }: Props) {
  const { org, id } = await params;
  const { ctx, achievement } = await load(org, id);
  const [t, typeLabel, tLayouts, tAward, tTest, format, { saved }, testAddress] = await Promise.all([
    getTranslations("achievements.detail"),
    achievementTypeLabeller(),
    getTranslations("certificateLayouts.layouts"),
    getTranslations("awardEmail"),
    getTranslations("testSend"),
    getFormatter(),
    searchParams,
    testAddressOf(ctx.user.id),
  ]);
  const base = `/dashboard/${ctx.org.slug}`;
  const canDesign = can(ctx.role, "achievements:design");
  const canIssue = can(ctx.role, "credentials:issue");
  const alignments = (achievement.alignments as AchievementInput["alignment"] | null) ?? [];
  const certificate = achievement.certificate as CertificateTemplate | null;
  const type = typeLabel(achievement.achievementType);
  return (
    <>
      <PageHeader
        title={achievement.name}
        description={type}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={`/b/${achievement.id}`} className={buttonClasses("ghost")}>{t("publicPage")}</Link>
            {canDesign && <Link href={`${base}/achievements/${achievement.id}/edit`} className={buttonClasses("secondary")}>{t("edit")}</Link>}
            {!achievement.archivedAt && can(ctx.role, "credentials:issue") && (
              <Link href={`${base}/issue?achievement=${achievement.id}`} className={buttonClasses("primary")}>{t("issue")}</Link>
            )}
          </div>
        }
      />
      {saved && <Alert tone="success" className="mb-6">{t("saved", { version: achievement.version })}</Alert>}
      {achievement.archivedAt && <Alert tone="warning" className="mb-6">{t("archivedNote")}</Alert>}
      <div className="grid gap-6 lg:grid-cols-[1fr_300px]">
        <div className="space-y-6">
          <Card>
            <CardHeader title={t("aboutTitle")} />
            <p className="whitespace-pre-line text-stone-800">{achievement.description}</p>
            <dl className="mt-6 grid gap-4 text-sm sm:grid-cols-2">
              <Item label={t("criteria")} wide>
                {achievement.criteriaNarrative && (
                  <div className="prose-sm space-y-2 text-stone-800 [&_a]:text-brand-700 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5" dangerouslySetInnerHTML={{ __html: criteriaHtml(achievement.criteriaNarrative) }} />
                )}
                {achievement.criteriaUrl && <a href={achievement.criteriaUrl} className="mt-1 inline-block break-all text-brand-700 underline">{achievement.criteriaUrl}</a>}
              </Item>
              <Item label={t("tags")}>{achievement.tags.length ? achievement.tags.join(", ") : t("none")}</Item>
              <Item label={t("expiry")}>
                {achievement.expiresAfterValue && achievement.expiresAfterUnit
                  ? t("expiresAfter", { value: achievement.expiresAfterValue, unit: achievement.expiresAfterUnit })
                  : t("neverExpires")}
              </Item>
              <Item label={t("evidence")}>{achievement.evidenceRequired ? t("evidenceRequired") : t("evidenceOptional")}</Item>
              <Item label={t("howToEarn")}>
                {achievement.howToEarnUrl ? <a href={achievement.howToEarnUrl} className="break-all text-brand-700 underline">{achievement.howToEarnUrl}</a> : t("none")}
              </Item>
              <Item label={t("certificate")}>
                {certificate ? t("certificateOn", { paper: `${tLayouts(certificate.layout ?? "classic")} · ${certificate.paperSize}`, signers: certificate.signers.map((s) => s.name).join(", ") || t("none") }) : t("certificateOff")}
                {certificate && (
                  // eslint-disable-next-line @next/next/no-img-element -- rendered on the server for this achievement's settings
                  <img
                    src={`${base}/achievements/${achievement.id}/certificate-preview.png?v=${achievement.version}`}
                    alt={t("certificatePreviewAlt")}
                    loading="lazy"
                    className="mt-2 w-full max-w-md rounded border border-stone-200"
                  />
                )}
              </Item>
              {alignments.length > 0 && (
                <Item label={t("alignments")} wide>
                  <ul className="space-y-1">
                    {alignments.map((alignment) => (
                      <li key={alignment.targetUrl + alignment.targetName}>
                        <a href={alignment.targetUrl} className="text-brand-700 underline">{alignment.targetName}</a>
                        {(alignment.targetFramework || alignment.targetCode) && (
                          <span className="text-stone-600"> · {[alignment.targetFramework, alignment.targetCode].filter(Boolean).join(" · ")}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </Item>
              )}
            </dl>
          </Card>
          {canDesign && (
            <Card>
              <CardHeader title={tAward("title")} description={tAward("body")} />
              <AwardEmailForm
                org={ctx.org.slug}
                achievementId={achievement.id}
                achievementName={achievement.name}
                organizationName={ctx.org.name}
                kind={credentialKind(achievement.achievementType)}
                subject={achievement.awardEmailSubject ?? ""}
                body={achievement.awardEmailBody ?? ""}
                issuedOn={format.dateTime(new Date(), { dateStyle: "long" })}
                sampleClaimUrl={publicUrls.credential("sample")}
              />
            </Card>
          )}
          <Card>
            <CardHeader title={t("versionsTitle")} description={t("versionsBody")} id="versions-heading" />
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="versions-heading">
                <TableHead columns={[t("version"), t("versionName"), t("versionCredentials"), t("versionImage")]} />
                <tbody className="divide-y divide-stone-100">
                  {achievement.versions.map((version) => (
                    <tr key={version.version} data-testid="version-row">
                      <td className="py-2 pr-4 text-stone-900">
                        {t("versionN", { n: version.version })} {version.current && <span className="ml-1 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-800">{t("current")}</span>}
                      </td>
                      <td className="py-2 pr-4 text-stone-800">{version.name}</td>
                      <td className="py-2 pr-4 text-stone-800">{format.number(version.credentialCount)}</td>
                      <td className="py-2">
                        <a href={`/b/${achievement.id}/v/${version.version}/image.png`} className="text-brand-700 underline">{t("versionImageLink", { n: version.version })}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
        <aside className="space-y-4">
          <Card>
            {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutably cached badge image */}
            <img src={achievement.imageSrc} alt={t("imageAlt", { name: achievement.name })} width={260} height={260} className="mx-auto h-64 w-64 object-contain" />
            <p className="mt-3 text-center text-sm text-stone-700">{t("summary", { version: achievement.version, count: achievement.credentialCount })}</p>
          </Card>
          {canIssue && !achievement.archivedAt && (
            <div id="send-test" className="scroll-mt-24">
            <Card>
              <CardHeader title={tTest("title")} description={testAddress ? tTest("body", { email: testAddress.email }) : tTest("noVerified")} />
              {testAddress && (
                <>
                  <p className="mb-3 text-sm text-stone-700">{tTest("counts")}</p>
                  <SendTestButton org={ctx.org.slug} achievementId={achievement.id} credentialsHref={`${base}/credentials`} />
                </>
              )}
            </Card>
            </div>
          )}
          {canDesign && <ArchiveButton org={ctx.org.slug} achievementId={achievement.id} archived={Boolean(achievement.archivedAt)} />}
        </aside>
      </div>
    </>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="font-medium text-stone-700">{label}</dt>
      <dd className="mt-1 text-stone-900">{children}</dd>
    </div>
  );
}
