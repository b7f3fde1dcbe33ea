import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { Totals } from "@/lib/analytics/summary";
import { changeOf } from "./format";

const TILES = [
  { key: "issued", total: "issued" },
  { key: "claimed", total: "claimed" },
  { key: "shared", total: "sharedCredentials" },
  { key: "visitors", total: "visitors" },
  { key: "shareClicks", total: "shareClicks" },
  { key: "earnClicks", total: "earnClicks" },
] as const satisfies readonly { key: string; total: keyof Totals }[];

const ARROWS = { up: "↑", down: "↓", same: "→", new: "↑" } as const;
const TONES = { up: "text-green-800", down: "text-red-700", same: "text-stone-600", new: "text-green-800" } as const;

/** The numbers a person reads in five seconds, each with how it moved since the period before. */
export async function KpiTiles({ totals, previous }: { totals: Totals; previous: Totals }) {
  const [t, format] = await Promise.all([getTranslations("analytics.kpi"), getFormatter()]);
  return (
    <section aria-labelledby="analytics-kpi-heading" className="mb-6">
      <h2 id="analytics-kpi-heading" className="sr-only">{t("heading")}</h2>
      <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {TILES.map((tile) => {
          const value = totals[tile.total];
          const before = previous[tile.total];
          return (
            <li key={tile.key} data-testid={`kpi-${tile.key}`} className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
              <p className="text-sm font-medium text-stone-700">{t(tile.key)}</p>
              <p className="mt-1 text-3xl font-bold tabular-nums text-stone-900" data-testid="kpi-value">{format.number(value)}</p>
              <KpiChange value={value} before={before} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** How a number moved since the period before: an arrow and a short figure, a sentence for screen readers. */
export async function KpiChange({ value, before }: { value: number; before: number }) {
  const [t, format] = await Promise.all([getTranslations("analytics.kpi"), getFormatter()]);
  const percent = (ratio: number) => format.number(ratio, { style: "percent", maximumFractionDigits: 0 });
  const change = changeOf(value, before);
  const short = change.kind === "new" ? t("newShort") : change.kind === "same" ? t("sameShort") : percent(change.ratio);
  const sentence = change.kind === "up" || change.kind === "down" ? t(change.kind, { percent: percent(change.ratio), previous: format.number(before) }) : t(change.kind);
  return (
    <p className={cn("mt-1 text-sm font-medium", TONES[change.kind])}>
      <span aria-hidden="true">{ARROWS[change.kind]} {short}</span>
      <span className="sr-only">{sentence}</span>
    </p>
  );
}

/** Crawlers fetching a page to draw its link preview: worth knowing, never a view. */
export async function PreviewsNote({ previews }: { previews: number }) {
  const t = await getTranslations("analytics.kpi");
  return (
    <p data-testid="kpi-previews" className="mb-6 rounded-lg border border-stone-200 bg-stone-100 px-4 py-2 text-sm text-stone-800">
      <strong className="font-semibold">{t("previews", { count: previews })}</strong> {t("previewsNote")}
    </p>
  );
}
