import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage } from "@/lib/auth/guard";
import { can, ROLES } from "@/lib/auth/roles";
import { listMembers, listPendingInvitations } from "@/lib/orgs/queries";
import { InviteForm, MemberActions, RevokeInvitationButton } from "./member-forms";
import { TableHead } from "@/components/ui/table-head";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard.members"))("title") };
}

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  const canInvite = can(ctx.role, "members:invite");
  const [t, tRoles, format, members, invitations] = await Promise.all([
    getTranslations("dashboard.members"),
    getTranslations("roles"),
    getFormatter(),
    listMembers(ctx.org.id),
    canInvite ? listPendingInvitations(ctx.org.id) : Promise.resolve([]),
  ]);
  const roles = ROLES.map((role) => ({ value: role, label: tRoles(role) }));
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("inviteTitle")} description={t("inviteBody")} />
          {!canInvite && <Alert tone="info" className="mb-4">{t("inviteNotAllowed")}</Alert>}
          <InviteForm org={ctx.org.slug} roles={roles} disabled={!canInvite} />
        </Card>
        <Card>
          <CardHeader title={t("listTitle", { count: members.length })} id="members-heading" />
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" aria-labelledby="members-heading">
              <TableHead columns={[t("columns.member"), t("columns.role"), t("columns.since"), { label: t("columns.actions"), hidden: true }]} />
              <tbody className="divide-y divide-stone-100">
                {members.map((member) => {
                  const isSelf = member.id === ctx.membershipId;
                  // The only owner cannot leave (the server refuses it too): hand ownership over first.
                  const soleOwner = member.role === "owner" && members.filter((other) => other.role === "owner").length === 1;
                  const manageable = !isSelf && can(ctx.role, "members:manage");
                  return (
                    <tr key={member.id} data-testid="member-row">
                      <td className="py-3 pr-4">
                        <span className="block font-medium text-stone-900">{member.user.name ?? member.user.email}{isSelf && ` (${t("you")})`}</span>
                        <span className="block text-stone-600">{member.user.email}</span>
                      </td>
                      <td className="py-3 pr-4">{tRoles(member.role)}</td>
                      <td className="py-3 pr-4 text-stone-700">{format.dateTime(member.createdAt, { dateStyle: "medium" })}</td>
                      <td className="py-3 text-right">
                        <MemberActions
                          org={ctx.org.slug}
                          membershipId={member.id}
                          memberName={member.user.name ?? member.user.email}
                          role={member.role}
                          roles={manageable ? roles : []}
                          canRemove={manageable}
                          isSelf={isSelf}
                          canLeave={isSelf && !soleOwner}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
        {canInvite && (
          <Card>
            <CardHeader title={t("pendingTitle")} />
            {invitations.length === 0 ? (
              <p className="text-sm text-stone-700">{t("noPending")}</p>
            ) : (
              <ul className="divide-y divide-stone-100">
                {invitations.map((invitation) => (
                  <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm" data-testid="invitation-row">
                    <span>
                      <span className="font-medium text-stone-900">{invitation.email}</span>{" "}
                      <span className="text-stone-600">· {tRoles(invitation.role)} · {t("expires", { date: format.dateTime(invitation.expiresAt, { dateStyle: "medium" }) })}</span>
                    </span>
                    <RevokeInvitationButton org={ctx.org.slug} invitationId={invitation.id} email={invitation.email} />
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
