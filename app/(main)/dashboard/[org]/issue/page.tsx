import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { orgPage } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { listPendingScheduledIssues, listRecentScheduledOutcomes } from "@/lib/issuing/scheduled/schedule-issue";
import { listIssuableAchievements } from "@/lib/issuing/issuable-achievements";
import { IssueForm } from "./issue-form";
import { ScheduledIssues } from "./scheduled-issues";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("issue"))("title") };
}

export default async function IssuePage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ achievement?: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug, REQUIRED_ROLE["credentials:issue"]);
  const [t, achievements, scheduled, outcomes, { achievement }] = await Promise.all([
    getTranslations("issue"),
    listIssuableAchievements(ctx.org.id),
    listPendingScheduledIssues(ctx.org.id),
    listRecentScheduledOutcomes(ctx.org.id),
    searchParams,
  ]);
  const base = `/dashboard/${ctx.org.slug}`;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={<Link href={`${base}/issue/bulk`} className={buttonClasses("secondary")}>{t("bulkLink")}</Link>}
      />
      {achievements.length === 0 ? (
        <EmptyState title={t("noAchievementsTitle")} description={t("noAchievementsBody")}>
          <Link href={`${base}/achievements`} className={buttonClasses("primary")}>{t("designFirst")}</Link>
        </EmptyState>
      ) : (
        <Card className="max-w-3xl">
          <CardHeader title={t("oneTitle")} description={t("oneBody")} />
          <IssueForm
            org={ctx.org.slug}
            achievements={achievements.map((a) => ({ value: a.id, label: a.name }))}
            defaultAchievement={achievement && achievements.some((a) => a.id === achievement) ? achievement : achievements[0].id}
            credentialsHref={`${base}/credentials`}
          />
        </Card>
      )}
      {(achievements.length > 0 || scheduled.length > 0 || outcomes.length > 0) && (
        <div className="mt-6">
          <ScheduledIssues org={ctx.org.slug} issues={scheduled} outcomes={outcomes} />
        </div>
      )}
    </>
  );
}
