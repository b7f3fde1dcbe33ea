"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionState } from "@/lib/auth/guard";
import { addEmailAction, disconnectAppAction, removePendingEmailAction, resendVerificationAction, signOutEverywhereAction, updateProfileAction } from "./actions";

export function ProfileForm({ user }: { user: { name: string; handle: string; locale: string } }) {
  const t = useTranslations("account");
  const tLanguage = useTranslations("language");
  return (
    <ActionForm action={updateProfileAction} className="space-y-4">
      <FormMessage success={t("saved")} />
      <TextField name="name" label={t("name")} defaultValue={user.name} autoComplete="name" required />
      <TextField name="handle" label={t("handle")} hint={t("handleHint")} defaultValue={user.handle} />
      <SelectField
        name="locale"
        label={t("language")}
        defaultValue={user.locale}
        options={[
          { value: "en", label: tLanguage("en") },
          { value: "es", label: tLanguage("es") },
        ]}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </ActionForm>
  );
}

export function AddEmailForm() {
  const t = useTranslations("account");
  const [added, setAdded] = useState<string | null>(null);
  return (
    <ActionForm
      action={addEmailAction}
      resetOnSuccess
      onSuccess={(state) => setAdded(state?.ok ? (state.data as { email: string }).email : null)}
      className="flex flex-wrap items-start gap-3"
    >
      <div className="w-full"><FormMessage success={added ? t("emailAdded", { email: added }) : undefined} /></div>
      <TextField name="email" type="email" label={t("addEmail")} className="min-w-64 flex-1" />
      <SubmitButton className="mt-6" pendingLabel={t("adding")}>{t("add")}</SubmitButton>
    </ActionForm>
  );
}

export function ResendVerificationButton({ email }: { email: string }) {
  const t = useTranslations("account");
  return (
    <ActionForm action={resendVerificationAction} className="flex items-center gap-2">
      <input type="hidden" name="email" value={email} />
      <SubmitButton variant="ghost" pendingLabel={t("sending")}>{t("resend")}</SubmitButton>
      <FormMessage success={t("resent")} />
    </ActionForm>
  );
}

/** Removes an address still waiting for its link. */
export function RemovePendingEmailButton({ email }: { email: string }) {
  const t = useTranslations("account");
  return (
    <ActionForm action={removePendingEmailAction} className="flex items-center gap-2">
      <input type="hidden" name="email" value={email} />
      <SubmitButton variant="ghost" pendingLabel={t("removing")}>{t("remove")}</SubmitButton>
      <FormMessage />
    </ActionForm>
  );
}

/** Ends every session of the account; this browser then signs out too. */
export function SignOutEverywhereForm() {
  const t = useTranslations("account");
  return (
    <ActionForm
      action={signOutEverywhereAction}
      confirm={t("signOutEverywhereConfirm")}
      onSuccess={() => void signOut({ callbackUrl: "/sign-in" })}
    >
      <FormMessage />
      <SubmitButton variant="secondary" pendingLabel={t("signingOut")}>{t("signOutEverywhere")}</SubmitButton>
    </ActionForm>
  );
}

/** A connected app as the account page shows it, its dates and abilities already in words. */
export type ConnectedAppRow = { id: string; name: string; when: string; abilities: string[] };

/**
 * The learner's connected apps (Open Badges API). A disconnected app leaves the list, so the
 * confirmation is said above it, where it stays.
 */
export function ConnectedApps({ apps }: { apps: ConnectedAppRow[] }) {
  const t = useTranslations("oauth.connectedApps");
  const [disconnected, setDisconnected] = useState<string | null>(null);
  return (
    <>
      <p role="status" className={disconnected ? "mb-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900" : "sr-only"}>
        {disconnected ? t("disconnected", { app: disconnected }) : ""}
      </p>
      {apps.length === 0 ? (
        <p className="text-sm text-stone-600">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {apps.map((app) => (
            <li key={app.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium text-stone-900">{app.name}</p>
                <p className="text-xs text-stone-600">{app.when}</p>
                <ul className="mt-1 list-disc pl-5 text-stone-700">
                  {app.abilities.map((ability) => <li key={ability}>{ability}</li>)}
                </ul>
              </div>
              <ActionForm
                // The row leaves the list with the answer, so the list hears of it here, not from the row.
                action={async (state: ActionState<void>, form: FormData) => {
                  const result = await disconnectAppAction(state, form);
                  if (result?.ok) setDisconnected(app.name);
                  return result;
                }}
                className="flex items-center gap-2"
              >
                <input type="hidden" name="grantId" value={app.id} />
                <FormMessage />
                <SubmitButton variant="secondary" pendingLabel={t("disconnect")}>
                  <span aria-hidden="true">{t("disconnect")}</span>
                  <span className="sr-only">{t("disconnectLabel", { app: app.name })}</span>
                </SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
