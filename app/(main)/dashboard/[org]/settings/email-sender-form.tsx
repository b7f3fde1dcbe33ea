"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "@/components/docs/copy-button";
import { TableHead } from "@/components/ui/table-head";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import type { EmailSenderView } from "@/lib/email/sender/sender";
import { checkEmailSenderAction, removeEmailSenderAction, saveEmailSenderAction } from "./actions";

type Props = { org: string; sender: EmailSenderView | null; readOnly: boolean; lastChecked: string | null };

/** The organization's own sender: its address, the DNS records to add with their status, and a check. */
export function EmailSenderForm({ org, sender, readOnly, lastChecked }: Props) {
  const t = useTranslations("emailSender");
  const router = useRouter();
  const [checked, setChecked] = useState<boolean | null>(null);
  const statusOf = (kind: string) => sender?.checks.find((check) => check.kind === kind);
  return (
    <div className="space-y-6">
      <ActionForm action={saveEmailSenderAction} className="space-y-4" onSuccess={() => router.refresh()}>
        <fieldset disabled={readOnly} className="space-y-4">
          <input type="hidden" name="org" value={org} />
          <FormMessage success={t("saved")} />
          <TextField name="fromAddress" type="email" label={t("fromAddress")} hint={t("fromAddressHint")} defaultValue={sender?.fromAddress ?? ""} required className="max-w-md" />
          <TextField name="replyTo" type="email" label={t("replyTo")} hint={t("replyToHint")} defaultValue={sender?.replyTo ?? ""} className="max-w-md" />
          {!readOnly && <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>}
        </fieldset>
      </ActionForm>

      {sender && (
        <div data-testid="email-sender-status" className="space-y-4">
          <p className={sender.verifiedAt ? "text-sm font-medium text-brand-800" : "text-sm text-stone-800"}>
            {sender.verifiedAt
              ? t("statusVerified", { address: sender.fromAddress, domain: sender.domain })
              : t("statusPending", { replyTo: sender.replyTo ?? sender.fromAddress })}
          </p>
          <h3 id="sender-records-heading" className="text-sm font-semibold text-stone-900">{t("recordsTitle", { domain: sender.domain })}</h3>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" aria-labelledby="sender-records-heading">
              <TableHead columns={[t("columns.purpose"), t("columns.type"), t("columns.host"), t("columns.value"), t("columns.status")]} />
              <tbody className="divide-y divide-stone-100 align-top">
                {sender.records.map((record) => {
                  const check = statusOf(record.kind);
                  return (
                    <tr key={record.kind} data-testid={`sender-record-${record.kind}`}>
                      <td className="max-w-48 py-2 pr-4 text-stone-800">{t(`purpose.${record.kind}`)}</td>
                      <td className="py-2 pr-4 font-mono text-stone-900">{record.type}</td>
                      <td className="py-2 pr-4">
                        <code className="block break-all text-xs text-stone-900">{record.host}</code>
                        <CopyButton text={record.host} label={`${t("copy")}: ${record.host}`} />
                      </td>
                      <td className="max-w-md py-2 pr-4">
                        <code className="block break-all text-xs text-stone-900">{record.value}</code>
                        <CopyButton text={record.value} label={`${t("copy")}: ${t(`purpose.${record.kind}`)}`} />
                      </td>
                      <td className="py-2 text-stone-800" data-testid="sender-record-status">
                        {t(`status.${check?.status ?? "unchecked"}`)}
                        {check?.found && check.status === "different" && <span className="block break-all text-xs text-stone-700">{t("foundValue", { value: check.found })}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {lastChecked && <p className="text-xs text-stone-700">{t("lastChecked", { when: lastChecked })}</p>}
          {!readOnly && (
            <div className="flex flex-wrap items-start gap-3">
              <ActionForm
                action={checkEmailSenderAction}
                onSuccess={(state) => {
                  setChecked(Boolean(state?.ok && state.data?.verified));
                  router.refresh();
                }}
              >
                <input type="hidden" name="org" value={org} />
                <FormMessage success={checked === null ? undefined : checked ? t("checkedVerified") : t("checkedPending")} />
                <SubmitButton pendingLabel={t("checking")}>{t("check")}</SubmitButton>
              </ActionForm>
              <ActionForm action={removeEmailSenderAction} confirm={t("removeConfirm", { address: sender.fromAddress })} onSuccess={() => router.refresh()}>
                <input type="hidden" name="org" value={org} />
                <SubmitButton variant="ghost" pendingLabel={t("removing")}>{t("remove")}</SubmitButton>
              </ActionForm>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
