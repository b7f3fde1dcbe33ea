"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { archiveAchievementAction } from "./actions";

export function ArchiveButton({ org, achievementId, archived }: { org: string; achievementId: string; archived: boolean }) {
  const t = useTranslations("achievements.detail");
  const router = useRouter();
  return (
    <ActionForm action={archiveAchievementAction} confirm={archived ? undefined : t("archiveConfirm")} onSuccess={() => router.refresh()} className="space-y-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="achievementId" value={achievementId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <FormMessage />
      <SubmitButton variant="secondary">{archived ? t("unarchive") : t("archive")}</SubmitButton>
    </ActionForm>
  );
}
