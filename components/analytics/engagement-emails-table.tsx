import { getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import type { EngagementEmailRow } from "@/lib/email/engagement/report";

/** Which emails bring people back: per kind, how many were sent, opened (a link followed) and led to what they asked. */
export async function EngagementEmailsTable({ rows }: { rows: EngagementEmailRow[] }) {
  const t = await getTranslations("engagementEmails");
  const share = (count: number, of: number) => (of > 0 ? t("analytics.rate", { count, rate: Math.round((count / of) * 100) }) : String(count));
  const anySent = rows.some((row) => row.sent > 0);
  return (
    <Card className="mt-6">
      <CardHeader title={t("analytics.title")} description={t("analytics.body")} id="engagement-emails-heading" />
      {!anySent ? (
        <p className="text-sm text-stone-700">{t("analytics.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm" aria-labelledby="engagement-emails-heading" data-testid="engagement-emails">
            <TableHead columns={[t("analytics.kind"), t("analytics.sent"), t("analytics.opened"), t("analytics.converted")]} />
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.kind}>
                  <th scope="row" className="py-2 pr-4 font-medium text-stone-900">{t(`kinds.${row.kind}`)}</th>
                  <td className="py-2 pr-4 tabular-nums text-stone-800">{row.sent}</td>
                  <td className="py-2 pr-4 tabular-nums text-stone-800">{share(row.opened, row.sent)}</td>
                  <td className="py-2 tabular-nums text-stone-800">
                    {share(row.converted, row.sent)} <span className="text-stone-600">· {t(`goals.${row.goal}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
