"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { ActionForm, InlineActionError, FormMessage, SubmitButton, TextField, useFormState } from "@/components/ui/form";
import { API_SCOPES } from "@/lib/api/scopes";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const scopeMessageKey = (scope: string) => scope.replace(":", "_");

function ScopeError() {
  const { state } = useFormState();
  const t = useTranslations("errors.fields");
  if (!state || state.ok || !state.fields?.scopes) return null;
  const code = state.fields.scopes.code;
  return <p id="scopes-error" className="text-sm font-medium text-red-700">{t.has(code) ? t(code) : t("invalid")}</p>;
}

function NewKey({ name, plaintext, onDone }: { name: string; plaintext: string; onDone: () => void }) {
  const t = useTranslations("dashboard.apiKeys");
  const labels = { title: t("createdTitle", { name }), body: t("createdBody"), field: t("yourKey"), copy: t("copy"), copied: t("copied"), copyFailed: t("copyFailed"), done: t("done") };
  return <SecretReveal secret={plaintext} labels={labels} onDone={onDone} testId="new-api-key" />;
}

export function CreateApiKeyForm({ org }: { org: string }) {
  const t = useTranslations("dashboard.apiKeys");
  const [created, setCreated] = useState<{ name: string; plaintext: string } | null>(null);
  return (
    <div className="space-y-4">
      {created && <NewKey {...created} onDone={() => setCreated(null)} />}
      <ActionForm
        action={createApiKeyAction}
        resetOnSuccess
        onSuccess={(state) => setCreated(state?.ok ? (state.data as { name: string; plaintext: string }) : null)}
        className="space-y-4"
      >
        <input type="hidden" name="org" value={org} />
        <FormMessage />
        <TextField name="name" label={t("name")} hint={t("nameHint")} autoComplete="off" required maxLength={100} />
        <fieldset aria-describedby="scopes-error">
          <legend className="text-sm font-medium text-stone-800">{t("scopes")}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {API_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm text-stone-800">
                <input type="checkbox" name={`scope:${scope}`} defaultChecked={scope.endsWith(":read")} className="mt-0.5 h-4 w-4" />
                <span>
                  <code className="font-mono text-xs">{scope}</code>
                  <span className="block text-stone-600">{t(`scopeHelp.${scopeMessageKey(scope)}`)}</span>
                </span>
              </label>
            ))}
          </div>
          <ScopeError />
        </fieldset>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </ActionForm>
    </div>
  );
}

export function RevokeApiKeyButton({ org, keyId, name }: { org: string; keyId: string; name: string }) {
  const t = useTranslations("dashboard.apiKeys");
  return (
    <ActionForm action={revokeApiKeyAction} confirm={t("confirmRevoke", { name })}>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="keyId" value={keyId} />
      <SubmitButton variant="ghost" className="text-red-700" pendingLabel={t("revoking")}>
        <span aria-hidden="true">{t("revoke")}</span>
        <span className="sr-only">{t("revokeFor", { name })}</span>
      </SubmitButton>
      <InlineActionError />
    </ActionForm>
  );
}
