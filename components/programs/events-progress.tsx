"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { JobProgressBar, jobPercent, usePolledJob } from "@/components/ui/job-progress";

export type EventsJobState = { id: string; status: string; total: number; done: number; failed: number; error: string | null };

const TONES: Record<string, string> = {
  queued: "bg-stone-100 text-stone-800",
  running: "bg-sky-100 text-sky-900",
  completed: "bg-brand-100 text-brand-900",
  failed: "bg-red-100 text-red-900",
};

export function EventsJobStatus({ status }: { status: string }) {
  const t = useTranslations("programEvents.status");
  return <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-semibold", TONES[status] ?? TONES.queued)}>{t.has(status) ? t(status) : status}</span>;
}

/** The file's progress, polled every second until it ends; the state lives in the database, so a reload picks it up. */
export function EventsProgress({ initial, statusUrl, reportUrl }: { initial: EventsJobState; statusUrl: string; reportUrl: string }) {
  const t = useTranslations("programEvents");
  const poll = useCallback(async () => {
    const response = await fetch(statusUrl, { cache: "no-store" });
    return response.ok ? ((await response.json()) as EventsJobState) : null;
  }, [statusUrl]);
  const job = usePolledJob(initial, poll);
  const percent = jobPercent(job.done, job.total);
  const summary = t("progress.text", { done: job.done, total: job.total, percent, failed: job.failed });
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-stone-900">{t("progress.title")}</h2>
        <span data-testid="events-job-status"><EventsJobStatus status={job.status} /></span>
      </div>
      <JobProgressBar label={t("progress.label")} done={job.done} total={job.total} valueText={summary} className="mt-4 h-4" />
      <p className="mt-3 text-sm text-stone-800" data-testid="events-progress-text">{summary}</p>
      {/* Announced to screen readers when the job's state changes, not on every tick. */}
      <p className="sr-only" aria-live="polite">{t(`status.${job.status}`)}</p>
      {job.status === "failed" && job.error && <p className="mt-3 text-sm font-medium text-red-800">{t("progress.jobFailed", { error: job.error })}</p>}
      {job.failed > 0 && (
        <div className="mt-6">
          <a href={reportUrl} download className={buttonClasses("secondary")}>{t("progress.report")}</a>
        </div>
      )}
    </Card>
  );
}
