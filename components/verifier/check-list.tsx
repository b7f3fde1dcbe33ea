import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { Check } from "@/lib/ob/verify/result";
import { checkKey, inputErrorKey } from "@/lib/verifier/message-keys";

/** A check as it reaches a page: live from the verifier, or as stored with an import. */
export type ListedCheck = Pick<Check, "check" | "state" | "code" | "message" | "detail" | "warnings">;

const STATE_STYLES = {
  passed: { mark: "✓", badge: "bg-brand-50 text-brand-800" },
  failed: { mark: "✗", badge: "bg-red-50 text-red-800" },
  unknown: { mark: "?", badge: "bg-amber-50 text-amber-900" },
} as const;

/**
 * What a check found, in the reader's language: the sentence for its code, or, for a code this
 * version does not know (a report stored by another), what its state means.
 */
export function useCheckExplainer() {
  const t = useTranslations("verifier");
  return (check: Pick<ListedCheck, "check" | "state" | "code">) => t(checkKey(check, (key) => t.has(key)));
}

/** Why an input could not be read (or fetched), in the reader's language. */
export function useInputErrorExplainer() {
  const t = useTranslations("verifier.errors");
  return (code: string) => t(inputErrorKey(code, (key) => t.has(key)));
}

/**
 * The five checks (signature, format, dates, status, issuer), each passed, failed or not
 * checkable, with what it means in the reader's language, any warning, and the verifier's
 * exact words (English, identifiers whole) behind a disclosure.
 */
export function CheckList({ checks }: { checks: ListedCheck[] }) {
  const t = useTranslations("verifier");
  const explain = useCheckExplainer();
  return (
    <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200" data-testid="verification-checks">
      {checks.map((check) => {
        const style = STATE_STYLES[check.state] ?? STATE_STYLES.failed;
        const name = t.has(`checkNames.${check.check}`) ? t(`checkNames.${check.check}`) : check.check;
        const technical = check.detail ?? check.message;
        return (
          <li key={check.check} data-testid="verification-check" data-check={check.check} data-state={check.state} className="flex items-start gap-3 px-4 py-3 text-sm">
            <span aria-hidden="true" className={cn("mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold", style.badge)}>
              {style.mark}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-semibold text-stone-900">
                {name}: <span className={cn("rounded px-1.5 py-0.5 text-xs", style.badge)}>{t(`states.${check.state}`)}</span>
              </p>
              <p className="mt-0.5 text-stone-800">{explain(check)}</p>
              {check.warnings?.map((warning) => (
                <p key={warning.code} className="mt-1 text-amber-900" data-testid="verification-warning">
                  {t.has(`warnings.${warning.code}`) ? t(`warnings.${warning.code}`) : t("warnings.other")}
                </p>
              ))}
              {technical && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs font-medium text-stone-700 underline">{t("details")}</summary>
                  <p className="mt-1 text-xs wrap-anywhere text-stone-700" lang="en">
                    {technical}
                  </p>
                </details>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
