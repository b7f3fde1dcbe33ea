"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { ActionForm, FormMessage, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckList, useCheckExplainer } from "@/components/verifier/check-list";
import type { ImportOutcome } from "@/lib/backpack/import-credential";
import type { ActionState } from "@/lib/auth/guard";
import type { Check } from "@/lib/ob/verify";
import { importCredentialAction } from "./actions";

const SOURCES = ["upload", "paste", "url"] as const;
type Source = (typeof SOURCES)[number];

/** Three ways in (tabs), one verification result below them. */
export function ImportBadge() {
  const t = useTranslations("backpackImport");
  const tErrors = useTranslations("errors");
  const [source, setSource] = useState<Source>("upload");
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [keepError, setKeepError] = useState<string | null>(null);
  const [keeping, startKeeping] = useTransition();
  const submitted = useRef<FormData | null>(null);
  const tabs = useRef<Record<Source, HTMLButtonElement | null>>({ upload: null, paste: null, url: null });

  const onSuccess = (state: ActionState<unknown>, formData: FormData) => {
    if (!state?.ok) return;
    submitted.current = formData;
    setKeepError(null);
    setOutcome(state.data as ImportOutcome);
  };

  // The same input again, with the learner's say-so (or, to check again, without it): a file
  // stays in the FormData we kept.
  const resubmit = (keep: boolean) => {
    const previous = submitted.current;
    if (!previous) return;
    const formData = new FormData();
    for (const [key, value] of previous.entries()) formData.append(key, value);
    if (keep) formData.set("keepUnverified", "true");
    startKeeping(async () => {
      const state = await importCredentialAction(null, formData);
      if (state?.ok) {
        setOutcome(state.data as ImportOutcome);
        return;
      }
      const field = state?.fields ? Object.values(state.fields)[0] : undefined;
      if (field && tErrors.has(`fields.${field.code}`)) setKeepError(tErrors(`fields.${field.code}`, { ...state?.params, ...field.params }));
      else setKeepError(tErrors.has(`codes.${state?.code}`) ? tErrors(`codes.${state?.code}`, state?.params) : tErrors("codes.internal"));
    });
  };

  const labels: Record<Source, string> = { upload: t("tabUpload"), paste: t("tabPaste"), url: t("tabUrl") };
  const onTabKey = (event: React.KeyboardEvent<HTMLButtonElement>) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = SOURCES[(SOURCES.indexOf(source) + step + SOURCES.length) % SOURCES.length];
    setSource(next);
    tabs.current[next]?.focus();
  };

  return (
    <div className="space-y-6">
      <Card>
        <div role="tablist" aria-label={t("tabsLabel")} className="mb-6 flex flex-wrap gap-2 border-b border-stone-200">
          {SOURCES.map((key) => (
            <button
              key={key}
              ref={(element) => {
                tabs.current[key] = element;
              }}
              type="button"
              role="tab"
              id={`import-tab-${key}`}
              aria-selected={source === key}
              aria-controls={`import-panel-${key}`}
              tabIndex={source === key ? 0 : -1}
              onClick={() => setSource(key)}
              onKeyDown={onTabKey}
              className={
                source === key
                  ? "-mb-px border-b-2 border-brand-700 px-3 py-2 text-sm font-semibold text-brand-800"
                  : "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-stone-700 hover:text-stone-900"
              }
            >
              {labels[key]}
            </button>
          ))}
        </div>
        {SOURCES.map((key) => (
          <div key={key} role="tabpanel" id={`import-panel-${key}`} aria-labelledby={`import-tab-${key}`} hidden={source !== key}>
            <ActionForm action={importCredentialAction} onSuccess={onSuccess} onChange={() => setOutcome(null)} className="space-y-4">
              <input type="hidden" name="source" value={key} />
              <FormMessage />
              {key === "upload" && <TextField name="file" type="file" accept="image/png,image/svg+xml,.png,.svg" label={t("fileLabel")} hint={t("fileHint")} />}
              {key === "paste" && <TextAreaField name="text" rows={8} spellCheck={false} label={t("textLabel")} hint={t("textHint")} className="font-mono" />}
              {key === "url" && <TextField name="url" type="url" inputMode="url" placeholder="https://" label={t("urlLabel")} hint={t("urlHint")} />}
              <SubmitButton pendingLabel={t("verifying")}>{t("submit")}</SubmitButton>
            </ActionForm>
          </div>
        ))}
      </Card>

      <div aria-live="polite">{outcome && <ImportResult outcome={outcome} keeping={keeping} keepError={keepError} onKeep={() => resubmit(true)} onRetry={() => resubmit(false)} />}</div>
    </div>
  );
}

