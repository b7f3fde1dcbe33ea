import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { CheckList, useInputErrorExplainer } from "./check-list";
import type { PresentedVerification } from "@/lib/verifier/present";

const TONES = { valid: "success", invalid: "error", indeterminate: "warning", unreadable: "error" } as const;

type Json = Record<string, unknown>;
const nameOf = (value: unknown): string | undefined => {
  if (typeof value === "string") return undefined;
  const name = (value as Json | undefined)?.name;
  return typeof name === "string" ? name : undefined;
};

/** What the credential says it is, for the person reading the verdict. */
function describe(credential: Json | undefined) {
  if (!credential) return {};
  const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as Json | undefined;
  return {
    badge: nameOf(subject?.achievement) ?? nameOf(credential.badge) ?? (typeof credential.name === "string" ? credential.name : undefined),
    issuer: nameOf(credential.issuer),
    recipient: typeof subject?.name === "string" ? subject.name : undefined,
  };
}

/**
 * A verification, as a person reads it: the verdict (valid, invalid, couldn't be checked,
 * unreadable) in their language, then each check with what it means, the verifier's exact
 * words (English) behind a disclosure, and every document fetched from where.
 */
export function VerificationReport({ answer, actions }: { answer: PresentedVerification; actions?: React.ReactNode }) {
  const t = useTranslations("verifier");
  const what = describe(answer.credential as Json | undefined);
  const explainError = useInputErrorExplainer();
  const errorText = answer.error ? explainError(answer.error.code) : null;
  return (
    <section aria-label={t(`verdict.${answer.verdict}.title`)} data-testid="verification-report" data-verdict={answer.verdict} className="space-y-5 rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
      <Alert tone={TONES[answer.verdict]} title={t(`verdict.${answer.verdict}.title`)}>
        <p>{t(`verdict.${answer.verdict}.body`)}</p>
        {errorText && <p className="mt-1 font-medium" data-testid="verification-error">{errorText}</p>}
      </Alert>

      {(what.badge || what.issuer || what.recipient) && (
        <ul className="space-y-0.5 text-sm text-stone-800">
          {what.badge && <li className="font-semibold text-stone-900 break-words">{t("badgeName", { name: what.badge })}</li>}
          {what.issuer && <li className="break-words">{t("issuerName", { name: what.issuer })}</li>}
          {what.recipient && <li className="break-words">{t("recipientName", { name: what.recipient })}</li>}
        </ul>
      )}

      {answer.checks.length > 0 && (
        <div>
          <h2 className="text-base font-semibold text-stone-900">{t("checksTitle")}</h2>
          <p className="text-sm text-stone-700">{t("formatLabel", { format: t.has(`formats.${answer.format}`) ? t(`formats.${answer.format}`) : answer.format })}</p>
          <div className="mt-2">
            <CheckList checks={answer.checks} />
          </div>
        </div>
      )}
      {answer.error && (
        <details>
          <summary className="cursor-pointer text-xs font-medium text-stone-700 underline">{t("details")}</summary>
          <p className="mt-1 text-xs wrap-anywhere text-stone-700" lang="en">{answer.error.message}</p>
        </details>
      )}

      <div>
        <h2 className="text-base font-semibold text-stone-900">{t("fetchedTitle")}</h2>
        {answer.fetched.length === 0 ? (
          <p className="text-sm text-stone-700">{t("fetchedNone")}</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm" data-testid="verification-fetched">
            {answer.fetched.map((fetch, index) => (
              <li key={`${fetch.url}-${index}`} className="flex flex-wrap gap-x-2">
                <span className={fetch.ok ? "text-brand-800" : "text-red-800"}>{fetch.ok ? t("fetchedOk") : t("fetchedFailed")}</span>
                <code className="min-w-0 font-mono text-xs wrap-anywhere text-stone-800">{fetch.url}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
      {actions}
    </section>
  );
}
