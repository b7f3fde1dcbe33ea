"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { MAX_YEAR, MIN_YEAR } from "@/lib/dates";
import { issueCredentialAction } from "./actions";

// The browser's date picker keeps to the years the server accepts.
const FIRST_DAY = `${MIN_YEAR}-01-01`;
const LAST_DAY = `${MAX_YEAR}-12-31`;

type Issued =
  | { scheduled: false; id: string; url: string; email: string }
  | { scheduled: true; id: string; sendAt: string; timeZone: string; email: string };

/** The browser's time zone, known once the page runs in it (the server renders without one). */
export function useBrowserTimeZone(): string {
  const [zone, setZone] = useState("");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"), []);
  return zone;
}

/**
 * "Send now" or "Schedule for" a date and time in the issuer's time zone (sent as sendAt +
 * timeZone). `onScheduledChange` lets the form name its button after the choice.
 */
export function ScheduleFields({ onScheduledChange }: { onScheduledChange?: (later: boolean) => void } = {}) {
  const t = useTranslations("scheduling");
  const zone = useBrowserTimeZone();
  const [later, setLaterState] = useState(false);
  const setLater = (value: boolean) => {
    setLaterState(value);
    onScheduledChange?.(value);
  };
  return (
    <fieldset className="space-y-3 rounded-lg border border-stone-200 p-4">
      <legend className="px-1 text-sm font-medium text-stone-800">{t("when")}</legend>
      <div className="flex flex-wrap gap-4 text-sm text-stone-900">
        <label className="flex items-center gap-2">
          <input type="radio" name="when" value="now" checked={!later} onChange={() => setLater(false)} />
          {t("now")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="when" value="later" checked={later} onChange={() => setLater(true)} />
          {t("later")}
        </label>
      </div>
      <input type="hidden" name="timeZone" value={zone} />
      {later && <TextField name="sendAt" type="datetime-local" label={t("sendAt")} hint={t("zone", { zone: zone || "UTC" })} required />}
    </fieldset>
  );
}

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
  const tSchedule = useTranslations("scheduling");
  const [scheduling, setScheduling] = useState(false);
  const format = useFormatter();
  const [issued, setIssued] = useState<Issued | null>(null);
  return (
    <ActionForm
      action={issueCredentialAction}
      resetOnSuccess
      onSuccess={(state) => setIssued(state?.ok ? (state.data as Issued) : null)}
      className="space-y-4"
    >
      <input type="hidden" name="org" value={org} />
      {issued?.scheduled && (
        <Alert
          tone="success"
          title={tSchedule("scheduled", {
            when: format.dateTime(new Date(issued.sendAt), { dateStyle: "long", timeStyle: "short", timeZone: issued.timeZone }),
            zone: issued.timeZone,
            recipient: issued.email,
          })}
        />
      )}
      {issued && !issued.scheduled && (
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
      <ScheduleFields onScheduledChange={setScheduling} />
      <SubmitButton pendingLabel={t("issuing")}>{scheduling ? tSchedule("submitScheduled") : t("submit")}</SubmitButton>
    </ActionForm>
  );
}
