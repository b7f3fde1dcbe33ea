import type { ReactElement } from "react";
import { getTranslations } from "next-intl/server";
import { FeatureLocked } from "@/components/billing/feature-locked";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { orgPage, type OrgContext } from "@/lib/auth/guard";
import { can, type Permission, type Role } from "@/lib/auth/roles";
import { entitlementsOf } from "@/lib/billing/entitlements";

/** Dashboard sections that belong to a plan feature, named as their feature and message namespace. */
type FeatureSection = "programs" | "webhooks";

/**
 * The door of a page in a plan feature's section, called by the page itself: a layout that shows
 * a lock instead of its children does not stop Next from rendering the page into the same
 * response, data included. Gives the page's context, or what to show instead: the plan card when
 * the plan lacks the feature, a note when the member's role may not `manage` the section.
 */
export async function featurePage(
  slug: string,
  section: FeatureSection,
  { role = "viewer", manage }: { role?: Role; manage?: Permission } = {},
): Promise<{ ctx: OrgContext; blocked: ReactElement | null }> {
  const ctx = await orgPage(slug, role);
  const t = await getTranslations(section);
  const entitlements = entitlementsOf(ctx.org);
  if (!entitlements.features.includes(section)) {
    return { ctx, blocked: <FeatureLocked feature={section} title={t("title")} entitlements={entitlements} slug={ctx.org.slug} /> };
  }
  if (manage && !can(ctx.role, manage)) {
    return {
      ctx,
      blocked: (
        <>
          <PageHeader title={t("title")} description={t("subtitle")} />
          <Alert tone="info">{t("manageNotAllowed")}</Alert>
        </>
      ),
    };
  }
  return { ctx, blocked: null };
}
