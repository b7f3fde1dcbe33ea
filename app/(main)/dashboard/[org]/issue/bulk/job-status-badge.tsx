import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const TONES: Record<string, string> = {
  queued: "bg-stone-100 text-stone-800",
  running: "bg-sky-100 text-sky-900",
  completed: "bg-brand-100 text-brand-900",
  failed: "bg-red-100 text-red-900",
};

export function JobStatusBadge({ status }: { status: string }) {
  const t = useTranslations("bulk.status");
  return <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-semibold", TONES[status] ?? TONES.queued)}>{t.has(status) ? t(status) : status}</span>;
}
