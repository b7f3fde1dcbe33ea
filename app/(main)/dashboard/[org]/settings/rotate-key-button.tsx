"use client";

import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { rotateSigningKeyAction } from "./actions";

export function RotateKeyButton({ org }: { org: string }) {
  const t = useTranslations("dashboard.settings");
  return (
    <ActionForm action={rotateSigningKeyAction} confirm={t("rotateConfirm")} className="mt-4 space-y-3">
      <input type="hidden" name="org" value={org} />
      <FormMessage success={t("rotated")} />
      <SubmitButton variant="secondary" pendingLabel={t("rotating")}>{t("rotate")}</SubmitButton>
    </ActionForm>
  );
}
