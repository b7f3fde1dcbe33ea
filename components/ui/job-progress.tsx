"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { cn } from "./cn";
import { jobPercent } from "@/lib/jobs/percent";

const POLL_MS = 1000;
export const jobFinished = (status: string) => status === "completed" || status === "failed" || status === "cancelled";
export { jobPercent };

/**
 * A background job's state, polled every second until it ends (the state lives in the
 * database, so a reload picks it up); the page's server data is refreshed once when a job this
 * page watched running ends. `poll` answers null when a poll fails: the state is kept and the
 * next poll scheduled.
 */
export function usePolledJob<J extends { status: string }>(initial: J, poll: () => Promise<J | null>): J {
  const router = useRouter();
  const [job, setJob] = useState<J>(initial);
  const wasRunning = useRef(!jobFinished(initial.status));

  useEffect(() => {
    if (jobFinished(job.status)) {
      if (wasRunning.current) {
        wasRunning.current = false;
        router.refresh();
      }
      return;
    }
    const timer = setTimeout(async () => {
      const next = await poll().catch(() => null);
      setJob((current) => next ?? { ...current });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, poll, router]);

  return job;
}

/** A job's progress bar: `done` of `total`, with the sentence people read as its value. */
export function JobProgressBar({ label, done, total, valueText, className }: { label: string; done: number; total: number; valueText: string; className?: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={valueText}
      className={cn("w-full overflow-hidden rounded-full bg-stone-200", className)}
    >
      <div className="h-full rounded-full bg-brand-700 transition-[width] duration-500" style={{ width: `${jobPercent(done, total)}%` }} />
    </div>
  );
}
