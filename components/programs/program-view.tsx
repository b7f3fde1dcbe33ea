import { getTranslations } from "next-intl/server";
import { ProgramBars } from "@/components/backpack/progress-section";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { describeRule, metricLabel, type DescribeTranslator } from "@/lib/programs/describe";
import type { ProgramViewer } from "@/lib/programs/join";
import type { Leaderboard } from "@/lib/programs/leaderboard";
import type { ProgramProgress } from "@/lib/programs/my-progress";
import type { PublicProgram } from "@/lib/programs/public";
import { brandAccent } from "@/lib/public/brand";
import { LadderGrid } from "./ladder";
import { ProgramLeaderboard } from "./program-leaderboard";
import { ProgramShare } from "./program-share";

/**
 * /p/{id}: what a program awards and how, how many hold each badge, the way to join it and,
 * when the organization turned one on, its leaderboard. `viewer` is null on the cached page
 * (signed-out visitors); the page passes the Join button and the leaderboard switch of a
 * signed-in person as `join` and `optIn`, and an enrolled learner's own `progress`.
 */
export async function ProgramView({
  program,
  locale,
  viewer,
  leaderboard,
  joinedNow = false,
  join,
  optIn,
  progress = null,
}: {
  program: PublicProgram;
  locale: string;
  viewer: ProgramViewer | null;
  leaderboard: Leaderboard | null;
  joinedNow?: boolean;
  join?: React.ReactNode;
  optIn?: React.ReactNode;
  progress?: ProgramProgress | null;
}) {
  const [t, tPage, tDescribe] = await Promise.all([getTranslations("programs.public"), getTranslations("programPage"), getTranslations("programs.describe")]);
  const describe = tDescribe as unknown as DescribeTranslator;
  const labelOf = (key: string) => metricLabel(key, program.metrics, locale, describe);
  const accent = brandAccent(program.organization.primaryColor);
  const nothingToEarn = program.ladders.length === 0 && program.rules.length === 0;
  const enrolled = viewer?.signedIn === true && viewer.enrolled;
  const buttonClass = "mt-5 inline-flex items-center gap-2 rounded-lg px-6 py-3 text-base font-semibold shadow-sm transition hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2";
  const signUpToJoin = `/sign-up?callbackUrl=${encodeURIComponent(`/p/${program.id}/join`)}`;
  return (
    <article aria-labelledby="program-title" className="overflow-hidden panel">
      <div aria-hidden="true" className="h-2" style={{ backgroundColor: accent.background }} />
      <div className="space-y-8 p-4 sm:p-8">
        <header className="flex flex-wrap items-start gap-6">
          {program.image && (
            // eslint-disable-next-line @next/next/no-img-element -- a small data URL checked by the image intake
            <img src={program.image} alt="" width={128} height={128} className="h-32 w-32 rounded-xl object-contain" />
          )}
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2 text-sm text-stone-700">
              <OrgAvatar org={program.organization} size="sm" />
              <span className="min-w-0 break-words">{t("by", { organization: program.organization.name })}</span>
            </p>
            <h1 id="program-title" className="mt-2 text-3xl font-bold break-words text-stone-900">{program.name}</h1>
            {program.description && <p className="mt-3 whitespace-pre-line break-words text-stone-800">{program.description}</p>}
            {enrolled ? (
              <div role="status" data-testid="program-enrolled" className="mt-5 rounded-xl border border-brand-200 bg-brand-50 p-4">
                {joinedNow && <p className="font-semibold text-stone-900">{tPage("joinedNow", { program: program.name })}</p>}
                <p className="font-semibold text-stone-900">{tPage("joinedTitle")}</p>
                <p className="mt-1 text-sm text-stone-800">{tPage("joinedBody", { organization: program.organization.name })}</p>
                {progress && (
                  <div data-testid="program-my-progress">
                    <ProgramBars program={progress} />
                  </div>
                )}
              </div>
            ) : program.enrolUrl ? (
              <a href={program.enrolUrl} rel="noopener" className={buttonClass} style={{ backgroundColor: accent.background, color: accent.foreground }}>
                {t("enrol")}
              </a>
            ) : viewer?.signedIn ? (
              join
            ) : (
              <>
                <a href={signUpToJoin} className={buttonClass} style={{ backgroundColor: accent.background, color: accent.foreground }}>
                  {tPage("join")}
                </a>
                <p className="mt-2 text-sm text-stone-700">{tPage("joinHint")}</p>
              </>
            )}
          </div>
        </header>

        <section aria-labelledby="awards-title">
          <h2 id="awards-title" className="text-xl font-semibold text-stone-900">{t("awardsTitle")}</h2>
          {nothingToEarn && <p className="mt-2 text-stone-700">{t("awardsEmpty")}</p>}
          <LadderGrid
            ladders={program.ladders}
            words={{
              title: (metric) => t("ladderTitle", { metric: labelOf(metric) }),
              level: (n) => t("ladderLevel", { n }),
              threshold: (value, metric) => t("ladderThreshold", { value, metric: labelOf(metric) }),
              describe: (rung, metric) => describeRule({ kind: "target", metric, atLeast: rung.atLeast }, { metricLabel: labelOf(metric), achievementName: rung.achievementName }, describe),
              holders: (count) => tPage("holders", { count }),
              href: (achievementId) => `/b/${achievementId}`,
            }}
          />
          {program.rules.length > 0 && (
            <ul className="mt-4 grid gap-3 sm:grid-cols-2">
              {program.rules.map((rule) => (
                <li key={rule.id} className="flex items-center gap-4 rounded-xl border border-stone-200 p-4" data-testid="program-rule">
                  {rule.imageSrc && (
                    // eslint-disable-next-line @next/next/no-img-element -- versioned, immutably cached badge images
                    <img src={rule.imageSrc} alt="" width={56} height={56} className="h-14 w-14 shrink-0 object-contain" loading="lazy" />
                  )}
                  <span className="min-w-0 break-words">
                    <a href={`/b/${rule.achievementId}`} className="block font-semibold link">{rule.achievementName}</a>
                    <span className="block text-sm text-stone-800">
                      {describeRule(rule, { metricLabel: rule.metric ? labelOf(rule.metric) : undefined, achievementName: rule.achievementName, requiresNames: rule.requiresNames }, describe)}
                    </span>
                    <span className="block text-xs text-stone-600" data-testid="holders">{tPage("holders", { count: rule.holders })}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        {leaderboard && (
          <ProgramLeaderboard board={leaderboard} metricLabel={labelOf(leaderboard.metric)}>
            {enrolled && optIn}
          </ProgramLeaderboard>
        )}

        {program.visibility === "public" && (
          <ProgramShare url={`${env().BASE_URL}${publicPath("program", { id: program.id })}`} programName={program.name} organizationName={program.organization.name} />
        )}
      </div>
    </article>
  );
}
