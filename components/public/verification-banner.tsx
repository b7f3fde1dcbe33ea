import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { CredentialVerification } from "@/lib/public/credential-page";
import { CheckIcon, CrossIcon, ShieldIcon, WarningIcon } from "./icons";

const TONE = {
  verified: "border-brand-200 bg-brand-50 text-brand-900",
  not_yet_valid: "border-amber-300 bg-amber-50 text-amber-900",
  expired: "border-amber-300 bg-amber-50 text-amber-900",
  revoked: "border-red-300 bg-red-50 text-red-900",
  unverified: "border-red-300 bg-red-50 text-red-900",
} as const;

/** The verdict on a credential, with every check the verifier ran and what it found. */
export async function VerificationBanner({ verification }: { verification: CredentialVerification }) {
  const [t, tState, format] = await Promise.all([getTranslations("publicPages"), getTranslations("publicCredential.state"), getFormatter()]);
  const { verdict, checks } = verification;
  // The long-standing wording for the four states; a failed check has its own.
  const title = verdict === "unverified" ? t("verdict.unverified.title") : tState(`${verdict === "verified" ? "valid" : verdict}.title`);
  const body = verdict === "unverified" ? t("verdict.unverified.body") : tState(`${verdict === "verified" ? "valid" : verdict}.body`);
  return (
    <section aria-labelledby="verification-title" className={cn("rounded-2xl border p-5 sm:p-6", TONE[verdict])} data-testid="verification" data-verdict={verdict}>
      <div className="flex items-start gap-3">
        <span className="mt-0.5 shrink-0">{verdict === "verified" ? <ShieldIcon /> : <WarningIcon />}</span>
        <div className="min-w-0 flex-1">
          <h2 id="verification-title" className="text-xl font-bold">{title}</h2>
          <p className="mt-1">{body}</p>
        </div>
      </div>
      {checks.length > 0 && (
        <div className="mt-4 rounded-xl bg-white/80 p-4 text-stone-900">
          <h3 className="text-sm font-semibold text-stone-900">{t("checks.heading")}</h3>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2" data-testid="verification-checks">
            {checks.map((check) => (
              <li key={check.check} className="flex items-start gap-2 text-sm" data-check={check.check} data-ok={check.ok}>
                <span className={cn("mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full", check.ok ? "bg-brand-700 text-white" : "bg-red-700 text-white")}>
                  {check.ok ? <CheckIcon className="h-3.5 w-3.5" /> : <CrossIcon className="h-3.5 w-3.5" />}
                </span>
                <span>
                  <span className="font-semibold">{t(`checks.name.${check.check}`)}</span>
                  <span className="sr-only">: {check.ok ? t("checks.passed") : t("checks.failed")}</span>
                  <span className="block text-stone-700">{check.ok ? t(`checks.ok.${check.check}`) : t(`checks.notOk.${check.check}`)}</span>
                  {/* When nothing else explains the failure, the verifier's own words (in English). */}
                  {!check.ok && verdict === "unverified" && <span className="mt-0.5 block text-xs text-stone-700" lang="en">{check.message}</span>}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-stone-700">
            {t("checks.checkedAt", { date: format.dateTime(verification.checkedAt, { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
        </div>
      )}
    </section>
  );
}
