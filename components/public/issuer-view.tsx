import { getTranslations } from "next-intl/server";
import { achievementTypeLabeller } from "@/lib/i18n/achievement-type";
import { EmptyState } from "@/components/ui/empty-state";
import type { IssuerPageData } from "@/lib/issuing/public-views";
import { brandAccent } from "@/lib/public/brand";

/** /o/{orgId}: the issuer and the achievements it awards. */
export async function IssuerView({ issuer }: { issuer: IssuerPageData }) {
  const [t, typeLabel] = await Promise.all([getTranslations("publicPages"), achievementTypeLabeller()]);
  const accent = brandAccent(issuer.primaryColor);
  return (
    <div className="space-y-10">
      <header className="overflow-hidden panel">
        <div aria-hidden="true" className="h-2" style={{ backgroundColor: accent.background }} />
        <div className="flex flex-col gap-5 p-5 sm:flex-row sm:items-center sm:p-8">
          {issuer.logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- data URL, nothing to optimise
            <img src={issuer.logo} alt={t("issuer.logoAlt", { name: issuer.name })} className="h-20 w-20 shrink-0 rounded-lg object-contain" />
          ) : (
            <span aria-hidden="true" className="flex h-20 w-20 shrink-0 items-center justify-center rounded-lg text-3xl font-bold" style={{ backgroundColor: accent.background, color: accent.foreground }}>
              {issuer.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <div className="min-w-0">
            <h1 className="text-2xl font-bold break-words text-stone-900 sm:text-3xl">{issuer.name}</h1>
            {issuer.website && (
              <p className="mt-1 text-sm">
                <span className="sr-only">{t("issuer.website")}: </span>
                <a href={issuer.website} rel="noopener" className="break-all link">{issuer.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}</a>
              </p>
            )}
            {issuer.description && <p className="mt-3 whitespace-pre-line text-stone-800">{issuer.description}</p>}
          </div>
        </div>
      </header>

      {issuer.programs.length > 0 && (
        <section aria-labelledby="programs-title" data-testid="issuer-programs">
          <h2 id="programs-title" className="text-xl font-semibold text-stone-900">{t("issuer.programs")}</h2>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2">
            {issuer.programs.map((program) => (
              <li key={program.id} className="min-w-0 tile p-5">
                <h3 className="font-semibold break-words text-stone-900">{program.name}</h3>
                {program.description && <p className="mt-1 line-clamp-3 text-sm break-words text-stone-700">{program.description}</p>}
                <a href={`/p/${program.id}`} className="mt-3 inline-block text-sm font-semibold link">
                  {t("issuer.programLink", { program: program.name })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="achievements-title">
        <h2 id="achievements-title" className="text-xl font-semibold text-stone-900">{t("issuer.achievements")}</h2>
        {issuer.achievements.length === 0 ? (
          <div className="mt-4"><EmptyState title={t("issuer.emptyTitle")} description={t("issuer.emptyBody")} /></div>
        ) : (
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {issuer.achievements.map((achievement) => (
              <li key={achievement.id} className="flex min-w-0 gap-4 tile p-5">
                {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutable badge image */}
                <img src={achievement.imageSrc} alt="" width={72} height={72} loading="lazy" className="h-18 w-18 shrink-0 object-contain" />
                <div className="min-w-0">
                  <a href={`/b/${achievement.id}`} className="font-semibold break-words link">{achievement.name}</a>
                  <p className="mt-0.5 text-xs font-medium uppercase tracking-wide text-stone-700">{typeLabel(achievement.achievementType)}</p>
                  <p className="mt-1 line-clamp-3 text-sm text-stone-700">{achievement.description}</p>
                  <p className="mt-2 text-sm font-medium text-stone-800">{t("issuer.holders", { count: achievement.holders })}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
