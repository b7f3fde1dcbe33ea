import { useId } from "react";
import { cn } from "@/components/ui/cn";

/**
 * One usage figure against its limit: a labelled progress bar screen readers announce with
 * its numbers, or just the figure when the plan has no limit.
 */
export function UsageMeter({ label, used, limit, valueText, testId }: { label: string; used: number; limit: number | null; valueText: string; testId?: string }) {
  const id = useId();
  const share = limit ? Math.min(used / limit, 1) : 0;
  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id={`${id}-label`} className="font-medium text-stone-900">{label}</span>
        <span className="tabular-nums text-stone-700" data-testid={testId && `${testId}-value`}>{valueText}</span>
      </div>
      {limit !== null && (
        <div
          role="progressbar"
          aria-labelledby={`${id}-label`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(used, limit)}
          aria-valuetext={valueText}
          className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
        >
          <div
            className={cn("h-full rounded-full", share >= 1 ? "bg-red-700" : share >= 0.8 ? "bg-amber-600" : "bg-brand-700")}
            style={{ width: `${share * 100}%` }}
          />
        </div>
      )}
    </div>
  );
}
