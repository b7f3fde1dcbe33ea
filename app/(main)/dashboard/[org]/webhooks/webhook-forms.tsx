"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, InlineActionError, FormMessage, SubmitButton, TextField, useFormState } from "@/components/ui/form";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { eventMessageKey, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import { createWebhookAction, deleteWebhookAction, redeliverWebhookAction, rotateWebhookSecretAction, setWebhookEnabledAction } from "./actions";

function useSecretLabels(title: string, body: string) {
  const t = useTranslations("webhooks");
  return { title, body, field: t("yourSecret"), copy: t("copy"), copied: t("copied"), copyFailed: t("copyFailed"), done: t("done") };
}

function EventsError() {
  const { state } = useFormState();
  const t = useTranslations("webhooks");
  if (!state || state.ok || !state.fields?.events) return null;
  return <p id="events-error" className="text-sm font-medium text-red-700">{t("eventsError")}</p>;
}

function Created({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const t = useTranslations("webhooks");
  return <SecretReveal secret={secret} labels={useSecretLabels(t("secretTitle", { url }), t("secretBody"))} onDone={onDone} testId="webhook-secret" />;
}

export function CreateWebhookForm({ org }: { org: string }) {
  const t = useTranslations("webhooks");
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  return (
    <div className="space-y-4">
      {created && <Created {...created} onDone={() => setCreated(null)} />}
      <ActionForm
        action={createWebhookAction}
        resetOnSuccess
        onSuccess={(state) => setCreated(state?.ok ? (state.data as { url: string; secret: string }) : null)}
        className="space-y-4"
      >
        <input type="hidden" name="org" value={org} />
        <FormMessage />
        <TextField name="url" type="url" label={t("url")} hint={t("urlHint")} autoComplete="off" required maxLength={2000} inputMode="url" />
        <TextField name="description" label={t("description")} hint={t("descriptionHint")} autoComplete="off" maxLength={200} />
        <fieldset aria-describedby="events-error">
          <legend className="text-sm font-medium text-stone-800">{t("events")}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-start gap-2 text-sm text-stone-800">
                <input type="checkbox" name={`event:${type}`} defaultChecked={type.startsWith("credential.")} className="mt-0.5 h-4 w-4 shrink-0" />
                <span className="min-w-0">
                  <span className="font-medium">{t(`eventTypes.${eventMessageKey(type)}.label`)}</span>{" "}
                  <code className="break-all font-mono text-xs text-stone-600">{type}</code>
                  <span className="block text-stone-600">{t(`eventTypes.${eventMessageKey(type)}.help`)}</span>
                </span>
              </label>
            ))}
          </div>
          <EventsError />
        </fieldset>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </ActionForm>
    </div>
  );
}

export function WebhookEnabledButton({ org, webhookId, enabled }: { org: string; webhookId: string; enabled: boolean }) {
  const t = useTranslations("webhooks.detail");
  return (
    <ActionForm action={setWebhookEnabledAction}>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="webhookId" value={webhookId} />
      <input type="hidden" name="webhookEnabled" value={enabled ? "false" : "true"} />
      <SubmitButton variant={enabled ? "secondary" : "primary"} pendingLabel={enabled ? t("pausing") : t("resuming")}>
        {enabled ? t("pause") : t("resume")}
      </SubmitButton>
      <InlineActionError />
    </ActionForm>
  );
}

export function RotateSecretButton({ org, webhookId }: { org: string; webhookId: string }) {
  const t = useTranslations("webhooks.detail");
  const format = useFormatter();
  const [rotated, setRotated] = useState<{ secret: string; previousSecretExpiresAt: string } | null>(null);
  const labels = useSecretLabels(
    t("rotatedTitle"),
    rotated ? t("rotatedBody", { date: format.dateTime(new Date(rotated.previousSecretExpiresAt), { dateStyle: "medium", timeStyle: "short" }) }) : "",
  );
  return (
    <div className="space-y-3">
      {rotated && <SecretReveal secret={rotated.secret} labels={labels} onDone={() => setRotated(null)} testId="webhook-secret" />}
      <ActionForm
        action={rotateWebhookSecretAction}
        confirm={t("confirmRotate")}
        onSuccess={(state) => setRotated(state?.ok ? (state.data as { secret: string; previousSecretExpiresAt: string }) : null)}
      >
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="webhookId" value={webhookId} />
        <SubmitButton variant="secondary" pendingLabel={t("rotating")}>{t("rotate")}</SubmitButton>
        <InlineActionError />
      </ActionForm>
    </div>
  );
}

export function DeleteWebhookButton({ org, webhookId, url }: { org: string; webhookId: string; url: string }) {
  const t = useTranslations("webhooks.detail");
  return (
    <ActionForm action={deleteWebhookAction} confirm={t("confirmDelete", { url })}>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="webhookId" value={webhookId} />
      <SubmitButton variant="ghost" className="text-red-700" pendingLabel={t("deleting")}>{t("delete")}</SubmitButton>
      <InlineActionError />
    </ActionForm>
  );
}

function Redelivered() {
  const { state } = useFormState();
  const t = useTranslations("webhooks.detail");
  return <span role="status" className="block text-xs text-stone-700">{state?.ok ? t("redelivered") : ""}</span>;
}

/**
 * Redeliver, for a delivery not being sent right now. The form stays while one is sent (a
 * redelivery queued a moment ago often is), so its confirmation stays on screen.
 */
export function RedeliverButton({ org, webhookId, deliveryId, eventId, sending }: { org: string; webhookId: string; deliveryId: string; eventId: string; sending: boolean }) {
  const t = useTranslations("webhooks.detail");
  return (
    <ActionForm action={redeliverWebhookAction}>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="webhookId" value={webhookId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      {!sending && (
        <SubmitButton variant="ghost" pendingLabel={t("redelivering")}>
          <span aria-hidden="true">{t("redeliver")}</span>
          <span className="sr-only">{t("redeliverFor", { id: eventId })}</span>
        </SubmitButton>
      )}
      <Redelivered />
      <InlineActionError />
    </ActionForm>
  );
}
