"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { signUpAction } from "./actions";

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail: string }) {
  const t = useTranslations("auth.signUp");
  const router = useRouter();
  return (
    <ActionForm
      action={signUpAction}
      className="mt-6 space-y-4"
      onSuccess={async (_state, submitted) => {
        // The account exists: sign in with what was just typed and carry on.
        await signIn("credentials", {
          email: submitted.get("email"),
          password: submitted.get("password"),
          redirect: false,
        });
        router.push(callbackUrl);
        router.refresh();
      }}
    >
      <FormMessage />
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
