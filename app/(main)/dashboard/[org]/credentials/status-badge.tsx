import { cn } from "@/components/ui/cn";

const TONES: Record<string, string> = {
  issued: "bg-sky-100 text-sky-900",
  claimed: "bg-brand-100 text-brand-900",
  expired: "bg-amber-100 text-amber-900",
  revoked: "bg-red-100 text-red-900",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-semibold", TONES[status])}>{label}</span>;
}
