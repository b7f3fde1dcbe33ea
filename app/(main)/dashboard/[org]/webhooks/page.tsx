import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead } from "@/components/ui/table-head";
import { listEndpointsWithLastDelivery } from "@/lib/webhooks/dashboard";
import { EndpointStatus } from "./status-pill";
import { CreateWebhookForm } from "./webhook-forms";
import { featurePage } from "@/components/dashboard/feature-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

export default async function WebhooksPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, blocked } = await featurePage(slug, "webhooks", { manage: "webhooks:manage" });
  if (blocked) return blocked;
  const [t, tDetail, format, endpoints] = await Promise.all([
    getTranslations("webhooks"),
    getTranslations("webhooks.detail"),
    getFormatter(),
    listEndpointsWithLastDelivery(ctx.org.id),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={<Link href="/docs/integrations" className="text-sm font-semibold text-brand-800 underline">{t("docsLink")}</Link>}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("createTitle")} description={t("createBody")} />
          <CreateWebhookForm org={ctx.org.slug} />
        </Card>
        {endpoints.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        ) : (
          <Card>
            <CardHeader title={t("listTitle", { count: endpoints.length })} id="webhooks-heading" />
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="webhooks-heading">
                <TableHead columns={[t("columns.url"), t("columns.events"), t("columns.status"), t("columns.lastDelivery"), t("columns.created")]} />
                <tbody className="divide-y divide-stone-100">
                  {endpoints.map((endpoint) => (
                    <tr key={endpoint.id} data-testid="webhook-row">
                      <td className="max-w-xs py-3 pr-4">
                        <Link href={`/dashboard/${ctx.org.slug}/webhooks/${endpoint.id}`} className="break-all font-medium text-brand-800 underline">
                          {endpoint.url}
                        </Link>
                        {endpoint.description && <span className="block text-stone-600">{endpoint.description}</span>}
                      </td>
                      <td className="py-3 pr-4 whitespace-nowrap">{t("eventCount", { count: endpoint.events.length })}</td>
                      <td className="py-3 pr-4"><EndpointStatus endpoint={endpoint} /></td>
                      <td className="py-3 pr-4">
                        {endpoint.lastDelivery ? (
                          <>
                            {tDetail(`state.${endpoint.lastDelivery.state as "pending" | "sending" | "succeeded" | "failed"}`)}
                            <span className="block text-stone-600">{format.relativeTime(endpoint.lastDelivery.at)}</span>
                          </>
                        ) : (
                          <span className="text-stone-600">{t("never")}</span>
                        )}
                      </td>
                      <td className="py-3 whitespace-nowrap">{format.dateTime(new Date(endpoint.createdAt), { dateStyle: "medium" })}</td>
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
