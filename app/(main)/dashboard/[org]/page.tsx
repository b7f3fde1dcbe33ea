import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { CurrentPlan } from "@/components/billing/current-plan";
import { OverviewNumbers } from "@/components/dashboard/overview-numbers";
import { cn } from "@/components/ui/cn";
import { monthToDateQuery, resolveRange } from "@/lib/analytics/range";
import { analyticsSummary } from "@/lib/analytics/summary";
import { entitlementsOf } from "@/lib/billing/entitlements";
import { ONBOARDING_STEPS, onboardingProgress, testSendAchievementId, type OnboardingStep } from "@/lib/orgs/onboarding";
import { listAuditLog, listMembers } from "@/lib/orgs/queries";

export default async function OrgOverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  // This month so far against the same days of last month, for those who may read the analytics.
  const entitlements = entitlementsOf(ctx.org);
  const showNumbers = can(ctx.role, "analytics:read") && entitlements.features.includes("analytics");
  const [t, format, members, activity, progress, summary] = await Promise.all([
    getTranslations("dashboard.overview"),
    getFormatter(),
    listMembers(ctx.org.id),
    can(ctx.role, "audit:read") ? listAuditLog(ctx.org.id, 8) : Promise.resolve([]),
    onboardingProgress(ctx.org),
    showNumbers ? analyticsSummary(ctx.org.id, resolveRange(monthToDateQuery())) : Promise.resolve(null),
  ]);
  const tAudit = await getTranslations("audit");
  const base = `/dashboard/${ctx.org.slug}`;
  const stepLinks: Record<OnboardingStep, string> = { brand: `${base}/settings`, design: `${base}/achievements/new`, issue: `${base}/issue`, share: `${base}/credentials` };
  const doneCount = ONBOARDING_STEPS.filter((step) => progress[step]).length;
  // The checklist goes away once every step is done.
  const onboarding = doneCount < ONBOARDING_STEPS.length;
  // Before the first credential, a test to oneself shows the whole journey from the learner's side.
  const testSendId = onboarding && !progress.issue && can(ctx.role, "credentials:issue") ? await testSendAchievementId(ctx.org.id) : null;
  return (
    <>
      <PageHeader title={t("title", { org: ctx.org.name })} description={t("subtitle", { role: (await getTranslations("roles"))(ctx.role) })} />
      <div className="grid gap-6 lg:grid-cols-3">
        {onboarding && (
          <Card className="lg:col-span-2">
            <div data-testid="onboarding">
              <CardHeader title={t("gettingStarted")} description={t("gettingStartedBody")} />
              <p className="mb-3 text-sm font-medium text-stone-800" data-testid="onboarding-progress">{t("progress", { done: doneCount, total: ONBOARDING_STEPS.length })}</p>
              <ol className="space-y-3">
                {ONBOARDING_STEPS.map((step, index) => (
                  <li key={step} data-testid={`onboarding-step-${step}`} data-done={progress[step] ? "true" : "false"}>
                    <Link href={stepLinks[step]} className={cn("flex items-start gap-3 rounded-lg border p-3 hover:border-brand-600", progress[step] ? "border-brand-200 bg-brand-50" : "border-stone-200")}>
                      <span aria-hidden="true" className={cn("flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-bold", progress[step] ? "bg-brand-700 text-white" : "border-2 border-brand-700 text-brand-800")}>
                        {progress[step] ? "✓" : index + 1}
                      </span>
                      <span>
                        <span className={cn("block font-semibold text-stone-900", progress[step] && "line-through decoration-brand-700")}>{t(`steps.${step}.title`)}</span>
                        {/* The step's state for screen readers: the tick beside it is decorative. */}
                        <span className="sr-only">{progress[step] ? t("stepDone") : t("stepNotDone")}</span>
                        <span className="block text-sm text-stone-700">{t(`steps.${step}.body`)}</span>
                      </span>
                    </Link>
                    {step === "issue" && testSendId && (
                      <Link href={`${base}/achievements/${testSendId}#send-test`} className="ml-10 mt-1 inline-block text-sm font-semibold text-brand-700 underline">
                        {t("sendTest")}
                      </Link>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          </Card>
        )}
        <div className={cn("grid content-start gap-6", !onboarding && "sm:grid-cols-2 lg:col-span-3")}>
          <Card>
            <CardHeader title={t("team")} />
            <p className="text-3xl font-bold text-stone-900">{members.length}</p>
            <p className="text-sm text-stone-700">{t("members", { count: members.length })}</p>
            <Link href={`${base}/members`} className="mt-4 inline-block text-sm font-semibold text-brand-700 underline">{t("manageMembers")}</Link>
          </Card>
          {/* The plan and, on a trial, the days left: on every installation, Stripe connected or not. */}
          <div data-testid="overview-plan">
            <CurrentPlan entitlements={entitlements} org={ctx.org} now={new Date()} brief>
              <Link href={`${base}/billing`} className="mt-4 inline-block text-sm font-semibold text-brand-700 underline">{t("seePlans")}</Link>
            </CurrentPlan>
          </div>
        </div>
        {summary && (
          <Card className="lg:col-span-3">
            <OverviewNumbers summary={summary} analyticsPath={`${base}/analytics`} />
          </Card>
        )}
        {can(ctx.role, "audit:read") && (
          <Card className="lg:col-span-3">
            <CardHeader title={t("activity")} />
            {activity.length === 0 ? (
              <p className="text-sm text-stone-700">{t("noActivity")}</p>
            ) : (
              <ul className="divide-y divide-stone-100">
                {activity.map((entry) => (
                  <li key={entry.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                    <span className="text-stone-800">
                      <strong>{entry.actor?.name ?? entry.actor?.email ?? tAudit("system")}</strong>{" "}
                      {tAudit.has(entry.action) ? tAudit(entry.action) : entry.action}
                    </span>
                    <time dateTime={entry.createdAt.toISOString()} className="text-stone-600">
                      {format.relativeTime(entry.createdAt, new Date())}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
