"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionState } from "@/lib/auth/guard";
import { updateProfileSettingsAction } from "./actions";

type Settings = { handle: string; name: string; headline: string; photo: string | null; profilePublic: boolean; profileShowProgress: boolean };

export function ProfileSettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations("profileSettings");
  const tHome = useTranslations("learnerHome.profileSettings");
  // The link follows what was saved, not what is being typed.
  const [saved, setSaved] = useState({ handle: settings.handle, profilePublic: settings.profilePublic });
  const onSuccess = (state: ActionState<unknown>) => {
    if (!state?.ok) return;
    const data = state.data as { handle: string | null; profilePublic: boolean };
    setSaved({ handle: data.handle ?? "", profilePublic: data.profilePublic });
  };
  return (
    <div className="space-y-6">
      <ProfileLink handle={saved.handle} profilePublic={saved.profilePublic} />
      <ActionForm action={updateProfileSettingsAction} onSuccess={onSuccess} encType="multipart/form-data" className="space-y-4">
        <FormMessage success={t("saved")} />
        <TextField name="handle" label={t("handle")} hint={t("handleHint")} defaultValue={settings.handle} autoComplete="off" spellCheck={false} />
        <TextField name="name" label={t("displayName")} defaultValue={settings.name} autoComplete="name" required />
        <TextField name="headline" label={t("headline")} hint={t("headlineHint")} defaultValue={settings.headline} maxLength={120} />
        <div className="flex flex-wrap items-end gap-4">
          {settings.photo && (
            // eslint-disable-next-line @next/next/no-img-element -- a data URL the server checked by its bytes
            <img src={settings.photo} alt={t("currentPhoto")} width={64} height={64} className="h-16 w-16 rounded-full border border-stone-200 object-cover" />
          )}
          <TextField name="photo" type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml" label={t("photo")} hint={t("photoHint")} className="min-w-64 flex-1" />
        </div>
        {settings.photo && <Checkbox name="removePhoto" label={t("removePhoto")} />}
        <Checkbox name="profilePublic" label={t("profilePublic")} hint={t("profilePublicHint")} defaultChecked={settings.profilePublic} />
        <Checkbox name="profileShowProgress" label={tHome("showProgress")} hint={tHome("showProgressHint")} defaultChecked={settings.profileShowProgress} />
        <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      </ActionForm>
    </div>
  );
}

function Checkbox({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked?: boolean }) {
  const id = `profile-${name}`;
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} className="mt-1 h-4 w-4 rounded border-stone-400" />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-stone-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-stone-600">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

function ProfileLink({ handle, profilePublic }: { handle: string; profilePublic: boolean }) {
  const t = useTranslations("profileSettings");
  if (!handle) return <p className="text-sm text-stone-700">{t("noHandle")}</p>;
  const path = `/u/${handle}`;
  return (
    <p className="text-sm text-stone-700">
      <Link href={path} className="font-medium text-brand-700 underline" data-testid="public-profile-link">
        {t("viewProfile", { url: path })}
      </Link>
      {!profilePublic && <span className="ml-2">{t("private")}</span>}
    </p>
  );
}
