"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { ActionForm, FormMessage, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { updateOrganizationAction } from "./actions";

type Org = {
  name: string;
  slug: string;
  website: string | null;
  description: string | null;
  logo: string | null;
  primaryColor: string;
  secondaryColor: string;
  linkedinOrganizationId: string | null;
};

export function OrganizationSettingsForm({ org, readOnly }: { org: Org; readOnly: boolean }) {
  const t = useTranslations("dashboard.settings");
  const router = useRouter();
  const id = useId();
  const [primary, setPrimary] = useState(org.primaryColor);
  const [secondary, setSecondary] = useState(org.secondaryColor);
  return (
    <ActionForm
      action={updateOrganizationAction}
      className="space-y-4"
      onSuccess={(state) => {
        const saved = state?.ok ? (state.data as { slug: string }) : null;
        if (saved && saved.slug !== org.slug) router.replace(`/dashboard/${saved.slug}/settings`);
        else router.refresh();
      }}
    >
      <fieldset disabled={readOnly} className="space-y-4">
        <input type="hidden" name="org" value={org.slug} />
        <FormMessage success={t("saved")} />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField name="name" label={t("name")} defaultValue={org.name} required />
          <TextField name="slug" label={t("slug")} hint={t("slugHint")} defaultValue={org.slug} required />
        </div>
        <TextField name="website" type="url" label={t("website")} placeholder="https://" defaultValue={org.website ?? ""} />
        <TextAreaField name="description" label={t("description")} rows={3} defaultValue={org.description ?? ""} />
        <TextField
          name="linkedinOrganizationId"
          label={t("linkedinOrganizationId")}
          hint={t("linkedinOrganizationIdHint")}
          inputMode="numeric"
          defaultValue={org.linkedinOrganizationId ?? ""}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <ColorField name="primaryColor" label={t("primaryColor")} value={primary} onChange={setPrimary} />
          <ColorField name="secondaryColor" label={t("secondaryColor")} value={secondary} onChange={setSecondary} />
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <div className="flex items-center gap-3">
            <OrgAvatar org={{ ...org, primaryColor: primary }} />
            <span className="text-sm text-stone-700">{org.logo ? t("currentLogo") : t("noLogo")}</span>
          </div>
          <TextField name="logo" type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml" label={t("logo")} hint={t("logoHint")} className="min-w-64 flex-1" />
          {org.logo && (
            <label htmlFor={`${id}-remove`} className="flex items-center gap-2 text-sm text-stone-800">
              <input id={`${id}-remove`} type="checkbox" name="removeLogo" /> {t("removeLogo")}
            </label>
          )}
        </div>
        <div className="rounded-lg p-4 text-white" style={{ backgroundColor: primary }} aria-label={t("preview")}>
          <span className="font-semibold">{org.name}</span>
          <span className="ml-3 rounded px-2 py-0.5 text-sm font-semibold" style={{ backgroundColor: secondary, color: "#1c1917" }}>{t("previewBadge")}</span>
        </div>
        {!readOnly && <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>}
      </fieldset>
    </ActionForm>
  );
}

function ColorField({ name, label, value, onChange }: { name: string; label: string; value: string; onChange: (v: string) => void }) {
  const t = useTranslations("dashboard.settings");
  return (
    <div className="flex items-end gap-2">
      <TextField name={name} label={label} value={value} onChange={(e) => onChange(e.target.value)} className="flex-1" />
      <input
        type="color"
        aria-label={t("colorPicker", { label })}
        value={/^#[0-9a-f]{6}$/i.test(value) ? value : "#000000"}
        onChange={(e) => onChange(e.target.value)}
        className="mb-0.5 h-9 w-12 shrink-0 rounded border border-stone-300"
      />
    </div>
  );
}
