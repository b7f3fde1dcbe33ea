import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { EntryStatus } from "@/lib/backpack/backpack-items";

// Dark text on pale fills: every pair passes WCAG AA contrast.
const TONES: Record<EntryStatus | "pending" | "declined", string> = {
  valid: "bg-brand-50 text-brand-900 ring-brand-200",
  expiring: "bg-amber-50 text-amber-900 ring-amber-300",
  expired: "bg-stone-100 text-stone-800 ring-stone-300",
  revoked: "bg-red-50 text-red-900 ring-red-300",
  not_yet_valid: "bg-sky-50 text-sky-900 ring-sky-200",
  unverified: "bg-orange-50 text-orange-900 ring-orange-300",
  pending: "bg-violet-50 text-violet-900 ring-violet-200",
  declined: "bg-stone-100 text-stone-800 ring-stone-300",
};

export function StatusBadge({ status, className }: { status: EntryStatus | "pending" | "declined"; className?: string }) {
  const t = useTranslations("backpack.status");
  return (
    <span data-testid="status-badge" className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", TONES[status], className)}>
      {t(status)}
    </span>
  );
}

export function VisibilityBadge({ visibility }: { visibility: "public" | "private" }) {
  const t = useTranslations("backpack.card");
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium text-stone-700">
      {visibility === "private" ? <LockIcon /> : <GlobeIcon />}
      {t(visibility)}
    </span>
  );
}

function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}

function GlobeIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
      <circle cx="8" cy="8" r="6" />
      <path d="M2 8h12M8 2c2 2 2 10 0 12M8 2c-2 2-2 10 0 12" />
    </svg>
  );
}
