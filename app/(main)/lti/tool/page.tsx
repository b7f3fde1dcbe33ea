import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { ltiPage } from "@/lib/auth/guard";
import { instructorView, learnerView, type PlacedAchievement } from "@/lib/lti/tool-view";
import { LtiNotice } from "../notice";
import { AwardRuleForm, SyncNowForm } from "../tool-forms";

// Opened inside the learning platform's frame; its launch token must not travel in a Referer.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lti.tool"))("title"), referrer: "no-referrer" };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LtiToolPage({ searchParams }: Props) {
  const access = await ltiPage((await searchParams).launch, "resource");
  if (!access.ok) return <LtiNotice reason={access.reason} />;
  const { ctx } = access;
  return (
    <main className="mx-auto max-w-4xl space-y-6 p-4 sm:p-6">
      {ctx.instructor ? <InstructorPanel ctx={ctx} /> : <LearnerPanel ctx={ctx} />}
    </main>
  );
}

type Ctx = Extract<Awaited<ReturnType<typeof ltiPage>>, { ok: true }>["ctx"];

function BadgeCard({ achievement, heading, children }: { achievement: PlacedAchievement; heading: string; children?: React.ReactNode }) {
  return (
    <Card>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* eslint-disable-next-line @next/next/no-img-element -- the badge image is Laurel's own public file */}
        <img src={achievement.imageUrl} alt="" width={128} height={128} className="h-32 w-32 shrink-0 rounded-lg" />
        <div className="space-y-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-800">{heading}</p>
          <h1 className="text-xl font-semibold text-stone-900" data-testid="lti-badge-name">{achievement.name}</h1>
          <p className="text-sm text-stone-700">{achievement.description}</p>
          {children}
        </div>
      </div>
    </Card>
  );
}

async function InstructorPanel({ ctx }: { ctx: Ctx }) {
  const [t, format, view] = await Promise.all([getTranslations("lti.tool"), getFormatter(), instructorView(ctx)]);
  if (!view.achievement) return <Alert tone="info" title={t("noBadgeTitle")}>{t("noBadgeBody")}</Alert>;
  const percent = (value: number | null) => (value === null ? t("roster.noScore") : `${format.number(value, { maximumFractionDigits: 2 })} %`);
  return (
    <>
      <BadgeCard achievement={view.achievement} heading={t("placedHeading")}>
        <a href={view.achievement.pageUrl} target="_blank" rel="noopener" className="text-sm font-medium text-brand-800 underline">{t("badgePage")}</a>
      </BadgeCard>
      <Card>
        <CardHeader title={t("rule.title")} description={t("rule.body")} />
        {view.lineItems ? (
          <AwardRuleForm
            token={ctx.token}
            lineItems={view.lineItems.map((item) => ({ value: item.id, label: item.label }))}
            current={view.rule ? { lineItem: view.rule.lineItemUrl, minPercent: view.rule.minPercent } : null}
          />
        ) : (
          <Alert tone="warning">{view.lineItemsError ? t("rule.gradesUnavailable") : t("rule.noGradesService")}</Alert>
        )}
      </Card>
      {view.rule && (
        <Card>
          <CardHeader title={t("roster.title")} description={view.hasRoster ? t("roster.body") : t("roster.bodyWithoutRoster")} id="lti-roster-heading" />
          <p className="mb-3 text-sm text-stone-700">
            {t("roster.rule", { minimum: format.number(view.rule.minPercent), assignment: view.rule.lineItemLabel })}{" "}
            {view.rule.lastSyncedAt ? t("roster.lastSynced", { when: format.dateTime(view.rule.lastSyncedAt, { dateStyle: "medium", timeStyle: "short" }) }) : t("roster.neverSynced")}
          </p>
          {view.rule.lastSyncError && <Alert tone="warning" className="mb-3">{t("roster.syncFailed")}</Alert>}
          {view.roster.length === 0 ? (
            <p className="text-sm text-stone-700">{t("roster.empty")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="lti-roster-heading">
                <TableHead columns={[t("roster.name"), t("roster.email"), t("roster.score"), t("roster.status")]} />
                <tbody className="divide-y divide-stone-100">
                  {view.roster.map((row) => (
                    <tr key={row.userId} data-testid="lti-roster-row">
                      <td className="py-2 pr-4 text-stone-900">{row.name ?? row.userId}</td>
                      <td className="py-2 pr-4 text-stone-700">{row.email ?? "—"}</td>
                      <td className="py-2 pr-4 text-stone-900">{percent(row.percent)}</td>
                      <td className="py-2 text-stone-800" data-testid="lti-roster-status">{t(`roster.statuses.${row.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="mt-4">
            <SyncNowForm token={ctx.token} />
          </div>
        </Card>
      )}
    </>
  );
}

async function LearnerPanel({ ctx }: { ctx: Ctx }) {
  const [t, format, view] = await Promise.all([getTranslations("lti.tool"), getFormatter(), learnerView(ctx)]);
  if (!view.achievement) return <Alert tone="info" title={t("learner.noBadgeTitle")}>{t("learner.noBadgeBody")}</Alert>;
  const progress = view.rule && view.percent !== null ? Math.min(100, view.rule.minPercent > 0 ? (view.percent / view.rule.minPercent) * 100 : 100) : 0;
  return (
    <BadgeCard achievement={view.achievement} heading={t("learner.heading")}>
      {view.achievement.criteria && (
        <div className="text-sm text-stone-800">
          <p className="font-medium">{t("learner.criteria")}</p>
          <p className="whitespace-pre-line">{view.achievement.criteria}</p>
        </div>
      )}
      {view.credential ? (
        <div className="space-y-2 rounded-lg border border-brand-200 bg-brand-50 p-4" data-testid="lti-earned">
          <p className="font-semibold text-brand-900">{t("learner.earned")}</p>
          <a href={view.credential.claimUrl} target="_blank" rel="noopener" className="inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{t("learner.claim")}</a>
          <p className="text-xs text-stone-700">{t("learner.claimHint")}</p>
        </div>
      ) : view.awardPending ? (
        <Alert tone="success">{t("learner.pending")}</Alert>
      ) : view.emailMissing ? (
        <Alert tone="warning">{t("learner.noEmail")}</Alert>
      ) : view.rule ? (
        <div className="space-y-2" data-testid="lti-progress">
          <p className="text-sm text-stone-800">{t("learner.rule", { minimum: format.number(view.rule.minPercent), assignment: view.rule.lineItemLabel })}</p>
          <p className="text-sm font-medium text-stone-900">
            {view.percent === null ? t("learner.noScore") : t("learner.score", { score: format.number(view.percent, { maximumFractionDigits: 2 }) })}
          </p>
          <div
            role="progressbar"
            aria-label={t("learner.progressLabel")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress)}
            className="h-2 w-full max-w-sm overflow-hidden rounded-full bg-stone-200"
          >
            <div className="h-full bg-brand-700" style={{ width: `${progress}%` }} />
          </div>
        </div>
      ) : (
        <p className="text-sm text-stone-700">{t("learner.noRule")}</p>
      )}
    </BadgeCard>
  );
}
