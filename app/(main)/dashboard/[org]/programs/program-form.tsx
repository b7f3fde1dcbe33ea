"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextAreaField, TextField, useFormState } from "@/components/ui/form";
import { saveProgramAction } from "./actions";

export type MetricValues = { key: string; labelEn: string; labelEs: string; unit: string; aggregate: "sum" | "latest" };
export type ProgramFormValues = {
  id?: string;
  name: string;
  description: string;
  visibility: "public" | "members";
  enrolUrl: string;
  metrics: MetricValues[];
};

/** The program's details and its metrics, in one form: saving sends the whole list of metrics. */
export function ProgramForm({ org, values, readOnly = false }: { org: string; values: ProgramFormValues; readOnly?: boolean }) {
  const t = useTranslations("programs.designer");
  const router = useRouter();
  return (
    <ActionForm
      action={saveProgramAction}
      className="space-y-6"
      onSuccess={(state) => {
        const saved = state?.ok ? (state.data as { id: string }) : null;
        if (!saved) return;
        if (values.id) router.refresh();
        else router.push(`/dashboard/${org}/programs/${saved.id}`);
      }}
    >
      <fieldset disabled={readOnly} className="space-y-6">
        <input type="hidden" name="org" value={org} />
        {values.id && <input type="hidden" name="programId" value={values.id} />}
        <FormMessage success={values.id ? t("saved") : undefined} />
        <Card>
          <CardHeader title={t("detailsTitle")} description={t("detailsBody")} />
          <div className="space-y-4">
            <TextField name="name" label={t("name")} defaultValue={values.name} required maxLength={120} />
            <TextAreaField name="description" label={t("description")} rows={3} defaultValue={values.description} maxLength={2000} />
            <div className="grid gap-4 md:grid-cols-2">
              <SelectField
                name="visibility"
                label={t("visibility")}
                hint={t("visibilityHint")}
                defaultValue={values.visibility}
                options={[
                  { value: "public", label: t("visibilityPublic") },
                  { value: "members", label: t("visibilityMembers") },
                ]}
              />
              <TextField name="enrolUrl" type="url" label={t("enrolUrl")} hint={t("enrolUrlHint")} placeholder="https://" defaultValue={values.enrolUrl} />
            </div>
          </div>
        </Card>
        <MetricsEditor initial={values.metrics} readOnly={readOnly} />
        {!readOnly && (
          <SubmitButton pendingLabel={t("saving")}>{values.id ? t("save") : t("create")}</SubmitButton>
        )}
      </fieldset>
    </ActionForm>
  );
}

/** Rows of metrics; keys survive removals so each row keeps what was typed in it. */
function MetricsEditor({ initial, readOnly }: { initial: MetricValues[]; readOnly: boolean }) {
  const t = useTranslations("programs.designer");
  const [rows, setRows] = useState(() => initial.map((metric, i) => ({ key: i, metric })));
  const [next, setNext] = useState(initial.length);
  return (
    <Card>
      <CardHeader title={t("metricsTitle")} description={t("metricsBody")} />
      <GroupError name="metrics" />
      <div className="space-y-4">
        {rows.length === 0 && <p className="text-sm text-stone-700">{t("metricsEmpty")}</p>}
        {rows.map((row, i) => (
          <fieldset key={row.key} className="rounded-lg border border-stone-200 p-4" data-testid="metric-row">
            <legend className="px-1 text-sm font-medium text-stone-800">{t("metricN", { n: i + 1 })}</legend>
            <div className="grid gap-4 md:grid-cols-2">
              <TextField name={`metrics.${i}.key`} label={t("metricKey")} hint={t("metricKeyHint")} defaultValue={row.metric.key} required pattern="[a-z][a-z0-9_]*" />
              <SelectField
                name={`metrics.${i}.aggregate`}
                label={t("metricAggregate")}
                defaultValue={row.metric.aggregate}
                options={[
                  { value: "sum", label: t("aggregateSum") },
                  { value: "latest", label: t("aggregateLatest") },
                ]}
              />
              <TextField name={`metrics.${i}.label.en`} label={t("metricLabelEn")} defaultValue={row.metric.labelEn} required maxLength={80} />
              <TextField name={`metrics.${i}.label.es`} label={t("metricLabelEs")} defaultValue={row.metric.labelEs} maxLength={80} />
              <TextField name={`metrics.${i}.unit`} label={t("metricUnit")} hint={t("metricUnitHint")} defaultValue={row.metric.unit} maxLength={30} />
            </div>
            {!readOnly && (
              <Button type="button" variant="ghost" className="mt-2 px-2" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                {t("removeMetric", { n: i + 1 })}
              </Button>
            )}
          </fieldset>
        ))}
        {!readOnly && rows.length < 50 && (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setRows((all) => [...all, { key: next, metric: { key: "", labelEn: "", labelEs: "", unit: "", aggregate: "sum" } }]);
              setNext((n) => n + 1);
            }}
          >
            {t("addMetric")}
          </Button>
        )}
      </div>
    </Card>
  );
}

/** A refusal about the list as a whole (a duplicate key, a metric a rule still reads). */
function GroupError({ name }: { name: string }) {
  const { state } = useFormState();
  const t = useTranslations("errors.fields");
  if (!state || state.ok || !state.fields?.[name]) return null;
  const { code, params } = state.fields[name];
  return <p role="alert" className="mb-4 text-sm font-medium text-red-700">{t.has(code) ? t(code, params) : t("invalid")}</p>;
}
