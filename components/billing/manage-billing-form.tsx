"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/auth/guard";
import { ActionForm, SubmitButton } from "@/components/ui/form";
import { BillingActionError } from "./billing-action-error";

/** "Manage billing": opens Stripe's billing portal for the organization. */
export function ManageBillingForm({ org, action }: { org: string; action: (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>> }) {
  const t = useTranslations("billing.manage");
  return (
    <ActionForm action={action}>
      <input type="hidden" name="org" value={org} />
      <SubmitButton variant="secondary" pendingLabel={t("opening")}>{t("button")}</SubmitButton>
      <BillingActionError />
    </ActionForm>
  );
}
