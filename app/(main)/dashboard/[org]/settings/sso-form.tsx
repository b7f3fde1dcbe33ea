"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { CopyButton } from "@/components/docs/copy-button";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { SSO_DEFAULT_ROLES } from "@/lib/sso/default-roles";
import { removeSsoConnectionAction, saveSsoConnectionAction } from "./actions";

export type SsoSettingsView = {
  connection: {
    protocol: "oidc" | "saml";
    issuer: string | null;
    clientId: string | null;
    idpEntityId: string | null;
    metadataUrl: string | null;
    enforce: boolean;
    defaultRole: (typeof SSO_DEFAULT_ROLES)[number];
  } | null;
  urls: { callbackUrl: string; acsUrl: string; entityId: string; metadataUrl: string; signInUrl: string };
  domains: { domain: string; verified: boolean }[];
};

type Props = { org: string; view: SsoSettingsView; readOnly: boolean };

/** Single sign-on: the identity provider (OIDC or SAML), Laurel's URLs for it, domains, enforcement, default role. */
export function SsoForm({ org, view, readOnly }: Props) {
  const t = useTranslations("sso.settings");
  const tRoles = useTranslations("roles");
  const router = useRouter();
  const id = useId();
  const { connection, urls, domains } = view;
  const [protocol, setProtocol] = useState<"oidc" | "saml">(connection?.protocol ?? "oidc");
  const verified = domains.filter((domain) => domain.verified);
  const spUrls =
    protocol === "oidc"
      ? [{ key: "callbackUrl", label: t("callbackUrl"), value: urls.callbackUrl }]
      : [
          { key: "acsUrl", label: t("acsUrl"), value: urls.acsUrl },
          { key: "entityId", label: t("entityId"), value: urls.entityId },
          { key: "metadataUrl", label: t("spMetadataUrl"), value: urls.metadataUrl },
        ];
  return (
    <div className="space-y-6">
      <p className="text-sm text-stone-800" data-testid="sso-status">
        {connection ? t(connection.protocol === "oidc" ? "statusOidc" : "statusSaml", { issuer: connection.issuer ?? connection.idpEntityId ?? "" }) : t("statusNone")}
      </p>

      <section aria-labelledby={`${id}-urls`} className="space-y-2">
        <h3 id={`${id}-urls`} className="text-sm font-semibold text-stone-900">{t("urlsTitle")}</h3>
        <p className="text-sm text-stone-700">{t("urlsBody")}</p>
        <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
          {spUrls.map((url) => (
            <div key={url.key} className="contents" data-testid={`sso-${url.key}`}>
              <dt className="text-stone-700">{url.label}</dt>
              <dd>
                <code className="break-all text-xs text-stone-900">{url.value}</code> <CopyButton text={url.value} label={`${t("copy")}: ${url.label}`} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby={`${id}-domains`} className="space-y-2">
        <h3 id={`${id}-domains`} className="text-sm font-semibold text-stone-900">{t("domainsTitle")}</h3>
        {domains.length === 0 ? (
          <p className="text-sm text-stone-700">{t("domainsEmpty")} <a href="#domains" className="font-semibold text-brand-700 underline">{t("domainsLink")}</a></p>
        ) : (
          <>
            <ul className="flex flex-wrap gap-2" data-testid="sso-domains">
              {domains.map((domain) => (
                <li key={domain.domain} className={domain.verified ? "rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800" : "rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-800"}>
                  {domain.domain}: {domain.verified ? t("domainVerified") : t("domainPending")}
                </li>
              ))}
            </ul>
            <p className="text-sm text-stone-700">
              {verified.length === 0 ? t("domainsNoneVerified") : t("domainsHint", { url: urls.signInUrl })}{" "}
              <a href="#domains" className="font-semibold text-brand-700 underline">{t("domainsLink")}</a>
            </p>
          </>
        )}
      </section>

      <ActionForm action={saveSsoConnectionAction} className="space-y-4" onSuccess={() => router.refresh()}>
        <fieldset disabled={readOnly} className="space-y-4">
          <input type="hidden" name="org" value={org} />
          <FormMessage success={t("saved")} />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-stone-800">{t("protocol")}</legend>
            {(["oidc", "saml"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm text-stone-800">
                <input type="radio" name="protocol" value={value} checked={protocol === value} onChange={() => setProtocol(value)} className="h-4 w-4" />
                {t(`protocols.${value}`)}
              </label>
            ))}
          </fieldset>
          {protocol === "oidc" ? (
            <>
              <TextField name="issuer" type="url" label={t("issuer")} hint={t("issuerHint")} defaultValue={connection?.issuer ?? ""} required className="max-w-xl" />
              <TextField name="clientId" label={t("clientId")} defaultValue={connection?.clientId ?? ""} autoComplete="off" required className="max-w-xl" />
              <TextField
                name="clientSecret" type="password" label={t("clientSecret")} autoComplete="new-password" className="max-w-xl"
                hint={connection?.protocol === "oidc" ? t("clientSecretKeep") : t("clientSecretHint")} required={connection?.protocol !== "oidc"}
              />
            </>
          ) : (
            <>
              <TextField name="metadataUrl" type="url" label={t("metadataUrl")} hint={t("metadataUrlHint")} defaultValue={connection?.metadataUrl ?? ""} className="max-w-xl" />
              <TextAreaField name="metadataXml" label={t("metadataXml")} hint={t("metadataXmlHint")} rows={6} className="max-w-xl" spellCheck={false} />
            </>
          )}
          <SelectField
            name="defaultRole" label={t("defaultRole")} hint={t("defaultRoleHint")} defaultValue={connection?.defaultRole ?? "viewer"} className="max-w-xs"
            options={SSO_DEFAULT_ROLES.map((role) => ({ value: role, label: tRoles(role) }))}
          />
          <div className="flex items-start gap-2">
            <input id={`${id}-enforce`} type="checkbox" name="enforce" defaultChecked={connection?.enforce ?? false} aria-describedby={`${id}-enforce-hint`} className="mt-0.5 h-4 w-4" />
            <div>
              <label htmlFor={`${id}-enforce`} className="text-sm font-medium text-stone-800">{t("enforce")}</label>
              <p id={`${id}-enforce-hint`} className="text-xs text-stone-700">{t("enforceHint")}</p>
            </div>
          </div>
          {!readOnly && <SubmitButton pendingLabel={t("saving")}>{connection ? t("update") : t("save")}</SubmitButton>}
        </fieldset>
      </ActionForm>

      {connection && !readOnly && (
        <ActionForm action={removeSsoConnectionAction} confirm={t("removeConfirm")} onSuccess={() => router.refresh()}>
          <input type="hidden" name="org" value={org} />
          <FormMessage />
          <SubmitButton variant="ghost" pendingLabel={t("removing")}>{t("remove")}</SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}
