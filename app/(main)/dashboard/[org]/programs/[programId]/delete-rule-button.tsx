"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { deleteRuleAction } from "../actions";

/** Deletes one rule after the admin confirms; what it already awarded stays issued. */
export function DeleteRuleButton({ org, programId, ruleId, sentence }: { org: string; programId: string; ruleId: string; sentence: string }) {
  const t = useTranslations("programs.designer");
  const router = useRouter();
  return (
    <ActionForm action={deleteRuleAction} confirm={t("deleteRuleConfirm", { rule: sentence })} onSuccess={() => router.refresh()} className="flex items-center gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="ruleId" value={ruleId} />
      <FormMessage />
      <SubmitButton variant="ghost" className="px-2 text-red-800">
        <span>{t("deleteRule")}</span>
        <span className="sr-only">{`: ${sentence}`}</span>
      </SubmitButton>
    </ActionForm>
  );
}
