import { getFormatter, getTranslations } from "next-intl/server";
import type { WebhookEndpointResponse } from "@/lib/webhooks/api-schemas";

const TONES = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  retrying: "bg-amber-50 text-amber-900 ring-amber-200",
  paused: "bg-stone-100 text-stone-800 ring-stone-300",
  failing: "bg-red-50 text-red-800 ring-red-200",
} as const;

/** Whether an endpoint receives events: active, failing but retrying, paused, or turned off for failing. */
export async function EndpointStatus({ endpoint }: { endpoint: Pick<WebhookEndpointResponse, "enabled" | "disabledReason" | "failingSince"> }) {
  const [t, format] = await Promise.all([getTranslations("webhooks.status"), getFormatter()]);
  const state = !endpoint.enabled ? (endpoint.disabledReason === "failing" ? "failing" : "paused") : endpoint.failingSince ? "retrying" : "active";
  const label = state === "retrying" ? t("retrying", { since: format.relativeTime(new Date(endpoint.failingSince!)) }) : t(state);
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[state]}`} data-testid="webhook-status">{label}</span>;
}
