import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FeatureLocked } from "@/components/billing/feature-locked";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { orgPage } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { entitlementsOf } from "@/lib/billing/entitlements";
import { listGroups } from "@/lib/groups/manage";
import { CreateGroupForm } from "./group-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug, REQUIRED_ROLE["credentials:issue"]);
  const t = await getTranslations("groups");
  const entitlements = entitlementsOf(ctx.org);
  if (!entitlements.features.includes("bulkIssue")) return <FeatureLocked feature="bulkIssue" title={t("title")} entitlements={entitlements} slug={ctx.org.slug} />;
  const [format, groups] = await Promise.all([getFormatter(), listGroups(ctx.org.id)]);
  const base = `/dashboard/${ctx.org.slug}/groups`;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={<Link href={`/dashboard/${ctx.org.slug}/issue/bulk`} className="text-sm font-medium text-brand-800 underline">{t("toBulk")}</Link>}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("create.title")} />
          <CreateGroupForm org={ctx.org.slug} />
        </Card>
        <Card>
          <CardHeader title={t("list.title")} id="groups-heading" />
          {groups.length === 0 ? (
            <p className="text-sm text-stone-700">{t("list.none")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="groups-heading">
                <TableHead columns={[t("list.name"), t("list.members"), t("list.updated")]} />
                <tbody className="divide-y divide-stone-100">
                  {groups.map((group) => (
                    <tr key={group.id} data-testid="group-row">
                      <td className="py-3 pr-4"><Link href={`${base}/${group.id}`} className="font-medium text-brand-800 underline">{group.name}</Link></td>
                      <td className="py-3 pr-4 tabular-nums">{t("list.memberCount", { count: group.members })}</td>
                      <td className="py-3 text-stone-700">{format.dateTime(group.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
