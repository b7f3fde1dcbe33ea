import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AnalyticsDashboard } from "@/components/analytics/analytics-dashboard";
import { EngagementEmailsTable } from "@/components/analytics/engagement-emails-table";
import { FeatureLocked } from "@/components/billing/feature-locked";
import { orgPage } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { loadAnalytics } from "@/lib/analytics/dashboard-data";
import { entitlementsOf } from "@/lib/billing/entitlements";
import { engagementEmailReport } from "@/lib/email/engagement/report";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("analytics"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AnalyticsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug, REQUIRED_ROLE["analytics:read"]);
  const entitlements = entitlementsOf(ctx.org);
  if (!entitlements.features.includes("analytics")) {
    return <FeatureLocked feature="analytics" title={(await getTranslations("analytics"))("title")} entitlements={entitlements} slug={ctx.org.slug} />;
  }
  const data = await loadAnalytics(ctx.org.id, await searchParams);
  const emails = await engagementEmailReport(ctx.org.id, data.summary.range);
  return (
    <>
      <AnalyticsDashboard path={`/dashboard/${ctx.org.slug}/analytics`} {...data} />
      <EngagementEmailsTable rows={emails} />
    </>
  );
}
