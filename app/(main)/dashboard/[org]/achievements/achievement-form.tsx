"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextAreaField, TextField, useFormState } from "@/components/ui/form";
import type { BadgeIcon } from "@/lib/design/badge-design";
import { saveAchievementAction } from "./actions";
import type { CertificateLayout } from "@/lib/design/certificate-template";
import { BadgeDesigner, type ImageSource } from "./badge-designer";
import { CertificateDesigner } from "./certificate-designer";

type Alignment = { targetName?: string; targetUrl?: string; targetFramework?: string; targetCode?: string };
type Signer = { name?: string; title?: string; signature?: string };

export type AchievementFormValues = {
  id?: string;
  name: string;
  description: string;
  criteriaNarrative: string;
  criteriaUrl: string;
  achievementType: string;
  tags: string;
  alignments: Alignment[];
  expiresAfterUnit: "none" | "days" | "months";
  expiresAfterValue: string;
  evidenceRequired: boolean;
  howToEarnUrl: string;
  certificate: { paperSize: "A4" | "Letter"; layout: CertificateLayout; signers: Signer[] } | null;
  design: React.ComponentProps<typeof BadgeDesigner>["initial"];
  imageSource: ImageSource;
  currentImageSrc?: string;
};

export function AchievementForm({
  org,
  brand,
  icons,
  types,
  values,
  galleryHref,
}: {
  org: string;
  brand: { primaryColor: string; secondaryColor: string };
  icons: Record<BadgeIcon, string>;
  types: { value: string; label: string }[];
  values: AchievementFormValues;
  /** The template gallery, for this achievement. */
  galleryHref: string;
}) {
  const t = useTranslations("achievements.form");
  const router = useRouter();
  const [certificate, setCertificate] = useState(values.certificate !== null);
  const [expiryUnit, setExpiryUnit] = useState(values.expiresAfterUnit);
  return (
    <ActionForm
      action={saveAchievementAction}
      className="space-y-6"
      onSuccess={(state) => {
        const saved = state?.ok ? (state.data as { id: string }) : null;
        if (saved) router.push(`/dashboard/${org}/achievements/${saved.id}?saved=1`);
      }}
    >
      <input type="hidden" name="org" value={org} />
      {values.id && <input type="hidden" name="achievementId" value={values.id} />}
      <FormMessage />

      <Card>
        <CardHeader title={t("aboutTitle")} description={values.id ? t("aboutBodyEdit") : t("aboutBody")} />
        <div className="space-y-4">
          <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
            <TextField name="name" label={t("name")} defaultValue={values.name} required maxLength={200} />
            <SelectField name="achievementType" label={t("type")} options={types} defaultValue={values.achievementType} />
          </div>
          <TextAreaField name="description" label={t("description")} rows={3} defaultValue={values.description} required />
          <TextAreaField name="criteria.narrative" label={t("criteria")} hint={t("criteriaHint")} rows={5} defaultValue={values.criteriaNarrative} />
          <TextField name="criteria.id" type="url" label={t("criteriaUrl")} placeholder="https://" defaultValue={values.criteriaUrl} />
          <FieldError name="criteria" />
          <TextField name="tags" label={t("tags")} hint={t("tagsHint")} defaultValue={values.tags} />
          <TextField name="howToEarnUrl" type="url" label={t("howToEarnUrl")} hint={t("howToEarnUrlHint")} placeholder="https://" defaultValue={values.howToEarnUrl} />
        </div>
      </Card>

      <Card>
        <CardHeader title={t("designTitle")} description={t("designBody")} />
        <BadgeDesigner org={org} brand={brand} icons={icons} initial={values.design} initialSource={values.imageSource} currentImageSrc={values.currentImageSrc} galleryHref={galleryHref} />
      </Card>

      <Card>
        <CardHeader title={t("rulesTitle")} description={t("rulesBody")} />
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              name="expiresAfter.unit"
              label={t("expiry")}
              value={expiryUnit}
              onChange={(e) => setExpiryUnit(e.target.value as typeof expiryUnit)}
              options={[
                { value: "none", label: t("expiryNone") },
                { value: "days", label: t("expiryDays") },
                { value: "months", label: t("expiryMonths") },
              ]}
            />
            {expiryUnit !== "none" && (
              <TextField name="expiresAfter.value" type="number" min={1} max={3650} label={t("expiryValue", { unit: expiryUnit })} defaultValue={values.expiresAfterValue} />
            )}
          </div>
          <Checkbox name="evidenceRequired" label={t("evidenceRequired")} hint={t("evidenceRequiredHint")} defaultChecked={values.evidenceRequired} />
        </div>
      </Card>

      <AlignmentFields initial={values.alignments} />

      <Card>
        <CardHeader title={t("certificateTitle")} description={t("certificateBody")} />
        <Checkbox name="certificateEnabled" label={t("certificateEnabled")} checked={certificate} onChange={setCertificate} />
        {certificate && (
          <div className="mt-4 space-y-4">
            <CertificateDesigner
              org={org}
              achievementId={values.id}
              achievementName={values.name}
              signers={(values.certificate?.signers ?? []).flatMap((signer) => (signer.name ? [{ name: signer.name, title: signer.title || undefined }] : []))}
              initial={{ layout: values.certificate?.layout ?? "classic", paperSize: values.certificate?.paperSize ?? "A4" }}
            />
            {[0, 1, 2].map((i) => (
              <div key={i} className="grid gap-4 sm:grid-cols-2">
                <TextField name={`certificate.signers.${i}.name`} label={t("signerName", { n: i + 1 })} defaultValue={values.certificate?.signers[i]?.name ?? ""} />
                <TextField name={`certificate.signers.${i}.title`} label={t("signerTitle", { n: i + 1 })} defaultValue={values.certificate?.signers[i]?.title ?? ""} />
                <SignatureField index={i} current={values.certificate?.signers[i]?.signature} />
              </div>
            ))}
          </div>
        )}
      </Card>

      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel={t("saving")}>{values.id ? t("saveVersion") : t("create")}</SubmitButton>
        <Button type="button" variant="ghost" onClick={() => router.back()}>{t("cancel")}</Button>
      </div>
    </ActionForm>
  );
}

