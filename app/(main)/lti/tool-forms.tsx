"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import { pickAchievementAction, saveAwardRuleAction, syncAwardRuleAction } from "./actions";

type Summary = { learners: number; scored: number; eventsSent: number; awarded: number; syncFailed?: boolean };

function SyncResult({ summary }: { summary: Summary | null }) {
  const t = useTranslations("lti.tool.sync");
  if (!summary) return null;
  if (summary.syncFailed) return <Alert tone="warning" className="mb-2">{t("savedNotSynced")}</Alert>;
  return <Alert tone="success" className="mb-2">{t("done", { learners: summary.learners, scored: summary.scored, awarded: summary.awarded })}</Alert>;
}

/** "Award this badge to everyone with at least N % in this assignment", then a first sync. */
export function AwardRuleForm({ token, lineItems, current }: { token: string; lineItems: { value: string; label: string }[]; current: { lineItem: string; minPercent: number } | null }) {
  const t = useTranslations("lti.tool.rule");
  const router = useRouter();
  const [label, setLabel] = useState(() => lineItems.find((item) => item.value === current?.lineItem)?.label ?? lineItems[0]?.label ?? "");
  const [summary, setSummary] = useState<Summary | null>(null);
  if (lineItems.length === 0) return <Alert tone="info">{t("noAssignments")}</Alert>;
  return (
    <ActionForm
      action={saveAwardRuleAction}
      className="space-y-4"
      onSuccess={(state) => {
        setSummary(state?.ok ? (state.data as Summary) : null);
        router.refresh();
      }}
    >
      <input type="hidden" name="launch" value={token} />
      <input type="hidden" name="lineItemLabel" value={label} />
      <FormMessage />
      <SyncResult summary={summary} />
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <SelectField
          name="lineItem"
          label={t("assignment")}
          options={lineItems}
          defaultValue={current?.lineItem ?? lineItems[0].value}
          onChange={(event) => setLabel(lineItems.find((item) => item.value === event.target.value)?.label ?? "")}
        />
        <TextField name="minPercent" type="number" inputMode="decimal" min={0} max={100} step="any" label={t("minimum")} hint={t("minimumHint")} defaultValue={current?.minPercent ?? 80} required />
      </div>
      <SubmitButton pendingLabel={t("saving")}>{current ? t("update") : t("save")}</SubmitButton>
    </ActionForm>
  );
}

export function SyncNowForm({ token }: { token: string }) {
  const t = useTranslations("lti.tool.sync");
  const router = useRouter();
  const [summary, setSummary] = useState<Summary | null>(null);
  return (
    <ActionForm
      action={syncAwardRuleAction}
      onSuccess={(state) => {
        setSummary(state?.ok ? (state.data as Summary) : null);
        router.refresh();
      }}
    >
      <input type="hidden" name="launch" value={token} />
      <FormMessage />
      <SyncResult summary={summary} />
      <SubmitButton variant="secondary" pendingLabel={t("syncing")}>{t("button")}</SubmitButton>
    </ActionForm>
  );
}

/**
 * The badge picker of deep linking. The answer is a signed response that the browser posts to the
 * platform (its deep_link_return_url), which then places the badge in the course.
 */
export function PickAchievementForm({ token, achievements }: { token: string; achievements: { id: string; name: string; description: string }[] }) {
  const t = useTranslations("lti.pick");
  const [answer, setAnswer] = useState<{ returnUrl: string; jwt: string } | null>(null);
  const returnForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (answer) returnForm.current?.submit();
  }, [answer]);
  return (
    <>
      <ActionForm action={pickAchievementAction} className="space-y-4" onSuccess={(state) => setAnswer(state?.ok ? (state.data as { returnUrl: string; jwt: string }) : null)}>
        <input type="hidden" name="launch" value={token} />
        <FormMessage />
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-medium text-stone-800">{t("legend")}</legend>
          {achievements.map((achievement, index) => (
            <label key={achievement.id} className="flex cursor-pointer gap-3 rounded-lg border border-stone-200 p-3 hover:bg-stone-50 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input type="radio" name="achievementId" value={achievement.id} defaultChecked={index === 0} className="mt-1" />
              <span>
                <span className="block font-medium text-stone-900">{achievement.name}</span>
                <span className="block text-sm text-stone-700">{achievement.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <SubmitButton pendingLabel={t("placing")}>{t("place")}</SubmitButton>
      </ActionForm>
      {answer && (
        <form ref={returnForm} method="post" action={answer.returnUrl} className="mt-4">
          <input type="hidden" name="JWT" value={answer.jwt} />
          <p className="text-sm text-stone-700">{t("returning")}</p>
          <button type="submit" className="mt-2 text-sm font-semibold text-brand-800 underline">{t("continue")}</button>
        </form>
      )}
    </>
  );
}
