import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import type { PendingScheduledIssue, ScheduledIssueOutcome } from "@/lib/issuing/scheduled/schedule-issue";
import { CancelScheduledButton } from "./cancel-scheduled-button";

/**
 * The issues waiting for their time, each shown in the time zone it was scheduled in, with
 * Cancel; below them, what went out lately, so a refusal at its time is seen with its reason.
 */
export async function ScheduledIssues({ org, issues, outcomes }: { org: string; issues: PendingScheduledIssue[]; outcomes: ScheduledIssueOutcome[] }) {
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
                    <IssueCells issue={issue} when={when} />
                    <td className="py-2"><CancelScheduledButton org={org} scheduledIssueId={issue.id} when={when} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {outcomes.length > 0 && (
        <div className="mt-6">
          <h3 id="scheduled-outcomes-heading" className="text-sm font-semibold text-stone-900">{t("recentTitle")}</h3>
          <div className="relative mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm" aria-labelledby="scheduled-outcomes-heading">
              <TableHead columns={[t("columns.when"), t("columns.achievement"), t("columns.recipients"), t("columns.result")]} />
              <tbody className="divide-y divide-stone-100">
                {outcomes.map((outcome) => (
                  <tr key={outcome.id} data-testid="scheduled-outcome">
                    <IssueCells issue={outcome} when={format.dateTime(outcome.sendAt, { dateStyle: "medium", timeStyle: "short", timeZone: outcome.timeZone })} />
                    <td className="py-2 text-stone-800">
                      <OutcomeCell org={org} outcome={outcome} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
    </div>
  );
}

async function OutcomeCell({ org, outcome }: { org: string; outcome: ScheduledIssueOutcome }) {
  const [t, tErrors] = await Promise.all([getTranslations("scheduling"), getTranslations("errors")]);
  const link = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";
  if (outcome.status === "failed") {
    // In the reader's language when the refusal is one Laurel words; the stored text otherwise.
    const reason = outcome.errorCode && tErrors.has(outcome.errorCode) ? tErrors(outcome.errorCode, outcome.errorParams ?? {}) : (outcome.error ?? "");
    return <span className="text-red-800">{t("outcome.failed", { reason })}</span>;
  }
  if (outcome.bulkJobId) {
    return (
      <>
        {t("outcome.bulkStarted")}{" "}
        <Link className={link} href={`/dashboard/${org}/issue/bulk/${outcome.bulkJobId}`}>{t("outcome.viewJob")}</Link>
      </>
    );
  }
  return (
    <>
      {t("outcome.issued")}{" "}
      {outcome.credentialId && <Link className={link} href={`/dashboard/${org}/credentials/${outcome.credentialId}`}>{t("outcome.viewCredential")}</Link>}
    </>
  );
}

/** A scheduled issue's time (in the zone it was scheduled in), achievement and recipients. */
async function IssueCells({ issue, when }: { issue: Pick<PendingScheduledIssue, "timeZone" | "achievement" | "recipientCount" | "recipientLabel">; when: string }) {
  const t = await getTranslations("scheduling");
  return (
    <>
      <td className="py-2 pr-4 text-stone-900">
        {when}
        <span className="block text-xs text-stone-700">{t("timeIn", { zone: issue.timeZone })}</span>
      </td>
      <td className="py-2 pr-4 text-stone-800">{issue.achievement.name}</td>
      <td className="py-2 pr-4 text-stone-800">
        {t("recipients", { count: issue.recipientCount })}
        <span className="block break-all text-xs text-stone-700">{issue.recipientLabel}</span>
      </td>
    </>
  );
}
