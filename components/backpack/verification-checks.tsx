import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import type { EntryDetail } from "@/lib/backpack/entry-detail";

const CHECK_NAMES = ["proof", "schema", "dates", "status", "issuer"] as const;

const TONES = { valid: "success", invalid: "error", indeterminate: "warning", unreadable: "error" } as const;
const STATE_MARKS = { passed: ["✓", "text-brand-700", "text-brand-800"], failed: ["✗", "text-red-700", "text-red-800"], unknown: ["?", "text-amber-800", "text-amber-900"] } as const;

/**
 * The verification result, check by check (signature, format, dates, status, issuer), each
 * passed, failed or not checkable. `recheck` is the "Check again" control of an import.
 */
export function VerificationChecks({ verification, recheck }: { verification: EntryDetail["verification"]; recheck?: React.ReactNode }) {
  const t = useTranslations("backpack.detail");
  const explain = useTranslations("publicPages.checks");
  const tVerifier = useTranslations("verifier");
  if (!verification) return <p className="text-sm text-stone-700">{t("verificationMissing")}</p>;
  return (
    <div className="space-y-3">
      <Alert
        tone={TONES[verification.verdict]}
        title={verification.verdict === "valid" ? t("verificationValid") : verification.verdict === "indeterminate" ? t("verificationIndeterminate") : t("verificationInvalid")}
      >
        {verification.verdict === "indeterminate" && <p>{t("verificationIndeterminateBody")}</p>}
        {verification.checkedAt === "now" ? t("verifiedNow") : t("verifiedAtImport")}
        {verification.error && <p className="mt-1 wrap-anywhere">{verification.error}</p>}
        {recheck && <div className="mt-3">{recheck}</div>}
      </Alert>
      {verification.checks.length > 0 && (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200" data-testid="verification-checks">
          {verification.checks.map((check) => (
            <li key={check.check} data-testid="verification-check" className="flex items-start gap-3 px-4 py-3 text-sm">
              <span aria-hidden="true" className={`mt-0.5 font-bold ${STATE_MARKS[check.state][1]}`}>
                {STATE_MARKS[check.state][0]}
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-semibold text-stone-900">
                  {CHECK_NAMES.includes(check.check) ? t(`checks.${check.check}`) : check.check}
                  {": "}
                  <span className={STATE_MARKS[check.state][2]}>{check.state === "passed" ? t("checkPassed") : check.state === "unknown" ? t("checkUnknown") : t("checkFailed")}</span>
                </p>
                {tVerifier.has(`codes.${check.check}.${check.code}`) ? (
                  <p className="mt-0.5 text-stone-700">{tVerifier(`codes.${check.check}.${check.code}`)}</p>
                ) : (
                  CHECK_NAMES.includes(check.check) &&
                  check.state !== "unknown" && <p className="mt-0.5 text-stone-700">{check.ok ? explain(`ok.${check.check}`) : explain(`notOk.${check.check}`)}</p>
                )}
                {/* A failure also gets the verifier's own words, which name the exact cause (in English). */}
                {!check.ok && check.message && <p className="mt-0.5 text-xs wrap-anywhere text-stone-700" lang="en">{check.message}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
