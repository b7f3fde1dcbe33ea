"use client";

import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("invite");
  return (
    <ActionForm action={acceptInvitationAction} className="space-y-3">
      <FormMessage />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel={t("accepting")}>{t("accept")}</SubmitButton>
    </ActionForm>
  );
}
