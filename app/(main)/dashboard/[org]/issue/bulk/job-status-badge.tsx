import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const TONES: Record<string, string> = {
  queued: "bg-stone-100 text-stone-800",
  running: "bg-sky-100 text-sky-900",
  completed: "bg-brand-100 text-brand-900",
  completedWithFailures: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
};

/** The job's state; a job that finished with failed rows says how many, not a plain "Completed". */
export function JobStatusBadge({ status, failed = 0 }: { status: string; failed?: number }) {
  const t = useTranslations("bulk.status");
  if (status === "completed" && failed > 0) {
    return <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-semibold", TONES.completedWithFailures)}>{t("completedWithFailures", { count: failed })}</span>;
  }
  return <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-semibold", TONES[status] ?? TONES.queued)}>{t.has(status) ? t(status) : status}</span>;
}