function AlignmentFields({ initial }: { initial: Alignment[] }) {
  const t = useTranslations("achievements.form");
  // Keys survive removals, so each row keeps what was typed in it.
  const [rows, setRows] = useState(() => initial.map((alignment, i) => ({ key: i, alignment })));
  const [next, setNext] = useState(initial.length);
  return (
    <Card>
      <CardHeader title={t("alignmentsTitle")} description={t("alignmentsBody")} />
      <div className="space-y-4">
        {rows.map((row, i) => (
          <fieldset key={row.key} className="rounded-lg border border-stone-200 p-4">
            <legend className="px-1 text-sm font-medium text-stone-800">{t("alignmentN", { n: i + 1 })}</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField name={`alignment.${i}.targetName`} label={t("targetName")} defaultValue={row.alignment.targetName ?? ""} />
              <TextField name={`alignment.${i}.targetUrl`} type="url" label={t("targetUrl")} placeholder="https://" defaultValue={row.alignment.targetUrl ?? ""} />
              <TextField name={`alignment.${i}.targetFramework`} label={t("targetFramework")} defaultValue={row.alignment.targetFramework ?? ""} />
              <TextField name={`alignment.${i}.targetCode`} label={t("targetCode")} defaultValue={row.alignment.targetCode ?? ""} />
            </div>
            <Button type="button" variant="ghost" className="mt-2 px-2" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
              {t("removeAlignment", { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        {rows.length < 30 && (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setRows((all) => [...all, { key: next, alignment: {} }]);
              setNext((n) => n + 1);
            }}
          >
            {t("addAlignment")}
          </Button>
        )}
      </div>
    </Card>
  );
}

/** A signer's signature image: upload a PNG or JPEG, keep the saved one, or remove it. */
function SignatureField({ index, current }: { index: number; current?: string }) {
  const t = useTranslations("achievements.form");
  const errors = useTranslations("errors.fields");
  const { state } = useFormState();
  const id = useId();
  const name = `certificate.signers.${index}.signatureFile`;
  const issue = state && !state.ok ? state.fields?.[name] : undefined;
  const error = issue ? (errors.has(issue.code) ? errors(issue.code, issue.params) : errors("invalid")) : undefined;
  return (
    <div className="space-y-1 sm:col-span-2">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">{t("signerSignature", { n: index + 1 })}</label>
      <div className="flex flex-wrap items-center gap-4">
        {current && (
          // eslint-disable-next-line @next/next/no-img-element -- a small data URL, nothing to optimise
          <img src={current} alt={t("signerSignatureAlt", { n: index + 1 })} className="h-12 w-auto rounded border border-stone-200 bg-white p-1" />
        )}
        <input
          id={id}
          type="file"
          name={name}
          accept="image/png,image/jpeg"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-${error ? "error" : "hint"}`}
          className="block text-sm text-stone-800"
        />
        {current && <Checkbox name={`certificate.signers.${index}.removeSignature`} label={t("signerSignatureRemove")} />}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">{error}</p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-stone-600">{t(current ? "signerSignatureKeepHint" : "signerSignatureHint")}</p>
      )}
    </div>
  );
}

function Checkbox({
  name,
  label,
  hint,
  defaultChecked,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  defaultChecked?: boolean;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-stone-800">
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          checked={checked}
          onChange={onChange ? (e) => onChange(e.target.checked) : undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {label}
      </label>
      {hint && <p id={`${id}-hint`} className="ml-6 text-xs text-stone-600">{hint}</p>}
    </div>
  );
}

/** An error that belongs to a group of fields (criteria: a narrative or a URL). */
function FieldError({ name }: { name: string }) {
  const { state } = useFormState();
  const t = useTranslations("errors.fields");
  if (!state || state.ok || !state.fields?.[name]) return null;
  const code = state.fields[name].code;
  return <p className="text-sm font-medium text-red-700">{t.has(code) ? t(code) : t("invalid")}</p>;
}
