"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { resetPasswordAction } from "../../forgot-password/actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth.reset");
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <div className="mt-6 space-y-4">
        <Alert tone="success">{t("done")}</Alert>
        <Link href="/sign-in" className="font-semibold text-brand-700 underline">{t("signIn")}</Link>
      </div>
    );
  }
  return (
    <ActionForm action={resetPasswordAction} className="mt-6 space-y-4" onSuccess={() => setDone(true)}>
      <FormMessage />
      <input type="hidden" name="token" value={token} />
      <TextField name="password" type="password" label={t("password")} hint={t("passwordHint", { min: MIN_PASSWORD_LENGTH })} autoComplete="new-password" required />
      <SubmitButton className="w-full" pendingLabel={t("saving")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
