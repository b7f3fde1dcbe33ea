import { getTranslations } from "next-intl/server";
import { FeatureLocked } from "@/components/billing/feature-locked";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { entitlementsOf } from "@/lib/billing/entitlements";

type Props = { children: React.ReactNode; params: Promise<{ org: string }> };

/** Every webhooks page needs the plan's "webhooks" feature, as the API does, and an admin or owner. */
export default async function WebhooksLayout({ children, params }: Props) {
  const ctx = await orgPage((await params).org);
  const t = await getTranslations("webhooks");
  const entitlements = entitlementsOf(ctx.org);
  if (!entitlements.features.includes("webhooks")) {
    return <FeatureLocked feature="webhooks" title={t("title")} entitlements={entitlements} slug={ctx.org.slug} />;
  }
  if (!can(ctx.role, "webhooks:manage")) {
    return (
      <>
        <PageHeader title={t("title")} description={t("subtitle")} />
        <Alert tone="info">{t("manageNotAllowed")}</Alert>
      </>
    );
  }
  return children;
}
