"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton } from "@/components/ui/form";
import { archiveProgramAction } from "../actions";

export function ArchiveProgramButton({ org, programId, archived }: { org: string; programId: string; archived: boolean }) {
  const t = useTranslations("programs.designer");
  const router = useRouter();
  return (
    <ActionForm action={archiveProgramAction} confirm={archived ? undefined : t("archiveConfirm")} onSuccess={() => router.refresh()} className="space-y-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <FormMessage />
      <SubmitButton variant="secondary">{archived ? t("restore") : t("archive")}</SubmitButton>
    </ActionForm>
  );
}
