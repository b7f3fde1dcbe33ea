"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import type { TestEventResult } from "@/lib/programs/designer";
import { testEventAction } from "../actions";

/** "Send this event for me": a dry run through the engine that shows what would be awarded and writes nothing. */
export function TestMode({ org, programId, metrics, defaultEmail }: { org: string; programId: string; metrics: { value: string; label: string }[]; defaultEmail: string }) {
  const t = useTranslations("programs.designer");
  const [result, setResult] = useState<TestEventResult | null>(null);
  return (
    <Card>
      <CardHeader title={t("testTitle")} description={t("testBody")} />
      {metrics.length === 0 ? (
        <p className="text-sm text-stone-700">{t("testNoMetrics")}</p>
      ) : (
        <ActionForm
          action={testEventAction}
          className="space-y-4"
          onSuccess={(state) => setResult(state?.ok ? ((state.data as TestEventResult) ?? null) : null)}
          onChange={() => setResult(null)}
        >
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="programId" value={programId} />
          <FormMessage />
          <div className="grid gap-4 md:grid-cols-2">
            <SelectField name="metric" label={t("testMetric")} options={metrics} />
            <TextField name="value" type="number" step="any" label={t("testValue")} defaultValue="1" required />
            <TextField name="occurredAt" type="date" label={t("testOccurredAt")} hint={t("testOccurredAtHint")} />
            <TextField name="email" type="email" label={t("testEmail")} hint={t("testEmailHint")} defaultValue={defaultEmail} required />
          </div>
          <SubmitButton variant="secondary" pendingLabel={t("testSending")}>{t("testSend")}</SubmitButton>
        </ActionForm>
      )}
      <div aria-live="polite" data-testid="test-result">
        {result && (
          <div className="mt-4 space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-950">
            <p className="font-semibold">{t("testNothingWritten")}</p>
            <p>{t("testAccepted", { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length })}</p>
            {result.rejected.map((rejection, i) => (
              <p key={i} className="font-medium text-red-800">{t("testRejected", { field: rejection.field, message: t.has(`testRefusals.${rejection.code}`) ? t(`testRefusals.${rejection.code}` as "testRefusals.invalid") : rejection.message })}</p>
            ))}
            {result.awards.length === 0 ? (
              <p>{t("testNoAwards")}</p>
            ) : (
              <>
                <p>{t("testWouldAward")}</p>
                <ul className="list-disc pl-5">
                  {result.awards.map((award) => (
                    <li key={award.achievementId}>{award.achievementName}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
