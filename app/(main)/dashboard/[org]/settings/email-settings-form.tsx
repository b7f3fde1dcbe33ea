"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { updateEmailSettingsAction } from "./actions";

type Settings = { claimReminderDays: number[]; reEngagementDays: number | null };

/** The organization's engagement email settings: when claim reminders go, and re-engagement's N (or off). */
export function EmailSettingsForm({ org, settings, readOnly }: { org: string; settings: Settings; readOnly: boolean }) {
  const t = useTranslations("engagementEmails.settings");
  const router = useRouter();
  const id = useId();
  const [reEngagementOn, setReEngagementOn] = useState(settings.reEngagementDays !== null);
  return (
    <ActionForm action={updateEmailSettingsAction} className="space-y-4" onSuccess={() => router.refresh()}>
      <fieldset disabled={readOnly} className="space-y-4">
        <input type="hidden" name="org" value={org} />
        <FormMessage success={t("saved")} />
        <TextField
          name="claimReminderDays"
          label={t("claimReminderDays")}
          hint={t("claimReminderDaysHint")}
          defaultValue={settings.claimReminderDays.join(", ")}
          inputMode="numeric"
          className="max-w-md"
        />
        <div className="space-y-3">
          <label htmlFor={`${id}-re-engagement`} className="flex items-center gap-2 text-sm font-medium text-stone-800">
            <input
              id={`${id}-re-engagement`}
              type="checkbox"
              name="reEngagementOn"
              checked={reEngagementOn}
              onChange={(event) => setReEngagementOn(event.target.checked)}
              className="h-4 w-4"
            />
            {t("reEngagementOn")}
          </label>
          {reEngagementOn && (
            <TextField
              name="reEngagementDays"
              type="number"
              min={7}
              max={365}
              label={t("reEngagementDays")}
              hint={t("reEngagementDaysHint")}
              defaultValue={settings.reEngagementDays ?? 30}
              className="max-w-xs"
            />
          )}
        </div>
        {!readOnly && <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>}
      </fieldset>
    </ActionForm>
  );
}
