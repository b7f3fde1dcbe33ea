"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionForm, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";
import { LEADERBOARD_PERIODS, LEADERBOARD_SIZES, type LeaderboardPeriod } from "@/lib/programs/schemas";
import { leaderboardSettingsAction } from "../actions";

export type LeaderboardFormValues = { enabled: boolean; metric: string; period: LeaderboardPeriod; size: number };

/** The designer's leaderboard settings: off by default; on, a metric, a period and a size. */
export function LeaderboardForm({
  org,
  programId,
  values,
  metrics,
  readOnly,
}: {
  org: string;
  programId: string;
  values: LeaderboardFormValues;
  metrics: { value: string; label: string }[];
  readOnly: boolean;
}) {
  const t = useTranslations("programLeaderboard");
  const router = useRouter();
  const [enabled, setEnabled] = useState(values.enabled);
  const checkboxId = useId();
  return (
    <ActionForm action={leaderboardSettingsAction} onSuccess={() => router.refresh()} className="space-y-4" data-testid="leaderboard-form">
      <fieldset disabled={readOnly} className="space-y-4">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="programId" value={programId} />
        <FormMessage success={t("saved")} />
        <div className="flex items-center gap-3">
          <input id={checkboxId} type="checkbox" name="enabled" value="on" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} className="h-5 w-5 rounded border-stone-400 accent-brand-700" />
          <label htmlFor={checkboxId} className="text-sm font-medium text-stone-900">{t("enabled")}</label>
        </div>
        {enabled && (
          <div className="grid gap-4 md:grid-cols-3">
            <SelectField name="metric" label={t("metric")} defaultValue={values.metric || metrics[0]?.value} options={metrics} />
            <SelectField name="period" label={t("period")} defaultValue={values.period} options={LEADERBOARD_PERIODS.map((period) => ({ value: period, label: t(`periods.${period}`) }))} />
            <SelectField name="size" label={t("size")} defaultValue={String(values.size)} options={LEADERBOARD_SIZES.map((size) => ({ value: String(size), label: String(size) }))} />
          </div>
        )}
        <SubmitButton variant="secondary">{t("save")}</SubmitButton>
      </fieldset>
    </ActionForm>
  );
}
