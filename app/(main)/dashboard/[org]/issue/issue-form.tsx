"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { MAX_YEAR, MIN_YEAR } from "@/lib/dates";
import { issueCredentialAction } from "./actions";

// The browser's date picker keeps to the years the server accepts.
const FIRST_DAY = `${MIN_YEAR}-01-01`;
const LAST_DAY = `${MAX_YEAR}-12-31`;

type Issued = { id: string; url: string; email: string };

export function IssueForm({
  org,
  achievements,
  defaultAchievement,
  credentialsHref,
}: {
  org: string;
  achievements: { value: string; label: string }[];
  defaultAchievement: string;
  credentialsHref: string;
}) {
  const t = useTranslations("issue");
  const [issued, setIssued] = useState<Issued | null>(null);
  return (
    <ActionForm
      action={issueCredentialAction}
      resetOnSuccess
      onSuccess={(state) => setIssued(state?.ok ? (state.data as Issued) : null)}
      className="space-y-4"
    >
      <input type="hidden" name="org" value={org} />
      {issued && (
        <Alert tone="success" title={t("issued", { email: issued.email })}>
          <a href={issued.url} className="font-semibold underline">{t("viewCredential")}</a>
          {" · "}
          <Link href={`${credentialsHref}/${issued.id}`} className="font-semibold underline">{t("manageCredential")}</Link>
        </Alert>
      )}
      <FormMessage />
      <SelectField name="achievementId" label={t("achievement")} options={achievements} defaultValue={defaultAchievement} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="email" type="email" label={t("email")} autoComplete="off" required />
        <TextField name="name" label={t("name")} autoComplete="off" />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="validFrom" type="date" min={FIRST_DAY} max={LAST_DAY} label={t("validFrom")} hint={t("validFromHint")} />
        <TextField name="validUntil" type="date" min={FIRST_DAY} max={LAST_DAY} label={t("validUntil")} hint={t("validUntilHint")} />
      </div>
      <fieldset className="space-y-4 rounded-lg border border-stone-200 p-4">
        <legend className="px-1 text-sm font-medium text-stone-800">{t("evidence")}</legend>
        <TextField name="evidenceUrl" type="url" label={t("evidenceUrl")} placeholder="https://" />
        <TextAreaField name="evidenceNarrative" label={t("evidenceNarrative")} rows={2} />
      </fieldset>
      <TextField name="result" label={t("result")} hint={t("resultHint")} />
      <TextAreaField name="message" label={t("message")} hint={t("messageHint")} rows={3} />
      <SubmitButton pendingLabel={t("issuing")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
