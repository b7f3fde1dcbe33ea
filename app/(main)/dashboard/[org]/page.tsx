import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { listAuditLog, listMembers } from "@/lib/orgs/queries";

export default async function OrgOverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  const [t, format, members, activity] = await Promise.all([
    getTranslations("dashboard.overview"),
    getFormatter(),
    listMembers(ctx.org.id),
    can(ctx.role, "audit:read") ? listAuditLog(ctx.org.id, 8) : Promise.resolve([]),
  ]);
  const tAudit = await getTranslations("audit");
  const base = `/dashboard/${ctx.org.slug}`;
  const steps = [
    { href: `${base}/settings`, key: "brand" },
    { href: `${base}/members`, key: "team" },
    { href: `${base}/achievements`, key: "design" },
    { href: `${base}/issue`, key: "issue" },
  ] as const;
  return (
    <>
      <PageHeader title={t("title", { org: ctx.org.name })} description={t("subtitle", { role: (await getTranslations("roles"))(ctx.role) })} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("gettingStarted")} description={t("gettingStartedBody")} />
          <ol className="space-y-3">
            {steps.map((step, index) => (
              <li key={step.key}>
                <Link href={step.href} className="flex items-start gap-3 rounded-lg border border-stone-200 p-3 hover:border-brand-600">
                  <span className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-700 text-sm font-bold text-white">{index + 1}</span>
                  <span>
                    <span className="block font-semibold text-stone-900">{t(`steps.${step.key}.title`)}</span>
                    <span className="block text-sm text-stone-700">{t(`steps.${step.key}.body`)}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        </Card>
        <Card>
          <CardHeader title={t("team")} />
          <p className="text-3xl font-bold text-stone-900">{members.length}</p>
          <p className="text-sm text-stone-700">{t("members", { count: members.length })}</p>
          <Link href={`${base}/members`} className="mt-4 inline-block text-sm font-semibold text-brand-700 underline">{t("manageMembers")}</Link>
        </Card>
        {can(ctx.role, "audit:read") && (
          <Card className="lg:col-span-3">
            <CardHeader title={t("activity")} />
            {activity.length === 0 ? (
              <p className="text-sm text-stone-700">{t("noActivity")}</p>
            ) : (
              <ul className="divide-y divide-stone-100">
                {activity.map((entry) => (
                  <li key={entry.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                    <span className="text-stone-800">
                      <strong>{entry.actor?.name ?? entry.actor?.email ?? tAudit("system")}</strong>{" "}
                      {tAudit.has(entry.action) ? tAudit(entry.action) : entry.action}
                    </span>
                    <time dateTime={entry.createdAt.toISOString()} className="text-stone-600">
                      {format.relativeTime(entry.createdAt, new Date())}
                    </time>
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
