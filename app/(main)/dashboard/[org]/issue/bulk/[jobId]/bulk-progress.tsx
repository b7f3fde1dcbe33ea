"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { JobProgressBar, usePolledJob } from "@/components/ui/job-progress";
import { bulkProgressView } from "@/lib/issuing/bulk/progress";
import type { BulkJobView } from "@/lib/issuing/bulk/queries";
import { JobStatusBadge } from "../job-status-badge";

type JobState = Pick<BulkJobView, "id" | "status" | "total" | "done" | "failed" | "issued" | "skipped" | "error">;

/** The job's progress, polled until it ends. */
export function BulkProgress({ org, initial, reportUrl }: { org: string; initial: JobState; reportUrl: string }) {
  const issuedUrl = `/dashboard/${org}/credentials?job=${encodeURIComponent(initial.id)}`;
  const t = useTranslations("bulk");
  const poll = useCallback(async () => {
    const response = await fetch(`/dashboard/${org}/issue/bulk/${initial.id}/status`, { cache: "no-store" });
    return response.ok ? ((await response.json()) as JobState) : null;
  }, [org, initial.id]);
  const job = usePolledJob(initial, poll);
  const { done, summary: line } = bulkProgressView(job);
  const summary = "values" in line ? t(line.key, line.values) : t(line.key);
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-stone-900">{t("progress.title")}</h2>
        <span data-testid="bulk-job-status"><JobStatusBadge status={job.status} failed={job.failed} /></span>
      </div>
      <JobProgressBar label={t("progress.label")} done={done} total={job.total} valueText={summary} className="mt-4 h-4" />
      <p className="mt-3 text-sm text-stone-800" data-testid="bulk-progress-text">{summary}</p>
      {/* Announced to screen readers when the job's state changes, not on every tick. */}
      <p className="sr-only" aria-live="polite">{t(`status.${job.status}`)}</p>
      <dl className="mt-4 grid grid-cols-3 gap-4 text-sm">
        <div>
          <dt className="text-stone-600">{t("progress.issued")}</dt>
          <dd className="text-xl font-semibold text-stone-900" data-testid="bulk-issued">{job.issued}</dd>
        </div>
        <div>
          <dt className="text-stone-600">{t("progress.skipped")}</dt>
          <dd className="text-xl font-semibold text-stone-900" data-testid="bulk-skipped">{job.skipped}</dd>
        </div>
        <div>
          <dt className="text-stone-600">{t("progress.failed")}</dt>
          <dd className="text-xl font-semibold text-stone-900" data-testid="bulk-failed">{job.failed}</dd>
        </div>
      </dl>
      {job.status === "failed" && job.error && <p className="mt-3 text-sm font-medium text-red-800">{t("progress.jobFailed", { error: job.error })}</p>}
      <div className="mt-6 flex flex-wrap gap-3">
        {job.issued > 0 && <Link href={issuedUrl} className={buttonClasses("primary")}>{t("progress.viewIssued", { count: job.issued })}</Link>}
        <a href={reportUrl} download className={buttonClasses("secondary")}>{t("progress.report")}</a>
      </div>
    </Card>
  );
}
