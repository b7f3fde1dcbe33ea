"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "@/components/docs/copy-button";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import type { DomainView } from "@/lib/sso/domains";
import { addDomainAction, checkDomainAction, removeDomainAction } from "./actions";

type Props = { org: string; domains: (DomainView & { lastCheckedLabel: string | null })[]; readOnly: boolean };

/** The organization's domains: each with its TXT record to publish, its state, Check and Remove. */
export function DomainsForm({ org, domains, readOnly }: Props) {
  const t = useTranslations("domains");
  const router = useRouter();
  return (
    <div className="space-y-6">
      {domains.length === 0 ? (
        <p className="text-sm text-stone-700">{t("empty")}</p>
      ) : (
        <ul className="space-y-4">
          {domains.map((domain) => (
            <li key={domain.id} data-testid="domain-row" className="rounded-lg border border-stone-200 p-4">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-semibold text-stone-900">{domain.domain}</span>
                <span className={domain.verifiedAt ? "rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800" : "rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-800"} data-testid="domain-status">
                  {domain.verifiedAt ? t("statusVerified") : t("statusPending")}
                </span>
              </p>
              {!domain.verifiedAt && (
                <div className="mt-3 text-sm">
                  <p className="text-stone-800">{t("record", { domain: domain.domain })}</p>
                  <dl className="mt-2 grid gap-2 sm:grid-cols-[6rem_1fr]">
                    <dt className="text-stone-700">{t("host")}</dt>
                    <dd><code className="break-all text-xs text-stone-900">{domain.record.host}</code> <CopyButton text={domain.record.host} label={`${t("host")}: ${domain.record.host}`} /></dd>
                    <dt className="text-stone-700">{t("value")}</dt>
                    <dd><code className="break-all text-xs text-stone-900">{domain.record.value}</code> <CopyButton text={domain.record.value} label={`${t("value")}: ${domain.domain}`} /></dd>
                  </dl>
                </div>
              )}
              {domain.lastCheckedLabel && <p className="mt-2 text-xs text-stone-700">{t("lastChecked", { when: domain.lastCheckedLabel })}</p>}
              {!readOnly && <DomainActions org={org} domain={domain} onDone={() => router.refresh()} />}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <ActionForm action={addDomainAction} className="space-y-4" resetOnSuccess onSuccess={() => router.refresh()}>
          <input type="hidden" name="org" value={org} />
          <FormMessage success={t("added")} />
          <TextField name="domain" label={t("domain")} hint={t("domainHint")} required className="max-w-md" />
          <SubmitButton pendingLabel={t("adding")}>{t("add")}</SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}

function DomainActions({ org, domain, onDone }: { org: string; domain: DomainView; onDone: () => void }) {
  const t = useTranslations("domains");
  const [outcome, setOutcome] = useState<{ text: string; verified: boolean } | null>(null);
  return (
    <div className="mt-3 flex flex-wrap items-start gap-3">
      <ActionForm
        action={checkDomainAction}
        onSuccess={(state) => {
          const status = state?.ok ? state.data?.status : undefined;
          setOutcome(status ? { text: t(`checked.${status}`, { domain: domain.domain }), verified: status === "verified" } : null);
          onDone();
        }}
      >
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="domainId" value={domain.id} />
        <FormMessage />
        {/* Only "verified" is good news: not found yet, unreachable and taken are warnings. */}
        {outcome && <Alert tone={outcome.verified ? "success" : "warning"} className="mb-2">{outcome.text}</Alert>}
        <SubmitButton variant="secondary" pendingLabel={t("checking")}>{t("check", { domain: domain.domain })}</SubmitButton>
      </ActionForm>
      <ActionForm action={removeDomainAction} confirm={t("removeConfirm", { domain: domain.domain })} onSuccess={onDone}>
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="domainId" value={domain.id} />
        <SubmitButton variant="ghost" pendingLabel={t("removing")}>{t("remove", { domain: domain.domain })}</SubmitButton>
      </ActionForm>
    </div>
  );
}
