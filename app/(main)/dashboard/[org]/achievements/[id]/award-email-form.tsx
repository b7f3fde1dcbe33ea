"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { AWARD_BODY_MAX, AWARD_PLACEHOLDERS, AWARD_SUBJECT_MAX, awardBodyHtml, awardSubject, escapeHtml, sampleAwardValues } from "@/lib/email/award-text";
import type { CredentialKind } from "@/lib/issuing/credential-kind";
import { saveAwardEmailAction } from "./actions";

type Props = {
  org: string;
  achievementId: string;
  achievementName: string;
  organizationName: string;
  kind: CredentialKind;
  subject: string;
  body: string;
  /** Today, written in the reader's language, for the sample's {{issued_on}}. */
  issuedOn: string;
  sampleClaimUrl: string;
};

/**
 * The achievement's own award email, with a preview beside it filled with sample values and
 * rendered by the same code as the mailer (so what is escaped there is escaped here).
 */
export function AwardEmailForm({ org, achievementId, achievementName, organizationName, kind, subject: savedSubject, body: savedBody, issuedOn, sampleClaimUrl }: Props) {
  const t = useTranslations("awardEmail");
  const tEmail = useTranslations("email.claim");
  const [subject, setSubject] = useState(savedSubject);
  const [body, setBody] = useState(savedBody);
  const [saved, setSaved] = useState(false);
  const values = sampleAwardValues({ achievementName, organizationName, recipientName: t("sampleName"), issuedOn, claimUrl: sampleClaimUrl });
  const defaultSubject = tEmail("subject", { org: organizationName, achievement: achievementName });
  const certificate = kind === "certificate";
  const defaultBody = escapeHtml(certificate ? tEmail("bodyCertificate" as "body", { org: organizationName, achievement: achievementName }) : tEmail("body", { org: organizationName, achievement: achievementName }));
  const paragraphs = body.trim() ? awardBodyHtml(body, values) : [defaultBody];
  const placeholders = AWARD_PLACEHOLDERS.map((name) => `{{${name}}}`).join(", ");
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ActionForm action={saveAwardEmailAction} onSuccess={() => setSaved(true)} onInput={() => setSaved(false)} className="space-y-4">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="achievementId" value={achievementId} />
        {saved && <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-brand-900">{t("saved")}</p>}
        <FormMessage />
        <TextField name="awardEmailSubject" label={t("subject")} hint={t("subjectHint", { example: defaultSubject })} defaultValue={savedSubject} maxLength={AWARD_SUBJECT_MAX} onChange={(event) => setSubject(event.currentTarget.value)} />
        <TextAreaField
          name="awardEmailBody"
          label={t("text")}
          hint={t("textHint", { placeholders, link: "{{claim_url}}" })}
          defaultValue={savedBody}
          rows={8}
          maxLength={AWARD_BODY_MAX}
          onChange={(event) => setBody(event.currentTarget.value)}
        />
        <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      </ActionForm>
      <section aria-labelledby="award-preview-title" className="rounded-lg border border-stone-200 bg-stone-50 p-4" data-testid="award-email-preview">
        <h3 id="award-preview-title" className="text-sm font-semibold text-stone-900">{t("preview")}</h3>
        <p className="mt-2 text-sm text-stone-800" data-testid="award-preview-subject">{t("previewSubject", { subject: (subject.trim() && awardSubject(subject, values)) || defaultSubject })}</p>
        <div className="mt-3 space-y-3 rounded-md bg-white p-4 text-sm text-stone-900 [&_a]:text-brand-700 [&_a]:underline" data-testid="award-preview-body">
          {paragraphs.map((html, index) => (
            // Built by awardBodyHtml: the issuer's text and every value escaped, the one link the claim page.
            <p key={index} dangerouslySetInnerHTML={{ __html: html }} />
          ))}
        </div>
        <p className="mt-3 text-xs text-stone-700">{t("previewButton", { label: certificate ? tEmail("actionCertificate" as "action") : tEmail("action") })}</p>
        {!body.trim() && <p className="mt-1 text-xs text-stone-700">{t("usingDefault")}</p>}
      </section>
    </div>
  );
}
