"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, useFormState } from "@/components/ui/form";
import { Alert } from "@/components/ui/alert";
import type { BulkField } from "@/lib/issuing/bulk/columns";
import type { BulkFailure } from "@/lib/issuing/bulk/queries";
import { retryFailedRowsAction } from "./actions";

const inputClasses = "block w-full min-w-32 rounded-lg border border-stone-300 bg-white px-2 py-1 text-sm text-stone-900";

/** A row problem's words, from its code and params (the field names translated). */
function useProblemText() {
  const t = useTranslations("bulk");
  const tTools = useTranslations("bulkTools.retry");
  return (issue: { code: string; params?: Record<string, string | number> } | null | undefined, fallback = "") => {
    if (!issue) return fallback;
    const params = { ...issue.params, ...(issue.params?.field ? { field: t(`fields.${issue.params.field}` as never) } : {}) };
    if (t.has(`issues.${issue.code}`)) return t(`issues.${issue.code}`, params);
    if (tTools.has(`errors.${issue.code}`)) return tTools(`errors.${issue.code}`, params);
    return fallback || issue.code;
  };
}

function RetryProblems() {
  const { state } = useFormState();
  const t = useTranslations("bulkTools.retry");
  const text = useProblemText();
  if (!state) return null;
  if (state.ok) return <Alert tone="success">{t("queued", { count: (state.data as { retried: number } | undefined)?.retried ?? 0 })}</Alert>;
  const fields = Object.entries(state.fields ?? {});
  if (fields.length === 0) return <Alert tone="error">{state.message}</Alert>;
  return (
    <Alert tone="error">
      <ul className="list-disc pl-5">
        {fields.map(([key, issue]) => (
          <li key={key}>{key.startsWith("row.") ? t("rowProblem", { row: key.slice(4), text: text(issue) }) : text(issue)}</li>
        ))}
      </ul>
    </Alert>
  );
}

/**
 * The rows a finished job did not issue, each with its reason and its values in inputs: the
 * issuer corrects what was wrong and tries the chosen rows again (rows already issued are never
 * sent again).
 */
export function RetryFailedRowsForm({ org, jobId, failures, fields, total }: { org: string; jobId: string; failures: BulkFailure[]; fields: BulkField[]; total: number }) {
  const t = useTranslations("bulk");
  const tRetry = useTranslations("bulkTools.retry");
  const text = useProblemText();
  const router = useRouter();
  return (
    <ActionForm action={retryFailedRowsAction} onSuccess={() => router.refresh()} className="space-y-4">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="jobId" value={jobId} />
      <p className="text-sm text-stone-700">{tRetry("body")}</p>
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{tRetry("caption")}</caption>
          <thead>
            <tr className="border-b border-stone-200 text-xs font-semibold uppercase tracking-wide text-stone-600">
              <th scope="col" className="py-2 pr-3">{tRetry("retryColumn")}</th>
              <th scope="col" className="py-2 pr-3">{tRetry("reason")}</th>
              {fields.map((field) => <th key={field} scope="col" className="py-2 pr-3">{t(`fields.${field}`)}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {failures.map((failure) => (
              <tr key={failure.rowNumber} data-testid="bulk-failure" className="align-top">
                <td className="py-2 pr-3">
                  <input type="checkbox" name={`retry.${failure.rowNumber}`} defaultChecked aria-label={tRetry("retryRow", { row: failure.rowNumber })} className="mt-1 h-4 w-4" />
                </td>
                <td className="min-w-48 py-2 pr-3">
                  <span className="font-medium text-stone-900">{t("job.failureRow", { row: failure.rowNumber, email: failure.email || "—" })}</span>{" "}
                  <span className="font-medium text-red-800">{text(failure.issue, failure.error ?? "")}</span>
                </td>
                {fields.map((field) => (
                  <td key={field} className="py-2 pr-3">
                    <input
                      name={`${field}.${failure.rowNumber}`}
                      defaultValue={failure.values[field] ?? ""}
                      aria-label={tRetry("fieldOfRow", { field: t(`fields.${field}`), row: failure.rowNumber })}
                      className={inputClasses}
                      type={field === "email" ? "email" : "text"}
                      autoComplete="off"
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > failures.length && <p className="text-sm text-stone-700">{t("job.moreFailures", { shown: failures.length, total })}</p>}
      <RetryProblems />
      <SubmitButton pendingLabel={tRetry("retrying")}>{tRetry("submit")}</SubmitButton>
    </ActionForm>
  );
}
