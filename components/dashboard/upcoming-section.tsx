import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { orgPage } from "@/lib/auth/guard";
import { PageHeader } from "./page-header";

export type UpcomingSection = "achievements" | "issue" | "credentials" | "analytics" | "apiKeys" | "billing";

/**
 * A workspace section whose tools are not in this release yet: says plainly what will appear
 * here, so an empty screen is never a puzzle.
 */
export async function UpcomingSectionPage({ params, section }: { params: Promise<{ org: string }>; section: UpcomingSection }) {
  const { org } = await params;
  await orgPage(org);
  const t = await getTranslations(`dashboard.sections.${section}`);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
    </>
  );
}
