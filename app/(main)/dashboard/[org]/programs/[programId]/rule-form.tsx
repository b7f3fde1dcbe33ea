"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { JobProgressBar, jobPercent, usePolledJob } from "@/components/ui/job-progress";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextField, useFormState } from "@/components/ui/form";
import type { ActionState } from "@/lib/auth/guard";
import type { AddRuleOutcome } from "@/lib/programs/designer";
import { addRuleAction, countDraftRuleAction, programJobAction } from "../actions";

type Option = { value: string; label: string };
type Kind = "target" | "pathway" | "streak" | "loyalty";

const COUNT_DELAY_MS = 400;

/**
 * "Add rule": the kind picks the fields. While the admin drafts, the number of learners who
 * would qualify at once is counted (debounced); adding a rule that would award someone asks
 * first whether to award them now (a job, with a progress bar) or only from now on.
 */
export function RuleForm({
  org,
  programId,
  achievements,
  allAchievements,
  metrics,
}: {
  org: string;
  programId: string;
  /** Achievements no rule of this program awards yet. */
  achievements: { id: string; name: string }[];
  allAchievements: { id: string; name: string }[];
  metrics: Option[];
}) {
  const t = useTranslations("programs.designer");
  const router = useRouter();
  // A new key after each rule added gives the next rule an empty form.
  const [formKey, setFormKey] = useState(0);
  const [outcome, setOutcome] = useState<AddRuleOutcome | null>(null);
  const onOutcome = useCallback(
    (next: AddRuleOutcome) => {
      setOutcome(next);
      if (next.status !== "confirm") {
        setFormKey((k) => k + 1);
        router.refresh();
      }
    },
    [router],
  );

  return (
    <Card>
      <CardHeader title={t("addRuleTitle")} description={t("addRuleBody")} />
      {outcome?.status === "added" && <Alert tone="success" className="mb-4">{t("ruleAdded")}</Alert>}
      {outcome?.status === "applying" && <JobProgress org={org} programId={programId} jobId={outcome.jobId} total={outcome.total} />}
      {achievements.length === 0 ? (
        <p className="text-sm text-stone-700">{t("noAchievementsLeft")}</p>
      ) : (
        <RuleFields
          key={formKey}
          org={org}
          programId={programId}
          achievements={achievements}
          allAchievements={allAchievements}
          metrics={metrics}
          confirmCount={outcome?.status === "confirm" ? outcome.count : null}
          onOutcome={onOutcome}
          onEdit={() => setOutcome((current) => (current?.status === "confirm" ? null : current))}
        />
      )}
    </Card>
  );
}

