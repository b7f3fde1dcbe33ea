import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { CheckList, useInputErrorExplainer } from "@/components/verifier/check-list";
import type { EntryDetail } from "@/lib/backpack/entry-detail";

const TONES = { valid: "success", invalid: "error", indeterminate: "warning", unreadable: "error" } as const;

/**
 * The verification result, check by check (signature, format, dates, status, issuer), each
 * passed, failed or not checkable. `recheck` is the "Check again" control of an import.
 */
export function VerificationChecks({ verification, recheck }: { verification: EntryDetail["verification"]; recheck?: React.ReactNode }) {
  const t = useTranslations("backpack.detail");
  const explainError = useInputErrorExplainer();
  if (!verification) return <p className="text-sm text-stone-700">{t("verificationMissing")}</p>;
  return (
    <div className="space-y-3">
      <Alert
        tone={TONES[verification.verdict]}
        title={verification.verdict === "valid" ? t("verificationValid") : verification.verdict === "indeterminate" ? t("verificationIndeterminate") : t("verificationInvalid")}
      >
        {verification.verdict === "indeterminate" && <p>{t("verificationIndeterminateBody")}</p>}
        {verification.checkedAt === "now" ? t("verifiedNow") : t("verifiedAtImport")}
        {verification.error && <p className="mt-1 wrap-anywhere">{explainError(verification.error.code)}</p>}
        {recheck && <div className="mt-3">{recheck}</div>}
      </Alert>
      {verification.checks.length > 0 && <CheckList checks={verification.checks} />}
    </div>
  );
}
