import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { decodeCursor } from "@/lib/api/pagination";
import { AppError } from "@/lib/errors";
import { endpointDetail } from "@/lib/webhooks/dashboard";
import { listWebhookDeliveries } from "@/lib/webhooks/deliveries";
import { EndpointStatus } from "../status-pill";
import { eventMessageKey } from "@/lib/webhooks/event-types";
import { DeleteWebhookButton, RedeliverButton, RotateSecretButton, WebhookEnabledButton } from "../webhook-forms";
import { featurePage } from "@/components/dashboard/feature-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

const STATE_TONES = {
  succeeded: "text-emerald-800",
  failed: "text-red-800",
  pending: "text-amber-900",
  sending: "text-stone-800",
} as const;

/** A cursor this page made; anything else starts from the newest deliveries rather than failing. */
function readableCursor(cursor: unknown): string | undefined {
  if (typeof cursor !== "string") return undefined;
  try {
    decodeCursor(cursor);
    return cursor;
  } catch {
    return undefined;
  }
}

type Props = { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ cursor?: string }> };

export default async function WebhookPage({ params, searchParams }: Props) {
  const { org: slug, id } = await params;
  const { ctx, blocked } = await featurePage(slug, "webhooks", { manage: "webhooks:manage" });
  if (blocked) return blocked;
  // The layout has checked the plan and the role.
  const cursor = readableCursor((await searchParams).cursor);
  const [detail, deliveries] = await Promise.all([endpointDetail(ctx.org.id, id), listWebhookDeliveries(ctx.org.id, id, { limit: 25, cursor })]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { endpoint, summary } = detail;
  const [t, td, format] = await Promise.all([getTranslations("webhooks"), getTranslations("webhooks.detail"), getFormatter()]);
  const base = `/dashboard/${ctx.org.slug}/webhooks`;
  return (
    <>
      <Link href={base} className="mb-4 inline-block text-sm font-semibold text-brand-800 underline">
        <span aria-hidden="true">← </span>{td("back")}
      </Link>
      <PageHeader title={endpoint.url} description={endpoint.description || undefined} actions={<EndpointStatus endpoint={endpoint} />} />
      <div className="space-y-6">
        {!endpoint.enabled && endpoint.disabledReason === "failing" && <Alert tone="error" title={td("failingAlertTitle")}>{td("failingAlertBody")}</Alert>}
        {!endpoint.enabled && endpoint.disabledReason !== "failing" && <Alert tone="info">{td("pausedAlert")}</Alert>}
        {endpoint.enabled && endpoint.failingSince && (
          <Alert tone="warning">{td("retryingAlert", { since: format.dateTime(new Date(endpoint.failingSince), { dateStyle: "medium", timeStyle: "short" }) })}</Alert>
        )}
        <Card>
          <h2 className="text-sm font-medium text-stone-700">{td("events")}</h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {endpoint.events.map((type) => (
              <li key={type} className="rounded bg-stone-100 px-2 py-1 text-sm text-stone-800">{t(`eventTypes.${eventMessageKey(type)}.label`)}</li>
            ))}
          </ul>
          <p className="mt-3 text-sm text-stone-700">{td("created", { date: format.dateTime(new Date(endpoint.createdAt), { dateStyle: "medium" }) })}</p>
          <div className="mt-4 flex flex-wrap items-start gap-3">
            <WebhookEnabledButton org={ctx.org.slug} webhookId={endpoint.id} enabled={endpoint.enabled} />
            <RotateSecretButton org={ctx.org.slug} webhookId={endpoint.id} />
            <DeleteWebhookButton org={ctx.org.slug} webhookId={endpoint.id} url={endpoint.url} />
          </div>
        </Card>

        <Card>
          <CardHeader title={td("summaryTitle")} />
          <dl className="grid grid-cols-3 gap-4 text-center" data-testid="webhook-summary">
            {(["succeeded", "failed", "pending"] as const).map((state) => (
              <div key={state} className="rounded-lg bg-stone-50 p-3">
                <dt className="text-sm text-stone-700">{td(`summary.${state}`)}</dt>
                <dd className={`text-2xl font-semibold ${STATE_TONES[state]}`}>{format.number(summary[state])}</dd>
              </div>
            ))}
          </dl>
        </Card>

        <Card>
          <CardHeader title={td("deliveriesTitle")} id="deliveries-heading" />
          {deliveries.data.length === 0 ? (
            <p className="text-sm text-stone-700">{td("deliveriesEmpty")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" aria-labelledby="deliveries-heading">
                <TableHead columns={[td("columns.event"), td("columns.time"), td("columns.state"), td("columns.attempts"), td("columns.response"), { label: td("columns.actions"), hidden: true }]} />
                <tbody className="divide-y divide-stone-100">
                  {deliveries.data.map((delivery) => (
                    <tr key={delivery.id} data-testid="delivery-row" className="align-top">
                      <td className="py-3 pr-4">
                        <span className="font-medium text-stone-900">{t(`eventTypes.${eventMessageKey(delivery.eventType)}.label`)}</span>
                        <code className="block break-all font-mono text-xs text-stone-600">{delivery.eventId}</code>
                      </td>
                      <td className="py-3 pr-4 whitespace-nowrap">{format.dateTime(new Date(delivery.lastAttemptAt ?? delivery.createdAt), { dateStyle: "short", timeStyle: "medium" })}</td>
                      <td className={`py-3 pr-4 font-medium ${STATE_TONES[delivery.state]}`}>
                        {td(`state.${delivery.state}`)}
                        {delivery.nextAttemptAt && <span className="block text-xs font-normal text-stone-700">{td("nextAttempt", { when: format.relativeTime(new Date(delivery.nextAttemptAt)) })}</span>}
                      </td>
                      <td className="py-3 pr-4">{format.number(delivery.attempts)}</td>
                      <td className="max-w-xs py-3 pr-4">
                        <span className="font-mono">{delivery.responseStatus ?? td("noAnswer")}</span>
                        {delivery.error && delivery.responseStatus === null && <span className="block break-words text-xs text-stone-700">{delivery.error}</span>}
                        {delivery.responseBody && (
                          <details className="mt-1">
                            <summary className="cursor-pointer text-xs text-brand-800 underline">{td("responseBody")}</summary>
                            <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2 font-mono text-xs text-stone-800">{delivery.responseBody}</pre>
                          </details>
                        )}
                      </td>
                      {/* relative: the button's screen-reader label stays inside the table's scrolling box. */}
                      <td className="relative py-3 text-right">
                        {endpoint.enabled && <RedeliverButton org={ctx.org.slug} webhookId={endpoint.id} deliveryId={delivery.id} eventId={delivery.eventId} sending={delivery.state === "sending"} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="mt-4 flex gap-4 text-sm" aria-label={td("deliveriesTitle")}>
            {cursor && <Link href={`${base}/${endpoint.id}`} className="font-semibold text-brand-800 underline">{td("newest")}</Link>}
            {deliveries.nextCursor && (
              <Link href={`${base}/${endpoint.id}?cursor=${encodeURIComponent(deliveries.nextCursor)}`} className="font-semibold text-brand-800 underline">{td("older")}</Link>
            )}
          </nav>
        </Card>
      </div>
    </>
  );
}
