import { getTranslations } from "next-intl/server";
import { achievementTypeLabeller } from "@/lib/i18n/achievement-type";
import { credentialKind, kindKey } from "@/lib/issuing/credential-kind";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { criteriaHtml } from "@/lib/design/criteria-markdown";
import { brandAccent } from "@/lib/public/brand";
import type { AchievementPage } from "@/lib/public/loaders";
import { EarnCallToAction } from "./earn-call-to-action";
import { SkillsAndAlignments } from "./skills";

/**
 * /b/{achievementId}: what the badge is, how to earn it, who issues it and how many hold it. Its
 * call to action follows the same order as a credential's (program, how-to-earn link, issuer).
 */
export async function AchievementView({ achievement }: { achievement: AchievementPage }) {
  const [t, typeLabel] = await Promise.all([getTranslations("publicPages"), achievementTypeLabeller()]);
  const kind = credentialKind(achievement.achievementType);
  const { organization } = achievement;
  const accent = brandAccent(organization.primaryColor);
  const archived = achievement.archivedAt !== null;
  return (
    <article aria-labelledby="achievement-title" className="overflow-hidden panel">
      <div aria-hidden="true" className="h-2" style={{ backgroundColor: accent.background }} />
      <div className="grid gap-6 p-5 sm:gap-8 sm:p-8 md:grid-cols-[12rem_1fr]">
        {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutable badge image */}
        <img
          src={achievement.imageSrc}
          alt={t(kindKey("achievement.imageAlt", kind), { name: achievement.name })}
          width={192}
          height={192}
          className="h-32 w-32 justify-self-center object-contain sm:h-48 sm:w-48"
        />
        <div className="min-w-0">
          <p className="text-sm font-semibold uppercase tracking-wide text-stone-700">{typeLabel(achievement.achievementType)}</p>
          <h1 id="achievement-title" className="mt-1 text-2xl font-bold sm:text-3xl break-words text-stone-900">{achievement.name}</h1>
          <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-stone-800">
            <span className="flex min-w-0 flex-wrap items-center gap-2">
              <span className="text-stone-700">{t("achievement.issuedBy")}</span>
              <OrgAvatar org={organization} size="sm" />
              <a href={`/o/${organization.id}`} className="font-semibold break-words link">{organization.name}</a>
            </span>
            <span data-testid="holders" className="font-medium">{t("achievement.holders", { count: achievement.holders })}</span>
          </div>
          <p className="mt-4 whitespace-pre-line break-words text-stone-800">{achievement.description}</p>
          {archived ? (
            <p className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">{t(kindKey("achievement.archived", kind), { issuer: organization.name })}</p>
          ) : (
            // Straight to the destination: the counted clicks are those from shared credentials.
            <div className="mt-6">
              <EarnCallToAction href={achievement.earn.href} destination={achievement.earn} issuer={organization.name} accent={accent} kind={kind} />
            </div>
          )}

          {(achievement.criteriaNarrative || achievement.criteriaUrl) && (
            <section aria-labelledby="how-title" className="mt-8 rounded-xl border border-stone-200 bg-stone-50 p-5">
              <h2 id="how-title" className="text-lg font-semibold text-stone-900">{t("achievement.howToEarn")}</h2>
              {achievement.criteriaNarrative && (
                // Sanitised Markdown (criteriaHtml allows only simple formatting and links).
                <div className="prose-criteria mt-2 space-y-2 break-words text-stone-800" dangerouslySetInnerHTML={{ __html: criteriaHtml(achievement.criteriaNarrative) }} />
              )}
              {achievement.criteriaUrl && (
                <a href={achievement.criteriaUrl} rel="nofollow noopener" className="mt-2 inline-block link">{t("achievement.criteriaLink")}</a>
              )}
            </section>
          )}

          <SkillsAndAlignments
            skills={achievement.tags}
            alignments={achievement.alignments}
            titles={{ skills: t("achievement.skills"), alignments: t("achievement.alignments") }}
            codeLabel={(code) => t("credential.alignmentCode", { code })}
          />
        </div>
      </div>
    </article>
  );
}
