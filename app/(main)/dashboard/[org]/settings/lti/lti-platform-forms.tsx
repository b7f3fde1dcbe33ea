"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/docs/copy-button";
import { ActionForm, FormMessage, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import type { PlatformView, ToolUrls } from "@/lib/lti/platforms";
import { registerPlatformAction, removePlatformAction } from "./actions";

const URL_KEYS = ["loginUrl", "launchUrl", "deepLinkUrl", "jwksUrl", "configUrl"] as const;

/** Laurel's URLs for the platform's admin, each with its copy button; and the configuration JSON. */
export function ToolUrlList({ urls, configuration }: { urls: ToolUrls; configuration: string }) {
  const t = useTranslations("lti.settings");
  return (
    <div className="space-y-4">
      <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
        {URL_KEYS.map((key) => (
          <div key={key} className="contents" data-testid={`lti-${key}`}>
            <dt className="font-medium text-stone-800">{t(`urls.${key}`)}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code className="break-all text-xs text-stone-900">{urls[key]}</code>
              <CopyButton text={urls[key]} label={t(`urls.${key}`)} />
            </dd>
          </div>
        ))}
      </dl>
      <details className="rounded-lg border border-stone-200 p-3 text-sm">
        <summary className="cursor-pointer font-medium text-stone-900">{t("configTitle")}</summary>
        <p className="mt-2 text-stone-700">{t("configBody")}</p>
        <pre className="mt-2 max-h-80 overflow-auto rounded bg-stone-900 p-3 text-xs text-stone-50" tabIndex={0} aria-label={t("configTitle")}>{configuration}</pre>
        <div className="mt-2">
          <CopyButton text={configuration} label={t("configTitle")} />
        </div>
      </details>
    </div>
  );
}

/** The platform's own values, as its admin got them when adding Laurel. */
export function RegisterPlatformForm({ org }: { org: string }) {
  const t = useTranslations("lti.settings.form");
  const router = useRouter();
  return (
    <ActionForm action={registerPlatformAction} className="space-y-4" resetOnSuccess onSuccess={() => router.refresh()}>
      <input type="hidden" name="org" value={org} />
      <FormMessage success={t("registered")} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="issuer" type="url" label={t("issuer")} hint={t("issuerHint")} required />
        <TextField name="clientId" label={t("clientId")} hint={t("clientIdHint")} required />
        <TextField name="authorizationUrl" type="url" label={t("authorizationUrl")} hint={t("authorizationUrlHint")} required />
        <TextField name="tokenUrl" type="url" label={t("tokenUrl")} hint={t("tokenUrlHint")} required />
        <TextField name="jwksUrl" type="url" label={t("jwksUrl")} hint={t("jwksUrlHint")} required />
        <TextAreaField name="deploymentIds" label={t("deploymentIds")} hint={t("deploymentIdsHint")} rows={3} required />
      </div>
      <SubmitButton pendingLabel={t("registering")}>{t("register")}</SubmitButton>
    </ActionForm>
  );
}

export function LtiPlatformList({ org, canEdit, platforms }: { org: string; canEdit: boolean; platforms: (PlatformView & { createdLabel: string })[] }) {
  const t = useTranslations("lti.settings");
  const router = useRouter();
  if (platforms.length === 0) return <p className="text-sm text-stone-700" data-testid="lti-platforms-empty">{t("empty")}</p>;
  return (
    <ul className="space-y-4">
      {platforms.map((platform) => (
        <li key={platform.id} data-testid="lti-platform-row" className="rounded-lg border border-stone-200 p-4 text-sm">
          <p className="font-semibold text-stone-900 break-all">{platform.platform.issuer}</p>
          <dl className="mt-2 grid gap-1 sm:grid-cols-[10rem_1fr]">
            <dt className="text-stone-700">{t("form.clientId")}</dt>
            <dd className="break-all font-mono text-xs text-stone-900">{platform.platform.clientId}</dd>
            <dt className="text-stone-700">{t("form.deploymentIds")}</dt>
            <dd className="break-all font-mono text-xs text-stone-900">{platform.platform.deploymentIds.join(", ")}</dd>
            <dt className="text-stone-700">{t("form.authorizationUrl")}</dt>
            <dd className="break-all font-mono text-xs text-stone-900">{platform.platform.authorizationUrl}</dd>
            <dt className="text-stone-700">{t("form.tokenUrl")}</dt>
            <dd className="break-all font-mono text-xs text-stone-900">{platform.platform.tokenUrl}</dd>
            <dt className="text-stone-700">{t("form.jwksUrl")}</dt>
            <dd className="break-all font-mono text-xs text-stone-900">{platform.platform.jwksUrl}</dd>
            <dt className="text-stone-700">{t("registeredOn")}</dt>
            <dd className="text-stone-900">{platform.createdLabel}</dd>
          </dl>
          {canEdit && (
            <ActionForm action={removePlatformAction} className="mt-3" confirm={t("removeConfirm", { issuer: platform.platform.issuer })} onSuccess={() => router.refresh()}>
              <input type="hidden" name="org" value={org} />
              <input type="hidden" name="platformId" value={platform.id} />
              <FormMessage />
              <SubmitButton variant="ghost" pendingLabel={t("removing")}>{t("remove", { issuer: platform.platform.issuer })}</SubmitButton>
            </ActionForm>
          )}
        </li>
      ))}
    </ul>
  );
}
