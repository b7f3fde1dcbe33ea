"use client";

import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { buttonClasses } from "@/components/ui/button";
import { deleteAccountAction } from "./data-actions";

/** "Your data": download everything, or delete the account (typing the email or DELETE to confirm). */
export function YourData({ email }: { email: string }) {
  const t = useTranslations("accountData");
  return (
    <div className="space-y-6">
      <div>
        {/* A plain link: the route answers with a zip download. */}
        <a href="/account/export" className={buttonClasses("secondary")} download>
          {t("export")}
        </a>
        <p className="mt-2 text-sm text-stone-700">{t("exportHint")}</p>
      </div>
      <div className="border-t border-stone-200 pt-6">
        <h3 className="text-base font-semibold text-stone-900">{t("deleteTitle")}</h3>
        <p className="mt-1 text-sm text-stone-700">{t("deleteBody")}</p>
        <ActionForm action={deleteAccountAction} className="mt-4 space-y-4">
          <FormMessage />
          <TextField name="confirm" label={t("confirmLabel", { email })} autoComplete="off" spellCheck={false} />
          <SubmitButton variant="danger" pendingLabel={t("deleting")}>
            {t("delete")}
          </SubmitButton>
        </ActionForm>
      </div>
    </div>
  );
}
