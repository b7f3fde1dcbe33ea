"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { cancelScheduledIssueAction } from "./actions";

export function CancelScheduledButton({ org, scheduledIssueId, when }: { org: string; scheduledIssueId: string; when: string }) {
  const t = useTranslations("scheduling");
  const router = useRouter();
  return (
    <ActionForm action={cancelScheduledIssueAction} confirm={t("cancelConfirm")} onSuccess={() => router.refresh()} className="space-y-1">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="scheduledIssueId" value={scheduledIssueId} />
      <FormMessage />
      <SubmitButton variant="secondary">
        {t("cancel")}
        <span className="sr-only">: {when}</span>
      </SubmitButton>
    </ActionForm>
  );
}
