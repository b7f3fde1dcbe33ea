import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { EventsProgress } from "@/components/programs/events-progress";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getEventsJob, rejectedRowsOf } from "@/lib/programs/events-csv/queries";
import { describeRejection } from "@/lib/programs/events-csv/report";
import { featurePage } from "@/components/dashboard/feature-page";

const SHOWN_ROWS = 100;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("programEvents"))("job.title") };
}

export default async function ProgramEventsJobPage({ params }: { params: Promise<{ org: string; programId: string; jobId: string }> }) {
  const { org: slug, programId, jobId } = await params;
  const { ctx, blocked } = await featurePage(slug, "programs", { role: REQUIRED_ROLE["programs:events"] });
  if (blocked) return blocked;
  const job = await getEventsJob(ctx.org.id, pageId(programId), pageId(jobId)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [t, format, locale, rejected] = await Promise.all([getTranslations("programEvents"), getFormatter(), getLocale(), rejectedRowsOf(ctx.org.id, programId, job.id, SHOWN_ROWS)]);
  const base = `/dashboard/${ctx.org.slug}/programs/${programId}/events`;
  const state = { id: job.id, status: job.status, total: job.total, done: job.done, failed: job.failed, error: job.error };
  return (
    <>
      <PageHeader
        title={t("job.heading", { file: job.fileName })}
        description={t("job.subtitle", { date: format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
        actions={<Link href={base} className="text-sm font-medium text-brand-800 underline">{t("job.back")}</Link>}
      />
      <div className="space-y-6">
        <EventsProgress initial={state} statusUrl={`${base}/${job.id}/status`} reportUrl={`${base}/${job.id}/report`} />
        <Card>
          <CardHeader title={t("job.rejectedTitle", { count: job.failed })} id="rejected-heading" />
          {rejected.length === 0 ? (
            <p className="text-sm text-stone-700">{t("job.noneRejected")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="rejected-heading">
                <TableHead columns={[t("report.columns.line"), t("report.columns.field"), t("report.columns.message")]} />
                <tbody className="divide-y divide-stone-100">
                  {rejected.map((row) => (
                    <tr key={`${row.line}-${row.field}`} data-testid="events-rejected-row">
                      <td className="py-2 pr-4 tabular-nums">{row.line}</td>
                      <td className="py-2 pr-4 font-mono text-xs">{row.field}</td>
                      <td className="py-2 text-red-800">{describeRejection(row, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {job.failed > rejected.length && <p className="mt-3 text-sm text-stone-700">{t("job.more", { shown: rejected.length, total: job.failed })}</p>}
        </Card>
      </div>
    </>
  );
}
