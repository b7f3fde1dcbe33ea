import Link from "next/link";
import { useTranslations } from "next-intl";
import { BadgeImage } from "@/components/backpack/badge-image";
import type { ShareTargets } from "@/lib/sharing/share-targets";
import { SharePanel } from "./share-panel";

/**
 * The moment after claiming: the badge, "it's yours", and the share panel first (LinkedIn, copy
 * link, the phone's share sheet), while the learner is most likely to share. A private credential
 * has nothing to share, so it says where to change that instead.
 */
export function ClaimCelebration({
  name,
  imageSrc,
  issuer,
  share,
  entryId,
}: {
  name: string;
  imageSrc: string | null;
  issuer: string | null;
  share: ShareTargets | null;
  entryId: string;
}) {
  const t = useTranslations("learnerHome.celebrate");
  return (
    <section aria-labelledby="celebration-heading" className="space-y-5 rounded-2xl border border-brand-200 bg-brand-50 p-5 sm:p-8" data-testid="celebration">
      <div className="flex flex-col items-center gap-5 text-center sm:flex-row sm:text-left">
        <BadgeImage src={imageSrc} alt={t("badgeAlt", { name })} size={128} />
        <div className="min-w-0">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-800">{t("eyebrow")}</p>
          <h1 id="celebration-heading" className="mt-1 text-3xl font-bold break-words text-stone-900">{name}</h1>
          <p className="mt-2 text-stone-800">{issuer ? t("bodyFrom", { issuer }) : t("body")}</p>
        </div>
      </div>
      {share ? (
        <SharePanel targets={share} withEmbed={false} />
      ) : (
        <p className="text-sm text-stone-800">{t("privateBody")}</p>
      )}
      <p className="text-sm">
        <Link href="/backpack" className="font-semibold text-brand-800 underline">{t("toBackpack")}</Link>
        <span className="text-stone-700"> · </span>
        <a href={`#entry-${entryId}`} className="font-semibold text-brand-800 underline">{t("details")}</a>
      </p>
    </section>
  );
}
