"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { programImageAction } from "../actions";

/** The program's picture, uploaded through the same image checks as an organization's logo. */
export function ProgramImageForm({ org, programId, image, readOnly }: { org: string; programId: string; image: string | null; readOnly: boolean }) {
  const t = useTranslations("programs.designer");
  const router = useRouter();
  const id = useId();
  return (
    <ActionForm action={programImageAction} resetOnSuccess onSuccess={() => router.refresh()} className="space-y-4">
      <fieldset disabled={readOnly} className="space-y-4">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="programId" value={programId} />
        <FormMessage success={t("imageSaved")} />
        <div className="flex flex-wrap items-end gap-4">
          {image ? (
            // eslint-disable-next-line @next/next/no-img-element -- a small data URL checked by the image intake
            <img src={image} alt={t("imageCurrent")} className="h-20 w-20 rounded-lg border border-stone-200 bg-white object-contain" />
          ) : (
            <span className="text-sm text-stone-700">{t("imageNone")}</span>
          )}
          {!readOnly && (
            <>
              <TextField name="image" type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml" label={t("imageUpload")} hint={t("imageHint")} className="min-w-64 flex-1" />
              {image && (
                <label htmlFor={`${id}-remove`} className="flex items-center gap-2 text-sm text-stone-800">
                  <input id={`${id}-remove`} type="checkbox" name="removeImage" /> {t("imageRemove")}
                </label>
              )}
            </>
          )}
        </div>
        {!readOnly && <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("imageSave")}</SubmitButton>}
      </fieldset>
    </ActionForm>
  );
}
