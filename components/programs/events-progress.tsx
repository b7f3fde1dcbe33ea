"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

export type EventsJobState = { id: string; status: string; total: number; done: number; failed: number; error: string | null };

const POLL_MS = 1000;
const finished = (status: string) => status === "completed" || status === "failed";
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
  const router = useRouter();
  const [job, setJob] = useState<EventsJobState>(initial);
  const wasRunning = useRef(!finished(initial.status));

  useEffect(() => {
    if (finished(job.status)) {
      // Load the final list of refused rows once.
      if (wasRunning.current) {
        wasRunning.current = false;
        router.refresh();
      }
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(statusUrl, { cache: "no-store" });
        setJob(response.ok ? ((await response.json()) as EventsJobState) : (current) => ({ ...current }));
      } catch {
        setJob((current) => ({ ...current }));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, statusUrl, router]);

  const percent = job.total === 0 ? 100 : Math.floor((job.done / job.total) * 100);
  const summary = t("progress.text", { done: job.done, total: job.total, percent, failed: job.failed });
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-stone-900">{t("progress.title")}</h2>
        <span data-testid="events-job-status"><EventsJobStatus status={job.status} /></span>
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
