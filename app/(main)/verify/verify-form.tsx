"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { VerificationReport } from "@/components/verifier/verification-report";
import { ActionForm, FormMessage, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ActionState } from "@/lib/auth/guard";
import type { PresentedVerification } from "@/lib/verifier/present";
import { verifyAction } from "./actions";

const SOURCES = ["file", "text", "url"] as const;
type Source = (typeof SOURCES)[number];
type Outcome = { answer: PresentedVerification; permalink: string | null };

/**
 * Three ways in (tabs), one report below. A URL's result has a permalink; any result that could
 * not be checked offers "Check again" with the same input.
 */
export function VerifyForm({ initial, initialUrl }: { initial: Outcome | null; initialUrl?: string }) {
  const t = useTranslations("verifier");
  const [source, setSource] = useState<Source>(initialUrl ? "url" : "file");
  const [outcome, setOutcome] = useState<Outcome | null>(initial);
  const [retrying, startRetry] = useTransition();
  const submitted = useRef<FormData | null>(null);
  const tabs = useRef<Record<Source, HTMLButtonElement | null>>({ file: null, text: null, url: null });

  const onSuccess = (state: ActionState<unknown>, formData: FormData) => {
    if (!state?.ok) return;
    submitted.current = formData;
    setOutcome(state.data as Outcome);
  };
  const retry = () => {
    const previous = submitted.current;
    startRetry(async () => {
      if (!previous) {
        // A permalink's result: the page checks again on reload.
        window.location.reload();
        return;
      }
      const state = await verifyAction(null, previous);
      if (state?.ok) setOutcome(state.data as Outcome);
    });
  };
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
              id={`verify-tab-${key}`}
              aria-selected={source === key}
              aria-controls={`verify-panel-${key}`}
              tabIndex={source === key ? 0 : -1}
              onClick={() => setSource(key)}
              onKeyDown={onTabKey}
              className={
                source === key
                  ? "-mb-px border-b-2 border-brand-700 px-3 py-2 text-sm font-semibold text-brand-800"
                  : "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-stone-700 hover:text-stone-900"
              }
            >
              {t(`tabs.${key}`)}
            </button>
          ))}
        </div>
        {SOURCES.map((key) => (
          <div key={key} role="tabpanel" id={`verify-panel-${key}`} aria-labelledby={`verify-tab-${key}`} hidden={source !== key}>
            <ActionForm action={verifyAction} onSuccess={onSuccess} className="space-y-4">
              <input type="hidden" name="source" value={key} />
              <FormMessage />
              {key === "file" && <TextField name="file" type="file" accept="image/png,image/svg+xml,.png,.svg,.json,.jwt,.txt" label={t("fileLabel")} hint={t("fileHint")} />}
              {key === "text" && <TextAreaField name="text" rows={8} spellCheck={false} label={t("textLabel")} hint={t("textHint")} className="font-mono" />}
              {key === "url" && <TextField name="url" type="url" inputMode="url" placeholder="https://" defaultValue={initialUrl} label={t("urlLabel")} hint={t("urlHint")} />}
              <SubmitButton pendingLabel={t("checking")}>{t("submit")}</SubmitButton>
            </ActionForm>
          </div>
        ))}
      </Card>

      <div aria-live="polite">
        {outcome && (
          <VerificationReport
            answer={outcome.answer}
            actions={
              (outcome.answer.verdict === "indeterminate" || outcome.permalink) && (
                <div className="flex flex-wrap items-center gap-3 border-t border-stone-200 pt-4">
                  {outcome.answer.verdict === "indeterminate" && (
                    <Button type="button" variant="secondary" onClick={retry} disabled={retrying}>
                      {retrying ? t("checking") : t("retry")}
                    </Button>
                  )}
                  {outcome.permalink && (
                    <span className="text-sm text-stone-700">
                      <a href={outcome.permalink} className={buttonClasses("ghost")} data-testid="verification-permalink">
                        {t("permalink")}
                      </a>{" "}
                      {t("permalinkHint")}
                    </span>
                  )}
                </div>
              )
            }
          />
        )}
      </div>
    </div>
  );
}
