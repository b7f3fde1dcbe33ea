"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import {
  acceptAction,
  addToCollectionAction,
  createCollectionAction,
  declineAction,
  deleteCollectionAction,
  moveCollectionAction,
  moveCollectionItemAction,
  movePinAction,
  pinAction,
  removeFromCollectionAction,
  unpinAction,
  updateCollectionAction,
  visibilityAction,
} from "./actions";

const Hidden = ({ name, value }: { name: string; value: string }) => <input type="hidden" name={name} value={value} />;
const SrOnly = ({ children }: { children: React.ReactNode }) => <span className="sr-only">{children}</span>;

/** Accept and Decline for a credential waiting for an answer. */
export function AnswerButtons({ credentialId, name, then = "stay" }: { credentialId: string; name: string; then?: "stay" | "detail" }) {
  const t = useTranslations("backpack.answer");
  return (
    <div className="flex flex-wrap items-start gap-2">
      <ActionForm action={acceptAction} className="space-y-2">
        <Hidden name="credentialId" value={credentialId} />
        <Hidden name="then" value={then} />
        <FormMessage />
        <SubmitButton pendingLabel={t("accepting")}>
          {t("accept")}
          <SrOnly> {name}</SrOnly>
        </SubmitButton>
      </ActionForm>
      <ActionForm action={declineAction} confirm={t("declineConfirm")} className="space-y-2">
        <Hidden name="credentialId" value={credentialId} />
        <FormMessage />
        <SubmitButton variant="secondary" pendingLabel={t("declining")}>
          {t("decline")}
          <SrOnly> {name}</SrOnly>
        </SubmitButton>
      </ActionForm>
    </div>
  );
}

/** Brings a declined credential back (accepts it). */
export function RestoreButton({ credentialId, name }: { credentialId: string; name: string }) {
  const t = useTranslations("backpack.answer");
  return (
    <ActionForm action={acceptAction} className="space-y-2">
      <Hidden name="credentialId" value={credentialId} />
      <FormMessage />
      <SubmitButton variant="secondary" pendingLabel={t("restoring")}>
        {t("restore")}
        <SrOnly> {name}</SrOnly>
      </SubmitButton>
    </ActionForm>
  );
}

export function VisibilityForm({ entryId, visibility }: { entryId: string; visibility: "public" | "private" }) {
  const t = useTranslations("backpack.visibility");
  const id = useId();
  return (
    <ActionForm action={visibilityAction} className="space-y-3">
      <Hidden name="entryId" value={entryId} />
      <FormMessage success={t("saved")} />
      <fieldset className="space-y-2">
        <legend className="sr-only">{t("heading")}</legend>
        {(["public", "private"] as const).map((value) => (
          <div key={value} className="flex items-start gap-2">
            <input
              id={`${id}-${value}`}
              type="radio"
              name="visibility"
              value={value}
              defaultChecked={visibility === value}
              aria-describedby={`${id}-${value}-hint`}
              className="mt-1 h-4 w-4 accent-brand-700"
            />
            <div>
              <label htmlFor={`${id}-${value}`} className="text-sm font-semibold text-stone-900">{t(value)}</label>
              <p id={`${id}-${value}-hint`} className="text-sm text-stone-700">{t(`${value}Hint`)}</p>
            </div>
          </div>
        ))}
      </fieldset>
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </ActionForm>
  );
}

export function PinButton({ entryId, pinned }: { entryId: string; pinned: boolean }) {
  const t = useTranslations("backpack.pins");
  return (
    <ActionForm action={pinned ? unpinAction : pinAction} className="space-y-2">
      <Hidden name="entryId" value={entryId} />
      <FormMessage />
      <SubmitButton variant="secondary" pendingLabel={t("pinning")}>{pinned ? t("unpin") : t("pin")}</SubmitButton>
    </ActionForm>
  );
}

function MoveButton({
  action,
  fields,
  direction,
  label,
  disabled,
}: {
  action: typeof movePinAction;
  fields: Record<string, string>;
  direction: "up" | "down";
  label: string;
  disabled?: boolean;
}) {
  if (disabled) return <span className="inline-block w-9" aria-hidden="true" />;
  return (
    <ActionForm action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <Hidden key={name} name={name} value={value} />
      ))}
      <Hidden name="direction" value={direction} />
      <SubmitButton variant="ghost" className="px-2.5 py-1.5">
        <span aria-hidden="true">{direction === "up" ? "↑" : "↓"}</span>
        <SrOnly>{label}</SrOnly>
      </SubmitButton>
    </ActionForm>
  );
}

/** Up, down and unpin for one pinned credential. */
export function PinOrderControls({ entryId, name, first, last }: { entryId: string; name: string; first: boolean; last: boolean }) {
  const t = useTranslations("backpack.pins");
  return (
    <div className="flex items-center gap-1">
      <MoveButton action={movePinAction} fields={{ entryId }} direction="up" label={t("moveUp", { name })} disabled={first} />
      <MoveButton action={movePinAction} fields={{ entryId }} direction="down" label={t("moveDown", { name })} disabled={last} />
      <ActionForm action={unpinAction}>
        <Hidden name="entryId" value={entryId} />
        <SubmitButton variant="ghost" className="px-2.5 py-1.5">
          <span aria-hidden="true">✕</span>
          <SrOnly>{t("unpinLabel", { name })}</SrOnly>
        </SubmitButton>
      </ActionForm>
    </div>
  );
}

