"use client";

import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { recheckImportAction } from "../actions";

/** "Check again": an imported badge verified afresh (its issuer's key server may answer now). */
export function RecheckImport({ entryId }: { entryId: string }) {
  const t = useTranslations("backpack.detail");
  return (
    <ActionForm action={recheckImportAction}>
      <input type="hidden" name="entryId" value={entryId} />
      <FormMessage />
      <SubmitButton variant="secondary" className="px-3 py-1.5" pendingLabel={t("rechecking")}>
        {t("recheck")}
      </SubmitButton>
    </ActionForm>
  );
}
