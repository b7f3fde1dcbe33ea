"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionForm, FormMessage, SelectField, SubmitButton, TextField, useFormState } from "@/components/ui/form";
import { changeRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "./actions";

type RoleOption = { value: string; label: string };

export function InviteForm({ org, roles, disabled = false }: { org: string; roles: RoleOption[]; disabled?: boolean }) {
  const t = useTranslations("dashboard.members");
  const [sentTo, setSentTo] = useState<string | null>(null);
  return (
    <ActionForm
      action={inviteMemberAction}
      resetOnSuccess
      onSuccess={(state) => setSentTo(state?.ok ? (state.data as { email: string }).email : null)}
    >
      <fieldset disabled={disabled} className="grid gap-4 md:grid-cols-[1fr_12rem_auto] md:items-start">
        <input type="hidden" name="org" value={org} />
        <div className="md:col-span-3">
          <FormMessage success={sentTo ? t("invited", { email: sentTo }) : undefined} />
        </div>
        <TextField name="email" type="email" label={t("email")} autoComplete="off" required />
        <SelectField name="role" label={t("role")} options={roles} defaultValue={roles.find((r) => r.value === "issuer")?.value ?? roles[0]?.value} />
        <SubmitButton className="md:mt-6" pendingLabel={t("inviting")}>{t("invite")}</SubmitButton>
      </fieldset>
    </ActionForm>
  );
}

function InlineError() {
  const { state } = useFormState();
  const t = useTranslations("errors");
  if (!state || state.ok) return null;
  const fieldIssue = state.fields && Object.values(state.fields)[0];
  const message =
    fieldIssue && t.has(`fields.${fieldIssue.code}`) ? t(`fields.${fieldIssue.code}`, fieldIssue.params) : t(`codes.${state.code}`, state.params);
  return <p role="alert" className="mt-1 text-left text-sm font-medium text-red-700">{message}</p>;
}

export function MemberActions({
  org,
  membershipId,
  memberName,
  role,
  roles,
  canRemove,
  isSelf,
  canLeave,
}: {
  org: string;
  membershipId: string;
  memberName: string;
  role: string;
  roles: RoleOption[];
  canRemove: boolean;
  isSelf: boolean;
  /** Self, and not the organization's only owner. */
  canLeave: boolean;
}) {
  const t = useTranslations("dashboard.members");
  const router = useRouter();
  const id = useId();
  return (
    <div className="flex flex-wrap items-start justify-end gap-2">
      {roles.length > 0 && (
        <ActionForm action={changeRoleAction} className="flex items-center gap-2">
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <label htmlFor={`${id}-role`} className="sr-only">{t("roleFor", { name: memberName })}</label>
          <select id={`${id}-role`} name="role" defaultValue={role} className="rounded-lg border border-stone-300 bg-white px-2 py-1.5 text-sm">
            {roles.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
          <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("saveRole")}</SubmitButton>
          <InlineError />
        </ActionForm>
      )}
      {(canRemove || canLeave) && (
        <ActionForm
          action={removeMemberAction}
          onSuccess={() => (isSelf ? router.push("/dashboard") : router.refresh())}
          confirm={isSelf ? t("confirmLeave") : t("confirmRemove", { name: memberName })}
        >
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <SubmitButton variant="ghost" className="text-red-700">{isSelf ? t("leave") : t("remove")}</SubmitButton>
          <InlineError />
        </ActionForm>
      )}
    </div>
  );
}

export function RevokeInvitationButton({ org, invitationId, email }: { org: string; invitationId: string; email: string }) {
  const t = useTranslations("dashboard.members");
  return (
    <ActionForm action={revokeInvitationAction}>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton variant="ghost" className="text-red-700">
        <span aria-hidden="true">{t("revoke")}</span>
        <span className="sr-only">{t("revokeFor", { email })}</span>
      </SubmitButton>
      <InlineError />
    </ActionForm>
  );
}