export function AddToCollectionForm({ entryId, collections }: { entryId: string; collections: { id: string; name: string }[] }) {
  const t = useTranslations("backpack.collections");
  return (
    <ActionForm action={addToCollectionAction} className="flex flex-wrap items-end gap-2">
      <Hidden name="entryId" value={entryId} />
      <div className="w-full">
        <FormMessage />
      </div>
      <SelectField
        name="collectionId"
        label={t("addToLabel")}
        className="min-w-48 flex-1"
        options={collections.map((collection) => ({ value: collection.id, label: collection.name }))}
      />
      <SubmitButton variant="secondary" pendingLabel={t("adding")}>{t("add")}</SubmitButton>
    </ActionForm>
  );
}

function VisibilitySelect({ defaultValue = "public" }: { defaultValue?: "public" | "private" }) {
  const t = useTranslations("backpack.collections");
  return (
    <SelectField
      name="visibility"
      label={t("visibility")}
      defaultValue={defaultValue}
      options={[
        { value: "public", label: t("public") },
        { value: "private", label: t("private") },
      ]}
    />
  );
}

export function CreateCollectionForm() {
  const t = useTranslations("backpack.collections");
  const [created, setCreated] = useState<string | null>(null);
  return (
    <ActionForm
      action={createCollectionAction}
      resetOnSuccess
      onSuccess={(state) => setCreated(state?.ok ? ((state.data as { name: string } | undefined)?.name ?? null) : null)}
      className="space-y-4"
    >
      <FormMessage success={created ? t("created", { name: created }) : undefined} />
      <TextField name="name" label={t("name")} required maxLength={100} />
      <TextAreaField name="description" label={t("description")} rows={2} maxLength={500} />
      <VisibilitySelect />
      <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
    </ActionForm>
  );
}

export function EditCollectionForm({
  collection,
}: {
  collection: { id: string; name: string; description: string | null; visibility: "public" | "private" };
}) {
  const t = useTranslations("backpack.collections");
  return (
    <ActionForm action={updateCollectionAction} className="space-y-4">
      <Hidden name="collectionId" value={collection.id} />
      <FormMessage success={t("saved")} />
      <TextField name="name" label={t("name")} defaultValue={collection.name} required maxLength={100} />
      <TextAreaField name="description" label={t("description")} defaultValue={collection.description ?? ""} rows={2} maxLength={500} />
      <VisibilitySelect defaultValue={collection.visibility} />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </ActionForm>
  );
}

export function DeleteCollectionButton({ collectionId }: { collectionId: string }) {
  const t = useTranslations("backpack.collections");
  return (
    <ActionForm action={deleteCollectionAction} confirm={t("deleteConfirm")} className="space-y-2">
      <Hidden name="collectionId" value={collectionId} />
      <FormMessage />
      <SubmitButton variant="danger" pendingLabel={t("deleting")}>{t("delete")}</SubmitButton>
    </ActionForm>
  );
}

export function CollectionOrderControls({ collectionId, name, first, last }: { collectionId: string; name: string; first: boolean; last: boolean }) {
  const t = useTranslations("backpack.collections");
  return (
    <div className="flex items-center gap-1">
      <MoveButton action={moveCollectionAction} fields={{ collectionId }} direction="up" label={t("moveUp", { name })} disabled={first} />
      <MoveButton action={moveCollectionAction} fields={{ collectionId }} direction="down" label={t("moveDown", { name })} disabled={last} />
    </div>
  );
}

export function CollectionItemControls({
  collectionId,
  entryId,
  name,
  first,
  last,
}: {
  collectionId: string;
  entryId: string;
  name: string;
  first: boolean;
  last: boolean;
}) {
  const t = useTranslations("backpack.collections");
  return (
    <div className="flex items-center gap-1">
      <MoveButton action={moveCollectionItemAction} fields={{ collectionId, entryId }} direction="up" label={t("moveUp", { name })} disabled={first} />
      <MoveButton action={moveCollectionItemAction} fields={{ collectionId, entryId }} direction="down" label={t("moveDown", { name })} disabled={last} />
      <ActionForm action={removeFromCollectionAction}>
        <Hidden name="collectionId" value={collectionId} />
        <Hidden name="entryId" value={entryId} />
        <SubmitButton variant="ghost" className="px-2.5 py-1.5">
          <span aria-hidden="true">{t("remove")}</span>
          <SrOnly>{t("removeLabel", { name })}</SrOnly>
        </SubmitButton>
      </ActionForm>
    </div>
  );
}

export function AddEntryToCollectionForm({ collectionId, candidates }: { collectionId: string; candidates: { id: string; name: string }[] }) {
  const t = useTranslations("backpack.collections");
  return (
    <ActionForm action={addToCollectionAction} className="flex flex-wrap items-end gap-2">
      <Hidden name="collectionId" value={collectionId} />
      <div className="w-full">
        <FormMessage />
      </div>
      <SelectField
        name="entryId"
        label={t("addLabel")}
        className="min-w-48 flex-1"
        options={candidates.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
      />
      <SubmitButton variant="secondary" pendingLabel={t("adding")}>{t("add")}</SubmitButton>
    </ActionForm>
  );
}
