import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FeatureLocked } from "@/components/billing/feature-locked";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { orgPage, pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { entitlementsOf } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors";
import { getGroup } from "@/lib/groups/manage";
import { listIssuableAchievements } from "@/lib/issuing/issuable-achievements";
import { AddMemberForm, DeleteGroupButton, ImportMembersForm, IssueToGroupForm, RemoveMemberButton, RenameGroupForm } from "../group-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("detail.title") };
}

export default async function GroupPage({ params }: { params: Promise<{ org: string; groupId: string }> }) {
  const { org: slug, groupId } = await params;
  const ctx = await orgPage(slug, REQUIRED_ROLE["credentials:issue"]);
  const t = await getTranslations("groups");
  const entitlements = entitlementsOf(ctx.org);
  if (!entitlements.features.includes("bulkIssue")) return <FeatureLocked feature="bulkIssue" title={t("title")} entitlements={entitlements} slug={ctx.org.slug} />;
  const group = await getGroup(ctx.org.id, pageId(groupId)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const achievements = await listIssuableAchievements(ctx.org.id);
  const org = ctx.org.slug;
  return (
    <>
      <PageHeader
        title={group.name}
        description={t("detail.subtitle", { count: group.members })}
        actions={<Link href={`/dashboard/${org}/groups`} className="text-sm font-medium text-brand-800 underline">{t("detail.back")}</Link>}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("issue.title")} description={t("issue.body")} />
          {group.members === 0 ? (
            <p className="text-sm text-stone-700">{t("issue.empty")}</p>
          ) : achievements.length === 0 ? (
            <p className="text-sm text-stone-700">{t("issue.noAchievements")}</p>
          ) : (
            <IssueToGroupForm org={org} groupId={group.id} achievements={achievements.map((a) => ({ id: a.id, name: a.name }))} members={group.members} />
          )}
        </Card>
        <Card>
          <CardHeader title={t("members.title", { count: group.members })} id="members-heading" />
          <div className="space-y-6">
            <AddMemberForm org={org} groupId={group.id} />
            <div className="border-t border-stone-200 pt-4">
              <h3 className="mb-2 text-sm font-semibold text-stone-900">{t("import.title")}</h3>
              <ImportMembersForm org={org} groupId={group.id} />
            </div>
            {group.memberList.length === 0 ? (
              <p className="text-sm text-stone-700">{t("members.none")}</p>
            ) : (
              <div className="relative overflow-x-auto">
                <table className="w-full text-left text-sm" aria-labelledby="members-heading">
                  <TableHead columns={[t("members.email"), t("members.name"), t("members.actions")]} />
                  <tbody className="divide-y divide-stone-100">
                    {group.memberList.map((member) => (
                      <tr key={member.id} data-testid="group-member">
                        <td className="py-2 pr-4 break-all">{member.email}</td>
                        <td className="py-2 pr-4">{member.name}</td>
                        <td className="py-2"><RemoveMemberButton org={org} groupId={group.id} memberId={member.id} email={member.email} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </Card>
        <Card>
          <CardHeader title={t("detail.settings")} />
          <div className="space-y-4">
            <RenameGroupForm org={org} groupId={group.id} name={group.name} />
            <DeleteGroupButton org={org} groupId={group.id} name={group.name} />
          </div>
        </Card>
      </div>
    </>
  );
}
