import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { checkKey } from "@/lib/verifier/message-keys";
import type { CredentialVerification } from "@/lib/public/credential-page";
import { CheckIcon, ChevronIcon, CrossIcon, ShieldIcon, WarningIcon } from "./icons";

const TONE = {
  verified: "border-brand-200 bg-brand-50 text-brand-900",
  not_yet_valid: "border-amber-300 bg-amber-50 text-amber-900",
  expired: "border-amber-300 bg-amber-50 text-amber-900",
  revoked: "border-red-300 bg-red-50 text-red-900",
  unverified: "border-red-300 bg-red-50 text-red-900",
} as const;

/**
 * The verdict on a credential as one line ("Verified ✓") that opens onto every check the
 * verifier ran and what it found. A native <details>: rendered on the server, readable without
 * script, announced as a disclosure. Closed even when a check failed: the line says so in red,
 * and the badge and the call to action stay first on a phone.
 */
export async function VerificationBanner({ verification }: { verification: CredentialVerification }) {
  const [t, tState, tVerifier, format] = await Promise.all([getTranslations("publicPages"), getTranslations("publicCredential.state"), getTranslations("verifier"), getFormatter()]);
  // A failed check in the verifier's sentence for its code, where there is one.
  const failure = (check: CredentialVerification["checks"][number]) => {
    const key = checkKey(check, (candidate) => tVerifier.has(candidate));
    return key.startsWith("codes.") ? tVerifier(key) : t(`checks.notOk.${check.check}`);
  };
  const { verdict, checks } = verification;
  // The long-standing wording for the four states; a failed check has its own.
  const title = verdict === "unverified" ? t("verdict.unverified.title") : tState(`${verdict === "verified" ? "valid" : verdict}.title`);
  // Revoked, expired and not yet valid are explained by the band above the page (StatusBand).
  const body = verdict === "unverified" ? t("verdict.unverified.body") : verdict === "verified" ? tState("valid.body") : null;
  return (
    <details className={cn("group rounded-xl border text-sm", TONE[verdict])} data-testid="verification" data-verdict={verdict}>
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-xl px-3 py-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 [&::-webkit-details-marker]:hidden">
        <span className="shrink-0">{verdict === "verified" ? <ShieldIcon className="h-5 w-5" /> : <WarningIcon className="h-5 w-5" />}</span>
        <span className="min-w-0 font-semibold" data-testid="verification-title">
          {title}
          {verdict === "verified" && <span aria-hidden="true"> ✓</span>}
        </span>
        <span className="ml-auto flex shrink-0 items-center gap-1 text-xs">
          <span className="hidden underline underline-offset-2 sm:inline">{t("status.showChecks")}</span>
          <ChevronIcon className="h-4 w-4 transition group-open:rotate-180" />
        </span>
      </summary>
      <div className="border-t border-current/20 px-3 pt-2 pb-3">
        {body && <p>{body}</p>}
        {checks.length > 0 && (
          <div className="mt-3 rounded-lg bg-white/80 p-3 text-stone-900">
            <h2 className="text-sm font-semibold text-stone-900">{t("checks.heading")}</h2>
            <ul className="mt-2 grid grid-cols-1 gap-2" data-testid="verification-checks">
              {checks.map((check) => (
                <li key={check.check} className="flex min-w-0 items-start gap-2 text-sm" data-check={check.check} data-ok={check.ok}>
                  <span className={cn("check-mark", check.ok ? "bg-brand-700" : "bg-red-700")}>
                    {check.ok ? <CheckIcon className="h-3.5 w-3.5" /> : <CrossIcon className="h-3.5 w-3.5" />}
                  </span>
                  <span className="min-w-0">
                    <span className="font-semibold">{t(`checks.name.${check.check}`)}</span>
                    <span className="sr-only">: {check.ok ? t("checks.passed") : t("checks.failed")}</span>
                    <span className="block text-stone-700">{check.ok ? t(`checks.ok.${check.check}`) : failure(check)}</span>
                    {/* When nothing else explains the failure, the verifier's own words (in English). */}
                    {!check.ok && verdict === "unverified" && <span className="mt-0.5 block text-xs text-stone-700 [overflow-wrap:anywhere]" lang="en">{check.message}</span>}
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-3 text-xs text-stone-700">
              {t("checks.checkedAt", { date: format.dateTime(verification.checkedAt, { dateStyle: "medium", timeStyle: "short" }) })}
            </p>
          </div>
        )}
      </div>
    </details>
  );
}
