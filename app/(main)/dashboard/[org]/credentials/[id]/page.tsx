import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { credentialDetail } from "@/lib/issuing/credential-detail";
import { publicUrls } from "@/lib/issuing/urls";
import { StatusBadge } from "../status-badge";
import { CredentialActions } from "./credential-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credentials"))("detailTitle") };
}

export default async function CredentialDetailPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const ctx = await orgPage(slug);
  const credential = await credentialDetail(ctx.org.id, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [t, format] = await Promise.all([getTranslations("credentials"), getFormatter()]);
  const base = `/dashboard/${ctx.org.slug}/credentials`;
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title={credential.recipientName ?? credential.recipientEmail} description={credential.achievement.name} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("details")} />
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div><dt className="font-medium text-stone-700">{t("status")}</dt><dd className="mt-1"><StatusBadge status={credential.status} label={t(`statuses.${credential.status}`)} /></dd></div>
            <div><dt className="font-medium text-stone-700">{t("email")}</dt><dd className="mt-1 text-stone-900">{credential.recipientEmail}</dd></div>
            <div><dt className="font-medium text-stone-700">{t("validFrom")}</dt><dd className="mt-1 text-stone-900">{date(credential.validFrom)}</dd></div>
            <div><dt className="font-medium text-stone-700">{t("validUntil")}</dt><dd className="mt-1 text-stone-900">{credential.validUntil ? date(credential.validUntil) : t("noExpiry")}</dd></div>
            <div><dt className="font-medium text-stone-700">{t("version")}</dt><dd className="mt-1 text-stone-900">{credential.achievementVersion}</dd></div>
            <div>
              <dt className="font-medium text-stone-700">{t("publicPage")}</dt>
              <dd className="mt-1"><a href={publicUrls.credential(credential.id)} className="break-all text-brand-700 underline">{publicUrls.credential(credential.id)}</a></dd>
            </div>
            {credential.revokedAt && (
              <div className="sm:col-span-2"><dt className="font-medium text-stone-700">{t("revocationReason")}</dt><dd className="mt-1 text-stone-900">{credential.revocationReason}</dd></div>
            )}
            {credential.replacedById && (
              <div className="sm:col-span-2"><dt className="font-medium text-stone-700">{t("replacedBy")}</dt><dd className="mt-1"><Link href={`${base}/${credential.replacedById}`} className="text-brand-700 underline">{t("viewReplacement")}</Link></dd></div>
            )}
            {credential.replacesId && (
              <div className="sm:col-span-2"><dt className="font-medium text-stone-700">{t("replaces")}</dt><dd className="mt-1"><Link href={`${base}/${credential.replacesId}`} className="text-brand-700 underline">{t("viewPrevious")}</Link></dd></div>
            )}
          </dl>
        </Card>
        <Card>
          <CardHeader title={t("timeline")} />
          <ol className="relative space-y-4 border-l-2 border-stone-200 pl-4" aria-label={t("timeline")}>
            {credential.events.map((event) => (
              <li key={event.id} data-testid="timeline-event">
                <span className="absolute -left-[7px] mt-1.5 h-3 w-3 rounded-full bg-brand-700" aria-hidden="true" />
                <p className="text-sm font-medium text-stone-900">{t.has(`events.${event.type}`) ? t(`events.${event.type}`) : event.type}{event.channel ? ` · ${event.channel}` : ""}</p>
                <time dateTime={event.createdAt.toISOString()} className="text-xs text-stone-600">{date(event.createdAt)}</time>
              </li>
            ))}
          </ol>
        </Card>
        {can(ctx.role, "credentials:issue") && (
          <Card className="lg:col-span-3">
            <CardHeader title={t("actions")} />
            <CredentialActions
              org={ctx.org.slug}
              id={credential.id}
              revoked={Boolean(credential.revokedAt)}
              claimed={Boolean(credential.claimedAt)}
              renewed={Boolean(credential.replacedById)}
              credentialsHref={base}
            />
          </Card>
        )}
      </div>
    </>
  );
}
