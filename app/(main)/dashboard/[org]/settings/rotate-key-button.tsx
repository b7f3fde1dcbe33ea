"use client";

import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { rotateSigningKeyAction } from "./actions";

/**
 * Rotates the organization's signing key; before the first one exists (it is otherwise made with
 * the first credential) the same action creates it, and says so.
 */
export function RotateKeyButton({ org, first }: { org: string; first: boolean }) {
  const t = useTranslations("dashboard.settings");
  return (
    <ActionForm action={rotateSigningKeyAction} confirm={first ? undefined : t("rotateConfirm")} className="mt-4 space-y-3">
      <input type="hidden" name="org" value={org} />
      <FormMessage success={first ? t("keyCreated") : t("rotated")} />
      <SubmitButton variant="secondary" pendingLabel={first ? t("creatingKey") : t("rotating")}>{first ? t("createKey") : t("rotate")}</SubmitButton>
    </ActionForm>
  );
}
