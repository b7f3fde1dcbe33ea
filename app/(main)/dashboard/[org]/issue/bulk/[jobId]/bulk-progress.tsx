"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { BulkJobView } from "@/lib/issuing/bulk/queries";
import { JobStatusBadge } from "../job-status-badge";

type JobState = Pick<BulkJobView, "id" | "status" | "total" | "done" | "failed" | "issued" | "skipped" | "error">;

const POLL_MS = 1000;
const finished = (status: string) => status === "completed" || status === "failed";

/** The job's progress, polled every second until it ends; the state lives in the database, so a reload picks it up. */
export function BulkProgress({ org, initial, reportUrl }: { org: string; initial: JobState; reportUrl: string }) {
  const t = useTranslations("bulk");
  const router = useRouter();
  const [job, setJob] = useState<JobState>(initial);
  const wasRunning = useRef(!finished(initial.status));

  useEffect(() => {
    if (finished(job.status)) {
      // Load the final list of failed rows once.
      if (wasRunning.current) {
        wasRunning.current = false;
        router.refresh();
      }
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/dashboard/${org}/issue/bulk/${job.id}/status`, { cache: "no-store" });
        if (response.ok) setJob((await response.json()) as JobState);
        else setJob((current) => ({ ...current }));
      } catch {
        setJob((current) => ({ ...current }));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, org, router]);

  const percent = job.total === 0 ? 100 : Math.floor((job.done / job.total) * 100);
  const summary = t("progress.text", { done: job.done, total: job.total, percent, failed: job.failed });
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-stone-900">{t("progress.title")}</h2>
        <span data-testid="bulk-job-status"><JobStatusBadge status={job.status} /></span>
      </div>
      <div
        role="progressbar"
        aria-label={t("progress.label")}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.done}
        aria-valuetext={summary}
        className="mt-4 h-4 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-700 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
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
      <div className="mt-6">
        <a href={reportUrl} download className={buttonClasses("secondary")}>{t("progress.report")}</a>
      </div>
    </Card>
  );
}
