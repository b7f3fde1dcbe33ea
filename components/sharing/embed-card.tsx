import { useFormatter, useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { CredentialState } from "@/lib/issuing/public-views";

const STATE_STYLES: Record<CredentialState, string> = {
  valid: "border-brand-200 bg-brand-50 text-brand-900",
  revoked: "border-red-300 bg-red-50 text-red-900",
  expired: "border-amber-300 bg-amber-50 text-amber-900",
  not_yet_valid: "border-amber-300 bg-amber-50 text-amber-900",
};

export type EmbedCardProps = {
  achievementName: string;
  recipientName: string | null;
  issuerName: string;
  primaryColor: string;
  imageSrc: string;
  validFrom: Date;
  state: CredentialState;
  /** Revoked or expired on this date. */
  stateDate?: Date | null;
  verifyPath: string;
};

/** One credential as a compact card for other sites: who earned what from whom, and its state. */
export function EmbedCard(props: EmbedCardProps) {
  const t = useTranslations("sharing.embed");
  const format = useFormatter();
  const faded = props.state === "revoked" || props.state === "expired";
  const stateLabel =
    faded && props.stateDate
      ? t(props.state === "revoked" ? "revokedOn" : "expiredOn", { date: format.dateTime(props.stateDate, { dateStyle: "medium" }) })
      : t(`state.${props.state}`);
  return (
    // Names are clamped (two lines, one for the people) so the card never outgrows the plain
    // iframe's default height (EMBED_SIZE); in a taller frame it stretches, its actions at the foot.
    <article className="flex flex-1 flex-col rounded-xl border border-stone-200 border-t-4 bg-white p-4 shadow-sm" style={{ borderTopColor: props.primaryColor }}>
      <div className="flex items-start gap-4">
        {/* eslint-disable-next-line @next/next/no-img-element -- versioned badge image */}
        <img
          src={props.imageSrc}
          alt={t("badgeAlt", { name: props.achievementName })}
          width={80}
          height={80}
          className={cn("h-16 w-16 shrink-0 sm:h-20 sm:w-20", faded && "opacity-60 grayscale")}
          data-faded={faded ? "true" : undefined}
        />
        <div className="min-w-0">
          <h1 className="line-clamp-2 text-base font-bold leading-snug break-words text-stone-900">{props.achievementName}</h1>
          {props.recipientName && <p className="mt-1 line-clamp-1 text-sm break-all text-stone-800">{t("awardedTo", { name: props.recipientName })}</p>}
          <p className="mt-1 line-clamp-1 text-sm break-all text-stone-700">{t("issuedBy", { issuer: props.issuerName })}</p>
          <p className="text-sm text-stone-700">{t("issuedOn", { date: format.dateTime(props.validFrom, { dateStyle: "medium" }) })}</p>
        </div>
      </div>
      <div className="mt-auto flex flex-wrap items-center justify-between gap-3 pt-4">
        <p className={cn("inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm font-semibold", STATE_STYLES[props.state])} data-testid="embed-state">
          <span aria-hidden="true">{props.state === "valid" ? "✓" : "!"}</span>
          {stateLabel}
        </p>
        <a href={props.verifyPath} target="_blank" rel="noopener" aria-label={t("verifyLabel", { name: props.achievementName })} className={buttonClasses("primary")}>
          {t("verify")}
        </a>
      </div>
      <p className="mt-3 text-xs text-stone-600">{t("by")}</p>
    </article>
  );
}
