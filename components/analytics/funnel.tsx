import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { BENCHMARKS, type AnalyticsSummary } from "@/lib/analytics/summary";
import { barWidth, verdictOf, type Verdict } from "./format";

/**
 * Issued → claimed → shared → share clicks → "Earn this badge" clicks, each with its rate from
 * the step before, and the two rates the market quotes drawn against their ranges.
 */
export async function Funnel({ funnel, rates }: Pick<AnalyticsSummary, "funnel" | "rates">) {
  const [t, format] = await Promise.all([getTranslations("analytics.funnel"), getFormatter()]);
  const percent = (ratio: number) => format.number(ratio, { style: "percent", maximumFractionDigits: 0 });
  const max = Math.max(0, ...funnel.map((step) => step.count));
  return (
    <Card className="mb-6">
      <CardHeader id="analytics-funnel-heading" title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-3">
        <ol className="space-y-4 lg:col-span-2" aria-labelledby="analytics-funnel-heading" data-testid="funnel">
          {funnel.map((step, index) => (
            <li key={step.key} data-testid={`funnel-step-${step.key}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="font-medium text-stone-900">{t(`steps.${step.key}`)}</span>
                <span className="flex items-baseline gap-3">
                  {index > 0 && (
                    <span className="text-stone-700">
                      {step.rate === null ? (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="sr-only">{t("noRate")}</span>
                        </>
                      ) : (
                        step.key === "clicked" ? (
                          // Clicks per shared credential: one share draws many, so a percentage would read oddly.
                          <>
                            <span data-testid="funnel-rate" className="font-semibold text-stone-900">{format.number(step.rate, { maximumFractionDigits: 1 })}</span>{" "}
                            {t("perShared")}
                          </>
                        ) : (
                          <>
                            <span data-testid="funnel-rate" className="font-semibold text-stone-900">{percent(step.rate)}</span>{" "}
                            {t(`of.${funnel[index - 1]!.key}`)}
                          </>
                        )
                      )}
                    </span>
                  )}
                  <span data-testid="funnel-count" className="text-lg font-bold tabular-nums text-stone-900">{format.number(step.count)}</span>
                </span>
              </div>
              <div className="mt-1 h-3 rounded-full bg-stone-100" aria-hidden="true">
                <div className="h-3 rounded-full bg-brand-700" style={{ width: barWidth(step.count, max) }} />
              </div>
            </li>
          ))}
        </ol>
        <div className="space-y-6">
          <h3 className="text-sm font-semibold text-stone-900">{t("benchmarks.title")}</h3>
          <Benchmark kind="shareRate" value={rates.shareRate} percent={percent} t={t} />
          <Benchmark kind="returnRate" value={rates.returnRate} percent={percent} t={t} />
          <p className="text-xs text-stone-600">{t("benchmarks.source")}</p>
        </div>
      </div>
    </Card>
  );
}

const VERDICT_TONES: Record<Verdict, string> = {
  below: "text-red-700",
  inside: "text-stone-800",
  above: "text-green-800",
};

function Benchmark({
  kind,
  value,
  percent,
  t,
}: {
  kind: keyof typeof BENCHMARKS;
  value: number | null;
  percent: (ratio: number) => string;
  t: Awaited<ReturnType<typeof getTranslations>>;
}) {
  const band = BENCHMARKS[kind];
  // Half the scale is enough for what the market quotes; a rate past it widens the scale.
  const scale = Math.max(0.5, Math.min(Math.ceil((value ?? 0) * 10) / 10, 10));
  const position = (ratio: number) => `${Math.min(100, (ratio / scale) * 100).toFixed(1)}%`;
  const verdict = value === null ? null : verdictOf(value, band);
  const bandText = t("benchmarks.band", { low: percent(band.low), high: percent(band.high) });
  return (
    <div data-testid={`benchmark-${kind}`}>
      <p className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-stone-900">{t(`benchmarks.${kind}`)}</span>
        <span data-testid="benchmark-value" className="text-lg font-bold tabular-nums text-stone-900">{value === null ? "—" : percent(value)}</span>
      </p>
      <p className="text-xs text-stone-700">{t(`benchmarks.${kind}Explained`)}</p>
      <div className="relative mt-2 h-4 rounded bg-stone-100" aria-hidden="true">
        <div
          className="absolute inset-y-0 rounded border border-brand-600 bg-brand-100"
          style={{ left: position(band.low), width: `calc(${position(band.high)} - ${position(band.low)})` }}
        />
        {value !== null && <div className="absolute -inset-y-1 w-1 -translate-x-1/2 rounded bg-stone-900" style={{ left: position(value) }} />}
      </div>
      <div className="mt-1 flex justify-between text-xs text-stone-600" aria-hidden="true">
        <span>{percent(0)}</span>
        <span>{percent(scale)}</span>
      </div>
      <p data-testid="benchmark-verdict" className={cn("mt-1 text-sm font-medium", verdict ? VERDICT_TONES[verdict] : "text-stone-700")}>
        {verdict ? t(`benchmarks.${verdict}`, { band: bandText }) : t("benchmarks.noRate", { band: bandText })}
      </p>
    </div>
  );
}
