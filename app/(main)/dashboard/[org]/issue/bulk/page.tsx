import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FeatureLocked } from "@/components/billing/feature-locked";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { orgPage } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { entitlementsOf } from "@/lib/billing/entitlements";
import { listAchievements } from "@/lib/issuing/achievements";
import { BULK_LIMITS } from "@/lib/issuing/bulk/parse";
import { listBulkJobs } from "@/lib/issuing/bulk/queries";
import { BulkUploadForm } from "./bulk-upload-form";
import { JobStatusBadge } from "./job-status-badge";
import { TableHead } from "@/components/ui/table-head";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk"))("title") };
}

export default async function BulkIssuePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug, REQUIRED_ROLE["credentials:issue"]);
  const entitlements = entitlementsOf(ctx.org);
  if (!entitlements.features.includes("bulkIssue")) {
    return <FeatureLocked feature="bulkIssue" title={(await getTranslations("bulk"))("title")} entitlements={entitlements} slug={ctx.org.slug} />;
  }
  const [t, format, achievements, jobs] = await Promise.all([
    getTranslations("bulk"),
    getFormatter(),
    listAchievements(ctx.org.id),
    listBulkJobs(ctx.org.id),
  ]);
  const base = `/dashboard/${ctx.org.slug}/issue/bulk`;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle", { maxRows: BULK_LIMITS.maxRows, maxMb: BULK_LIMITS.maxBytes / 1024 / 1024 })}
        actions={<Link href={`/dashboard/${ctx.org.slug}/groups`} className="text-sm font-medium text-brand-800 underline">{(await getTranslations("groups"))("title")}</Link>}
      />
      <div className="space-y-6">
        {achievements.length === 0 ? (
          <EmptyState title={t("noAchievementsTitle")} description={t("noAchievementsBody")}>
            <Link href={`/dashboard/${ctx.org.slug}/achievements`} className={buttonClasses("primary")}>{t("createAchievement")}</Link>
          </EmptyState>
        ) : (
          <BulkUploadForm org={ctx.org.slug} achievements={achievements.map((a) => ({ id: a.id, name: a.name }))} />
        )}
        <Card>
          <CardHeader title={t("jobs.title")} id="bulk-jobs-heading" />
          {jobs.length === 0 ? (
            <p className="text-sm text-stone-700">{t("jobs.none")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="bulk-jobs-heading">
                <TableHead columns={[t("jobs.file"), t("jobs.achievement"), t("jobs.progress"), t("jobs.status"), t("jobs.created")]} />
                <tbody className="divide-y divide-stone-100">
                  {jobs.map((job) => (
                    <tr key={job.id} data-testid="bulk-job-row">
                      <td className="py-3 pr-4">
                        <Link href={`${base}/${job.id}`} className="font-medium text-brand-800 underline">{job.fileName}</Link>
                      </td>
                      <td className="py-3 pr-4">{job.achievement.name}</td>
                      <td className="py-3 pr-4">{t("jobs.counts", { done: job.done, total: job.total, issued: job.issued, failed: job.failed })}</td>
                      <td className="py-3 pr-4"><JobStatusBadge status={job.status} failed={job.failed} /></td>
                      <td className="py-3 text-stone-700">{format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
