"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { signUpAction } from "./actions";

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail: string }) {
  const t = useTranslations("auth.signUp");
  // The account is created when the emailed link is opened: say where the link went.
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) {
    return (
      <div className="mt-6">
        <h2 className="text-lg font-semibold text-stone-900">{t("sentTitle")}</h2>
        <Alert tone="success" className="mt-2">{t("sentBody", { email: sentTo })}</Alert>
      </div>
    );
  }
  return (
    <ActionForm
      action={signUpAction}
      className="mt-6 space-y-4"
      onSuccess={(state) => setSentTo(state?.ok && state.data ? state.data.email : null)}
    >
      <FormMessage />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField name="name" label={t("name")} autoComplete="name" required />
      <TextField name="email" type="email" label={t("email")} autoComplete="email" required defaultValue={defaultEmail} />
      <TextField
        name="password"
        type="password"
        label={t("password")}
        hint={t("passwordHint", { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
      />
      <SubmitButton className="w-full" pendingLabel={t("creating")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
