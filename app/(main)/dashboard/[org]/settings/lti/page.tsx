import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { entitlementsOf, upgradePath } from "@/lib/billing/entitlements";
import { listPlatforms, toolConfiguration, toolUrls } from "@/lib/lti/platforms";
import { LtiPlatformList, RegisterPlatformForm, ToolUrlList } from "./lti-platform-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lti.settings"))("title") };
}

export default async function LtiSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  const [t, format, platforms, configuration] = await Promise.all([getTranslations("lti.settings"), getFormatter(), listPlatforms(ctx.org.id), toolConfiguration(ctx.org.id)]);
  const included = entitlementsOf(ctx.org).features.includes("lti");
  const canEdit = can(ctx.role, "org:update");
  const urls = toolUrls(ctx.org.id);
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="space-y-6">
        <p className="text-sm">
          <Link href={`/dashboard/${ctx.org.slug}/settings`} className="font-medium text-brand-800 underline">{t("back")}</Link>
        </p>
        {!included && (
          <Alert tone="info">
            {t("planNote")}{" "}
            <Link href={upgradePath(ctx.org.slug)} className="font-semibold underline">{t("seePlans")}</Link>
          </Alert>
        )}
        {!canEdit && <Alert tone="info">{t("readOnly")}</Alert>}
        <Card>
          <CardHeader title={t("toolTitle")} description={t("toolBody")} id="lti-tool-heading" />
          <ToolUrlList urls={urls} configuration={JSON.stringify(configuration, null, 2)} />
          <ol className="mt-6 list-decimal space-y-2 pl-5 text-sm text-stone-800">
            <li>{t("steps.addTool")}</li>
            <li>{t("steps.copyBack")}</li>
            <li>{t("steps.register")}</li>
            <li>{t("steps.place")}</li>
          </ol>
        </Card>
        {included && canEdit && (
          <Card>
            <CardHeader title={t("registerTitle")} description={t("registerBody")} />
            <RegisterPlatformForm org={ctx.org.slug} />
          </Card>
        )}
        <Card>
          <CardHeader title={t("listTitle")} description={t("listBody")} id="lti-platforms-heading" />
          <LtiPlatformList
            org={ctx.org.slug}
            canEdit={canEdit}
            platforms={platforms.map((platform) => ({ ...platform, createdLabel: format.dateTime(new Date(platform.createdAt), { dateStyle: "medium" }) }))}
          />
        </Card>
      </div>
    </>
  );
}