function ImportResult({
  outcome,
  keeping,
  keepError,
  onKeep,
  onRetry,
}: {
  outcome: ImportOutcome;
  keeping: boolean;
  keepError: string | null;
  onKeep: () => void;
  onRetry?: () => void;
}) {
  const t = useTranslations("backpackImport");
  const explain = useCheckExplainer();
  if (outcome.status === "claimed") {
    return (
      <Alert tone="success" title={t("claimedTitle")}>
        <p>{t("claimedBody")}</p>
        <EntryLink entryId={outcome.entryId} />
      </Alert>
    );
  }
  if (outcome.status === "imported" || outcome.status === "replaced") {
    // Only the Open Badges API replaces a copy, and only with one that verified.
    const verified = outcome.status === "replaced" || outcome.verified;
    return (
      <Card>
        <Alert tone={verified ? "success" : "warning"} title={t(verified ? "importedTitle" : "importedUnverifiedTitle", { name: outcome.name })}>
          <p>{t(verified ? "importedBody" : "importedUnverifiedBody")}</p>
        </Alert>
        <ImportChecks checks={outcome.checks} format={outcome.format} />
        <EntryLink entryId={outcome.entryId} />
      </Card>
    );
  }
  const cannotCheck = outcome.verdict === "indeterminate";
  return (
    <Card>
      <Alert tone={cannotCheck ? "warning" : "error"} title={cannotCheck ? t("indeterminateTitle") : t("failedTitle")}>
        {cannotCheck && <p>{t("indeterminateBody")}</p>}
        <p className="font-medium">{t("failedReasons")}</p>
        <ul className="ml-5 list-disc">
          {outcome.checks
            .filter((check) => check.state !== "passed")
            .map((check) => (
              <li key={check.check}>{explain(check)}</li>
            ))}
        </ul>
      </Alert>
      <ImportChecks checks={outcome.checks} format={outcome.format} />
      <div className="mt-4 space-y-2">
        {cannotCheck && onRetry && (
          <Button type="button" onClick={onRetry} disabled={keeping}>
            {keeping ? t("retrying") : t("retry")}
          </Button>
        )}
        <p className="text-sm text-stone-700">{t("keepHint")}</p>
        <Button type="button" variant="secondary" onClick={onKeep} disabled={keeping}>
          {keeping ? t("keeping") : t("keepUnverified")}
        </Button>
        {keepError && <Alert tone="error">{keepError}</Alert>}
      </div>
    </Card>
  );
}

function EntryLink({ entryId }: { entryId: string }) {
  const t = useTranslations("backpackImport");
  return (
    <p className="mt-4">
      <Link href={`/backpack/${entryId}`} className={buttonClasses("primary")}>
        {t("openEntry")}
      </Link>
    </p>
  );
}

function ImportChecks({ checks, format }: { checks: Check[]; format: string }) {
  const t = useTranslations("backpackImport");
  return (
    <section aria-labelledby="import-result-title" className="mt-4">
      <h2 id="import-result-title" className="text-base font-semibold text-stone-900">
        {t("resultTitle")}
      </h2>
      <p className="text-sm text-stone-700">{t("formatLabel", { format: t.has(`formats.${format}`) ? t(`formats.${format}`) : format })}</p>
      <div className="mt-2">
        <CheckList checks={checks} />
      </div>
    </section>
  );
}
