import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { EventsJobStatus } from "@/components/programs/events-progress";
import { EventsUploadForm } from "@/components/programs/events-upload-form";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { BULK_LIMITS } from "@/lib/issuing/bulk/parse";
import { EVENT_COLUMNS, EVENTS_CSV_CHUNK, REQUIRED_EVENT_COLUMNS } from "@/lib/programs/events-csv/columns";
import { listEventsJobs } from "@/lib/programs/events-csv/queries";
import { findProgram } from "@/lib/programs/manage";
import { featurePage } from "@/components/dashboard/feature-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("programEvents"))("title") };
}

export default async function ProgramEventsPage({ params }: { params: Promise<{ org: string; programId: string }> }) {
  const { org: slug, programId } = await params;
  const { ctx, blocked } = await featurePage(slug, "programs", { role: REQUIRED_ROLE["programs:events"] });
  if (blocked) return blocked;
  const t = await getTranslations("programEvents");
  const program = await findProgram(ctx.org.id, pageId(programId));
  if (!program) notFound();
  const [format, jobs] = await Promise.all([getFormatter(), listEventsJobs(ctx.org.id, program.id)]);
  const base = `/dashboard/${ctx.org.slug}/programs/${program.id}/events`;
  return (
    <>
      <PageHeader title={t("heading", { program: program.name })} description={t("subtitle", { maxRows: BULK_LIMITS.maxRows, maxMb: BULK_LIMITS.maxBytes / 1024 / 1024, chunk: EVENTS_CSV_CHUNK })} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("upload.title")} description={program.archivedAt ? t("upload.archived") : t("upload.body")} />
          {!program.archivedAt && <EventsUploadForm uploadUrl={`${base}/upload`} jobBase={base} />}
        </Card>
        <Card>
          <CardHeader title={t("columns.title")} id="event-columns-heading" description={t("columns.body")} />
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" aria-labelledby="event-columns-heading">
              <TableHead columns={[t("columns.column"), t("columns.meaning"), t("columns.needed")]} />
              <tbody className="divide-y divide-stone-100">
                {EVENT_COLUMNS.map((column) => (
                  <tr key={column}>
                    <th scope="row" className="py-2 pr-4 font-mono text-xs font-medium text-stone-900">{column}</th>
                    <td className="py-2 pr-4 text-stone-700">{t(`columns.about.${column}`, { metrics: program.metrics.map((m) => m.key).join(", ") || "—" })}</td>
                    <td className="py-2 text-stone-700">{REQUIRED_EVENT_COLUMNS.includes(column) ? t("columns.required") : t("columns.optional")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-4 text-sm">
            <a href={`${base}/example.csv`} download className="font-medium text-brand-800 underline">{t("columns.example")}</a>
          </p>
        </Card>
        <Card>
          <CardHeader title={t("jobs.title")} id="event-jobs-heading" />
          {jobs.length === 0 ? (
            <p className="text-sm text-stone-700">{t("jobs.none")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="event-jobs-heading">
                <TableHead columns={[t("jobs.file"), t("jobs.progress"), t("jobs.status"), t("jobs.created")]} />
                <tbody className="divide-y divide-stone-100">
                  {jobs.map((job) => (
                    <tr key={job.id} data-testid="events-job-row">
                      <td className="py-3 pr-4">
                        <Link href={`${base}/${job.id}`} className="font-medium text-brand-800 underline">{job.fileName}</Link>
                      </td>
                      <td className="py-3 pr-4">{t("jobs.counts", { done: job.done, total: job.total, failed: job.failed })}</td>
                      <td className="py-3 pr-4"><EventsJobStatus status={job.status} /></td>
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
