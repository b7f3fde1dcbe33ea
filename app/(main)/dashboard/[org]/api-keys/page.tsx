import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listApiKeys } from "@/lib/api/keys";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-key-forms";
import { TableHead } from "@/components/ui/table-head";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard.apiKeys"))("title") };
}

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  const canManage = can(ctx.role, "apiKeys:manage");
  const [t, format, keys] = await Promise.all([getTranslations("dashboard.apiKeys"), getFormatter(), listApiKeys(ctx.org.id)]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={<Link href="/docs/api" className="text-sm font-semibold text-brand-800 underline">{t("docsLink")}</Link>}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("createTitle")} description={t("createBody")} />
          {canManage ? <CreateApiKeyForm org={ctx.org.slug} /> : <Alert tone="info">{t("manageNotAllowed")}</Alert>}
        </Card>
        {keys.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        ) : (
          <Card>
            <CardHeader title={t("listTitle", { count: keys.length })} id="api-keys-heading" />
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="api-keys-heading">
                <TableHead columns={[t("columns.name"), t("columns.key"), t("columns.scopes"), t("columns.created"), t("columns.lastUsed"), { label: t("columns.actions"), hidden: true }]} />
                <tbody className="divide-y divide-stone-100">
                  {keys.map((key) => (
                    <tr key={key.id} data-testid="api-key-row" className={key.revokedAt ? "text-stone-500" : undefined}>
                      <td className="py-3 pr-4 font-medium text-stone-900">{key.name}</td>
                      <td className="py-3 pr-4 font-mono text-xs">{key.prefix}…</td>
                      <td className="py-3 pr-4">
                        <ul className="flex flex-wrap gap-1">
                          {key.scopes.map((scope) => (
                            <li key={scope} className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs text-stone-800">{scope}</li>
                          ))}
                        </ul>
                      </td>
                      <td className="py-3 pr-4">{format.dateTime(key.createdAt, { dateStyle: "medium" })}</td>
                      <td className="py-3 pr-4">{key.lastUsedAt ? format.relativeTime(key.lastUsedAt) : t("neverUsed")}</td>
                      <td className="py-3 text-right">
                        {key.revokedAt ? (
                          <span className="text-stone-700">{t("revokedOn", { date: format.dateTime(key.revokedAt, { dateStyle: "medium" }) })}</span>
                        ) : (
                          canManage && <RevokeApiKeyButton org={ctx.org.slug} keyId={key.id} name={key.name} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
