import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage, pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getBulkJob, listBulkFailures } from "@/lib/issuing/bulk/queries";
import { notFound } from "next/navigation";
import { BulkProgress } from "./bulk-progress";
import { FailureList } from "./failure-list";
import { RetryFailedRowsForm } from "./retry-form";
import { buttonClasses } from "@/components/ui/button";
import { BULK_FIELDS } from "@/lib/issuing/bulk/columns";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk"))("job.title") };
}

export default async function BulkJobPage({ params }: { params: Promise<{ org: string; jobId: string }> }) {
  const { org: slug, jobId } = await params;
  const ctx = await orgPage(slug, REQUIRED_ROLE["credentials:issue"]);
  const job = await getBulkJob(ctx.org.id, pageId(jobId)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [t, format, failures] = await Promise.all([getTranslations("bulk"), getFormatter(), listBulkFailures(ctx.org.id, job.id)]);
  const base = `/dashboard/${ctx.org.slug}/issue/bulk`;
  const tTools = await getTranslations("bulkTools");
  const finished = job.status === "completed" || job.status === "failed";
  // The fields the failed rows hold, email and name always: what the issuer may correct.
  const fields = BULK_FIELDS.filter((field) => field === "email" || field === "name" || failures.some((failure) => failure.values[field] !== undefined));
  return (
    <>
      <PageHeader
        title={t("job.heading", { file: job.fileName })}
        description={t("job.subtitle", { achievement: job.achievement.name, date: format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
        actions={<Link href={base} className="text-sm font-medium text-brand-800 underline">{t("job.back")}</Link>}
      />
      <div className="space-y-6">
        {/* Keyed by state: a retry puts the job back in the queue, and the bar follows it again. */}
        <BulkProgress key={job.status} org={ctx.org.slug} initial={JSON.parse(JSON.stringify(job))} reportUrl={`${base}/${job.id}/report`} />
        <Card>
          <CardHeader title={t("job.failuresTitle", { count: job.failed })} />
          {finished && failures.length > 0 ? (
            <div className="space-y-4">
              <div className="flex flex-wrap items-center gap-3 text-sm">
                <a href={`${base}/${job.id}/failed-rows`} download className={buttonClasses("secondary")}>{tTools("failedRows.download")}</a>
                <span className="text-stone-700">{tTools("failedRows.hint")}</span>
              </div>
              <RetryFailedRowsForm org={ctx.org.slug} jobId={job.id} failures={failures} fields={fields} total={job.failed} />
            </div>
          ) : (
            <FailureList failures={failures} total={job.failed} />
          )}
        </Card>
      </div>
    </>
  );
}