function RuleFields({
  org,
  programId,
  achievements,
  allAchievements,
  metrics,
  confirmCount,
  onOutcome,
  onEdit,
}: {
  org: string;
  programId: string;
  achievements: { id: string; name: string }[];
  allAchievements: { id: string; name: string }[];
  metrics: Option[];
  confirmCount: number | null;
  onOutcome: (outcome: AddRuleOutcome) => void;
  onEdit: () => void;
}) {
  const t = useTranslations("programs.designer");
  const [kind, setKind] = useState<Kind>("target");
  const [loyaltyMode, setLoyaltyMode] = useState<"months" | "activities">("months");
  const [count, setCount] = useState<number | null>(null);
  const applyRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  const recount = (form: HTMLFormElement) => {
    const data = new FormData(form);
    data.set("apply", "ask");
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const asked = ++latest.current;
      const state = (await countDraftRuleAction(null, data)) as ActionState<{ count: number | null }>;
      // An older answer arriving late never replaces a newer one.
      if (asked === latest.current) setCount(state?.ok ? (state.data?.count ?? null) : null);
    }, COUNT_DELAY_MS);
  };

  const submitWith = (form: HTMLFormElement | null | undefined, apply: "now" | "later") => {
    if (!form || !applyRef.current) return;
    applyRef.current.value = apply;
    form.requestSubmit();
    applyRef.current.value = "ask";
  };

  const metricField = (name = "metric") => <SelectField name={name} label={t("ruleMetric")} options={metrics} />;

  return (
    <ActionForm
      action={addRuleAction}
      className="space-y-4"
      onSuccess={(state) => {
        if (state?.ok && state.data) onOutcome(state.data as AddRuleOutcome);
      }}
      onChange={(event) => {
        onEdit();
        recount(event.currentTarget);
      }}
    >
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="programId" value={programId} />
      <input ref={applyRef} type="hidden" name="apply" defaultValue="ask" />
      <FormMessage />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField name="achievementId" label={t("ruleAchievement")} hint={t("ruleAchievementHint")} options={achievements.map((a) => ({ value: a.id, label: a.name }))} />
        <SelectField
          name="kind"
          label={t("ruleKind")}
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
          options={(["target", "pathway", "streak", "loyalty"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
      </div>
      <p className="text-sm text-stone-700">{t(`kindHelp.${kind}`)}</p>

      {kind === "target" && (
        <div className="grid gap-4 md:grid-cols-2">
          {metricField()}
          <TextField name="atLeast" type="number" min={0} step="any" label={t("ruleAtLeast")} hint={t("ruleAtLeastHint")} required />
        </div>
      )}

      {kind === "pathway" && (
        <div className="space-y-4">
          <RequiresField achievements={allAchievements} />
          <div className="grid gap-4 md:grid-cols-2">
            <TextField name="count" type="number" min={1} label={t("ruleCount")} hint={t("ruleCountHint")} />
          </div>
          <Checkbox name="revokeWithRequirements" label={t("ruleRevoke")} hint={t("ruleRevokeHint")} />
        </div>
      )}

      {kind === "streak" && (
        <div className="grid gap-4 md:grid-cols-3">
          {metricField()}
          <TextField name="periods" type="number" min={1} max={520} label={t("rulePeriods")} required />
          <SelectField
            name="unit"
            label={t("ruleUnit")}
            options={[
              { value: "week", label: t("unitWeek") },
              { value: "month", label: t("unitMonth") },
            ]}
          />
        </div>
      )}

      {kind === "loyalty" && (
        <div className="space-y-4">
          <SelectField
            name="loyaltyMode"
            label={t("ruleLoyaltyMode")}
            value={loyaltyMode}
            onChange={(e) => setLoyaltyMode(e.target.value as "months" | "activities")}
            options={[
              { value: "months", label: t("loyaltyMonths") },
              { value: "activities", label: t("loyaltyActivities") },
            ]}
          />
          {loyaltyMode === "months" ? (
            <TextField name="months" type="number" min={1} max={600} label={t("ruleMonths")} required className="max-w-xs" />
          ) : (
            <div className="grid gap-4 md:grid-cols-3">
              {metricField()}
              <TextField name="atLeast" type="number" min={1} label={t("ruleActivities")} required />
              <TextField name="withinDays" type="number" min={1} max={3660} label={t("ruleWithinDays")} required />
            </div>
          )}
        </div>
      )}

      <p aria-live="polite" className="text-sm font-medium text-stone-900" data-testid="qualify-count">
        {count === null ? "" : count === 0 ? t("qualifyNone") : t("qualifyCount", { count })}
      </p>

      {confirmCount !== null ? (
        <ConfirmApply count={confirmCount} onChoose={(apply, form) => submitWith(form, apply)} />
      ) : (
        <SubmitButton pendingLabel={t("adding")}>{t("addRule")}</SubmitButton>
      )}
    </ActionForm>
  );
}

/** Adding a rule some learners already meet: award them now, or only from now on. */
function ConfirmApply({ count, onChoose }: { count: number; onChoose: (apply: "now" | "later", form: HTMLFormElement | null) => void }) {
  const t = useTranslations("programs.designer");
  const { pending } = useFormState();
  return (
    <div role="group" aria-labelledby="confirm-apply" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p id="confirm-apply" className="text-sm font-medium text-amber-950">{t("confirmApply", { count })}</p>
      <div className="mt-3 flex flex-wrap gap-3">
        <Button type="button" disabled={pending} onClick={(e) => onChoose("now", e.currentTarget.form)}>{t("awardNow")}</Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={(e) => onChoose("later", e.currentTarget.form)}>{t("onlyFromNow")}</Button>
      </div>
    </div>
  );
}

/** The achievements a pathway requires: one checkbox each, named requires.{id}. */
function RequiresField({ achievements }: { achievements: { id: string; name: string }[] }) {
  const t = useTranslations("programs.designer");
  const errors = useTranslations("errors.fields");
  const { state } = useFormState();
  const issue = state && !state.ok ? Object.entries(state.fields ?? {}).find(([field]) => field === "requires" || field.startsWith("requires."))?.[1] : undefined;
  const id = useId();
  return (
    <fieldset className="space-y-2" aria-describedby={issue ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-stone-800">{t("ruleRequires")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {achievements.map((a) => (
          <label key={a.id} className="flex items-center gap-2 text-sm text-stone-800">
            <input type="checkbox" name={`requires.${a.id}`} />
            {a.name}
          </label>
        ))}
      </div>
      {issue && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {errors.has(issue.code) ? errors(issue.code, issue.params) : issue.code === "too_small" ? errors("required") : errors("invalid")}
        </p>
      )}
    </fieldset>
  );
}

function Checkbox({ name, label, hint }: { name: string; label: string; hint?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-stone-800">
        <input id={id} type="checkbox" name={name} aria-describedby={hint ? `${id}-hint` : undefined} />
        {label}
      </label>
      {hint && <p id={`${id}-hint`} className="ml-6 text-xs text-stone-600">{hint}</p>}
    </div>
  );
}

/** Awarding the people who already qualify: the job's progress, polled until it ends. */
function JobProgress({ org, programId, jobId, total }: { org: string; programId: string; jobId: string; total: number }) {
  const t = useTranslations("programs.designer");
  const poll = useCallback(async () => {
    const data = new FormData();
    data.set("org", org);
    data.set("programId", programId);
    data.set("jobId", jobId);
    const state = await programJobAction(null, data).catch(() => null);
    return state?.ok && state.data ? { status: state.data.status, done: state.data.done, total: state.data.total, failed: state.data.failed } : null;
  }, [org, programId, jobId]);
  const job = usePolledJob({ status: "queued", done: 0, total, failed: 0 }, poll);
  const percent = jobPercent(job.done, job.total);
  const summary = t("applyProgress", { done: job.done, total: job.total, percent });
  return (
    <div className="mb-4 rounded-lg border border-stone-200 p-4" data-testid="apply-progress">
      <p className="text-sm font-semibold text-stone-900">{t("applyTitle")}</p>
      <JobProgressBar label={t("applyTitle")} done={job.done} total={job.total} valueText={summary} className="mt-3 h-3" />
      <p className="mt-2 text-sm text-stone-800">{summary}</p>
      <p className="sr-only" aria-live="polite">{t(`jobStatus.${job.status === "running" || job.status === "completed" || job.status === "failed" ? job.status : "queued"}`)}</p>
      {job.status === "failed" && <p className="mt-2 text-sm font-medium text-red-800">{t("applyFailed")}</p>}
    </div>
  );
}
