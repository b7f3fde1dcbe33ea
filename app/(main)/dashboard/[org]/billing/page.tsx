import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CurrentPlan } from "@/components/billing/current-plan";
import { ManageBillingForm } from "@/components/billing/manage-billing-form";
import { PlanCards } from "@/components/billing/plan-cards";
import { UsageMeter } from "@/components/billing/usage-meter";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { loadBillingOverview } from "@/lib/billing/overview";
import { manageBillingAction, upgradeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function BillingPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug, "viewer");
  const now = new Date();
  const [t, format, overview, query] = await Promise.all([getTranslations("billing"), getFormatter(), loadBillingOverview(ctx.org.id, now), searchParams]);
  const { entitlements, usage, configured, selfHosted } = overview;
  const canManage = can(ctx.role, "org:update");
  const checkout = query.checkout;
  const canUpgrade = configured && !selfHosted && canManage && !overview.hasLiveSubscription;
  const note = selfHosted ? undefined : !configured ? t("plans.notConfigured") : !canManage ? t("plans.onlyAdmins") : overview.hasLiveSubscription ? t("plans.changeInPortal") : undefined;
  const quota = entitlements.monthlyCredentials;
  const ofLimit = (used: number, limit: number | null) => (limit === null ? t("usage.noLimit", { used }) : t("usage.ofLimit", { used, limit }));

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="space-y-6">
        {checkout === "success" && <Alert tone="success">{t("checkout.success")}</Alert>}
        {checkout === "canceled" && <Alert tone="info">{t("checkout.canceled")}</Alert>}
        {selfHosted ? (
          <Alert tone="info" title={t("selfHosted.title")}>{t("selfHosted.body")}</Alert>
        ) : (
          !configured && <Alert tone="warning" title={t("notConfigured.title")}>{t("notConfigured.body")}</Alert>
        )}

        <div className="grid gap-6 lg:grid-cols-2">
          <CurrentPlan entitlements={entitlements} org={overview.org} now={now} />
          <Card>
            <CardHeader title={t("usage.title")} />
            <div className="space-y-5">
              <UsageMeter testId="usage-credentials" label={t("usage.credentials")} used={usage.issued} limit={quota} valueText={ofLimit(usage.issued, quota)} />
              <UsageMeter testId="usage-members" label={t("usage.members")} used={usage.members} limit={entitlements.members} valueText={ofLimit(usage.members, entitlements.members)} />
              {quota !== null && (
                <p className="text-sm text-stone-700">
                  {usage.issued >= quota ? t("usage.full") : t("usage.resets", { date: format.dateTime(overview.usageResetsAt, { dateStyle: "long" }) })}
                </p>
              )}
            </div>
          </Card>
        </div>

        {configured && !selfHosted && canManage && overview.org.stripeCustomerId && (
          <Card>
            <CardHeader title={t("manage.title")} description={t("manage.body")} />
            <ManageBillingForm org={ctx.org.slug} action={manageBillingAction} />
          </Card>
        )}

        {!selfHosted && (
          <Card>
            <CardHeader title={t("plans.title")} />
            <PlanCards
              org={ctx.org.slug}
              plans={overview.plans}
              currentPlan={entitlements.plan}
              canUpgrade={canUpgrade}
              note={note}
              action={upgradeAction}
            />
          </Card>
        )}
      </div>
    </>
  );
}
