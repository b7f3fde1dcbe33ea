import { getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";

export type ChartTable = {
  caption: string;
  columns: string[];
  /** First cell is the row's header (a day, a channel); `id` names the row for tests. */
  rows: { id: string; cells: string[] }[];
};

/**
 * A dashboard section: a card whose heading labels it, holding its content or, when there is
 * nothing to show yet, a sentence that explains what will appear. `id` names it for tests.
 */
export function SectionCard({
  id,
  title,
  description,
  empty,
  emptyText,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: string;
  empty: boolean;
  emptyText: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <Card className={className}>
      <div aria-labelledby={`${id}-heading`} role="group" data-testid={id}>
        <CardHeader id={`${id}-heading`} title={title} description={description} />
        {empty ? (
          <p data-testid={`${id}-empty`} className="rounded-lg border-2 border-dashed border-stone-300 px-4 py-8 text-center text-sm text-stone-700">
            {emptyText}
          </p>
        ) : (
          children
        )}
      </div>
    </Card>
  );
}

/**
 * A chart with what everyone needs beside it: a one-sentence summary for screen readers, the
 * numbers as a table anyone can open, and an explanation instead of an empty chart.
 */
export async function ChartCard({
  id,
  title,
  description,
  empty,
  emptyText,
  summary,
  table,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: string;
  empty: boolean;
  emptyText: string;
  summary: string;
  table: ChartTable;
  children: React.ReactNode;
  className?: string;
}) {
  const t = await getTranslations("analytics");
  return (
    <SectionCard id={id} title={title} description={description} empty={empty} emptyText={emptyText} className={className}>
      <>
        <div role="img" aria-label={summary}>
          {children}
        </div>
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium text-brand-700 underline">{t("showTable")}</summary>
          {/* A scrolling box on a phone: focusable so the keyboard can scroll it. */}
          <div className="relative mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={table.caption}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{table.caption}</caption>
              <thead className="border-b border-stone-200 text-stone-700">
                <tr>
                  {table.columns.map((column, index) => (
                    <th key={column} scope="col" className={index === 0 ? "py-1 pr-4 font-medium" : "py-1 pr-4 text-right font-medium"}>{column}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {table.rows.map((row) => (
                  <tr key={row.id} data-testid={`${id}-row-${row.id}`}>
                    {row.cells.map((cell, index) =>
                      index === 0 ? (
                        <th key={index} scope="row" className="py-1 pr-4 font-normal text-stone-900">{cell}</th>
                      ) : (
                        <td key={index} className="py-1 pr-4 text-right tabular-nums text-stone-900">{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </>
    </SectionCard>
  );
}
