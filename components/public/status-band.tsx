import { getFormatter, getTranslations } from "next-intl/server";
import { formatStoredDate } from "@/lib/dates";
import type { CredentialPageData } from "@/lib/issuing/public-views";
import { ClockIcon, WarningIcon } from "./icons";

type Props = { credential: Pick<CredentialPageData, "state" | "revokedAt" | "validFrom" | "validUntil"> };

/** A credential that does not hold today says so first, with the date: revoked on, expired on, valid from. */
export async function StatusBand({ credential }: Props) {
  if (credential.state === "valid") return null;
  const [t, tState, format] = await Promise.all([getTranslations("publicPages.status"), getTranslations("publicCredential.state"), getFormatter()]);
  const date = (value: Date | null) => formatStoredDate(value, (readable) => format.dateTime(readable, { dateStyle: "long" }));
  const band = {
    revoked: { title: t("revoked", { date: date(credential.revokedAt) }), body: `${tState("revoked.body")} ${t("recordNote")}`, tone: "border-red-300 bg-red-50 text-red-900" },
    expired: { title: t("expired", { date: date(credential.validUntil) }), body: `${tState("expired.body")} ${t("recordNote")}`, tone: "border-amber-300 bg-amber-50 text-amber-900" },
    not_yet_valid: { title: t("notYetValid", { date: date(credential.validFrom) }), body: tState("not_yet_valid.body"), tone: "border-amber-300 bg-amber-50 text-amber-900" },
  }[credential.state];
  return (
    <section aria-labelledby="status-title" className={`flex items-start gap-3 rounded-2xl border px-4 py-3 sm:px-5 ${band.tone}`} data-testid="status-band" data-state={credential.state}>
      <span className="mt-0.5 shrink-0">{credential.state === "revoked" ? <WarningIcon className="h-6 w-6" /> : <ClockIcon className="h-6 w-6" />}</span>
      <div className="min-w-0">
        <h2 id="status-title" className="text-lg font-bold">{band.title}</h2>
        <p className="mt-0.5 text-sm">{band.body}</p>
      </div>
    </section>
  );
}
