import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import type { PendingScheduledIssue } from "@/lib/issuing/scheduled/schedule-issue";
import { CancelScheduledButton } from "./cancel-scheduled-button";

/** The issues waiting for their time, each shown in the time zone it was scheduled in, with Cancel. */
export async function ScheduledIssues({ org, issues }: { org: string; issues: PendingScheduledIssue[] }) {
  const [t, format] = await Promise.all([getTranslations("scheduling"), getFormatter()]);
  return (
    <div data-testid="scheduled-issues" className="max-w-3xl">
    <Card>
      <CardHeader title={t("listTitle")} description={t("listBody")} id="scheduled-heading" />
      {issues.length === 0 ? (
        <p className="text-sm text-stone-700">{t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm" aria-labelledby="scheduled-heading">
            <TableHead columns={[t("columns.when"), t("columns.achievement"), t("columns.recipients"), { label: t("columns.actions"), hidden: true }]} />
            <tbody className="divide-y divide-stone-100">
              {issues.map((issue) => {
                const when = format.dateTime(issue.sendAt, { dateStyle: "medium", timeStyle: "short", timeZone: issue.timeZone });
                return (
                  <tr key={issue.id} data-testid="scheduled-row">
                    <td className="py-2 pr-4 text-stone-900">
                      {when}
                      <span className="block text-xs text-stone-700">{t("timeIn", { zone: issue.timeZone })}</span>
                    </td>
                    <td className="py-2 pr-4 text-stone-800">{issue.achievement.name}</td>
                    <td className="py-2 pr-4 text-stone-800">
                      {t("recipients", { count: issue.recipientCount })}
                      <span className="block break-all text-xs text-stone-700">{issue.recipientLabel}</span>
                    </td>
                    <td className="py-2"><CancelScheduledButton org={org} scheduledIssueId={issue.id} when={when} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
    </div>
  );
}
