"use client";

import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const t = useTranslations("auth.forgot");
  return (
    <ActionForm action={requestPasswordResetAction} className="mt-6 space-y-4">
      <FormMessage success={t("sent")} />
      <TextField name="email" type="email" label={t("email")} autoComplete="email" required />
      <SubmitButton className="w-full" pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
