"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextField } from "@/components/ui/form";
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

/** Disconnects one connected app (Open Badges API); its row then leaves the list. */
export function DisconnectAppButton({ grantId, name }: { grantId: string; name: string }) {
  const t = useTranslations("oauth.connectedApps");
  return (
    <ActionForm action={disconnectAppAction} className="flex items-center gap-2">
      <input type="hidden" name="grantId" value={grantId} />
      <FormMessage success={t("disconnected", { app: name })} />
      <SubmitButton variant="secondary" pendingLabel={t("disconnect")}>
        <span aria-hidden="true">{t("disconnect")}</span>
        <span className="sr-only">{t("disconnectLabel", { app: name })}</span>
      </SubmitButton>
    </ActionForm>
  );
}
