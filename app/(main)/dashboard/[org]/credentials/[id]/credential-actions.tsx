"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { changeRecipientEmailAction, renewCredentialAction, resendClaimEmailAction, revokeCredentialsAction } from "../actions";

export function CredentialActions({
  org,
  id,
  revoked,
  claimed,
  renewable,
  credentialsHref,
}: {
  org: string;
  id: string;
  revoked: boolean;
  claimed: boolean;
  /** Not yet renewed, and it expires: renewing one that never expires would change nothing. */
  renewable: boolean;
  credentialsHref: string;
}) {
  const t = useTranslations("credentials");
  const router = useRouter();
  if (revoked) return <p className="text-sm text-stone-700">{t("revokedNoActions")}</p>;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <ActionForm action={revokeCredentialsAction} confirm={t("revokeOneConfirm")} onSuccess={() => router.refresh()} className="space-y-3">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="ids" value={id} />
        <FormMessage />
        <TextField name="reason" label={t("revokeReasonOne")} hint={t("reasonHint")} required />
        <SubmitButton variant="danger" pendingLabel={t("revoking")}>{t("revoke")}</SubmitButton>
      </ActionForm>
      <div className="space-y-6">
        {renewable && (
          <ActionForm
            action={renewCredentialAction}
            confirm={t("renewConfirm")}
            onSuccess={(state) => state?.ok && router.push(`${credentialsHref}/${(state.data as { id: string }).id}`)}
            className="space-y-2"
          >
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="id" value={id} />
            <p className="text-sm text-stone-700">{t("renewBody")}</p>
            <FormMessage />
            <SubmitButton variant="secondary" pendingLabel={t("renewing")}>{t("renew")}</SubmitButton>
          </ActionForm>
        )}
        {!claimed && (
          <>
            <ActionForm action={resendClaimEmailAction} className="space-y-2">
              <input type="hidden" name="org" value={org} />
              <input type="hidden" name="id" value={id} />
              <FormMessage success={t("resent")} />
              <SubmitButton variant="secondary" pendingLabel={t("sending")}>{t("resend")}</SubmitButton>
            </ActionForm>
            <ActionForm action={changeRecipientEmailAction} onSuccess={() => router.refresh()} className="flex flex-wrap items-start gap-2">
              <input type="hidden" name="org" value={org} />
              <input type="hidden" name="id" value={id} />
              <div className="w-full"><FormMessage success={t("addressChanged")} /></div>
              <TextField name="email" type="email" label={t("changeAddress")} className="min-w-64 flex-1" />
              <SubmitButton variant="secondary" className="mt-6" pendingLabel={t("saving")}>{t("saveAddress")}</SubmitButton>
            </ActionForm>
          </>
        )}
      </div>
    </div>
  );
}
