import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import type { ProgramProgress, ProgressBar } from "@/lib/programs/my-progress";

type Translate = Awaited<ReturnType<typeof getTranslations<"learnerHome.progress">>>;

function barText(t: Translate, bar: ProgressBar) {
  return bar.kind === "target"
    ? t("targetBar", { current: bar.current, target: bar.target, metric: bar.metricLabel ?? "", badge: bar.name })
    : t("pathwayBar", { current: bar.current, target: bar.target, badge: bar.name });
}

function Bar({ bar, t, id }: { bar: ProgressBar; t: Translate; id: string }) {
  const percent = Math.round((bar.current / bar.target) * 100);
  return (
    <li data-testid="progress-bar">
      <p id={id} className="text-sm text-stone-800">{barText(t, bar)}</p>
      <div
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={bar.target}
        aria-valuenow={bar.current}
        aria-valuetext={t("percent", { percent })}
        className="mt-1 h-2.5 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
    </li>
  );
}

/** The badge to aim for next and a bar for each one still ahead (or "all earned"). */
export async function ProgramBars({ program }: { program: ProgramProgress }) {
  const t = await getTranslations("learnerHome.progress");
  return program.suggested ? (
    <>
      <p className="mt-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900" data-testid="progress-next">
        {t("next", { badge: program.suggested.name, remaining: program.suggested.target - program.suggested.current })}
      </p>
      <ul className="mt-3 space-y-3">
        {program.bars.map((bar) => (
          <Bar key={bar.ruleId} bar={bar} t={t} id={`progress-${program.programId}-${bar.ruleId}`} />
        ))}
      </ul>
    </>
  ) : (
    <p className="mt-3 text-sm text-stone-700">{t("allEarned")}</p>
  );
}

/**
 * "In progress": for each engagement program the learner takes part in, a bar per target, level
 * and pathway still ahead, and the badge closest to done. `owner` is the backpack (with an empty
 * state that explains); the public profile passes only public programs and shows nothing when
 * there are none.
 */
export async function ProgressSection({ programs, owner = false }: { programs: ProgramProgress[]; owner?: boolean }) {
  const t = await getTranslations("learnerHome.progress");
  if (programs.length === 0) {
    if (!owner) return null;
    return (
      <section aria-labelledby="progress-heading" className="mt-8">
        <h2 id="progress-heading" className="sr-only">{t("heading")}</h2>
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      </section>
    );
  }
  return (
    <section aria-labelledby="progress-heading" className={owner ? "mt-8" : undefined} data-testid="progress-section">
      <h2 id="progress-heading" className={owner ? "text-lg font-semibold text-stone-900" : "text-xl font-semibold text-stone-900"}>{t("heading")}</h2>
      {owner && <p className="text-sm text-stone-700">{t("intro")}</p>}
      <ul className="mt-3 grid gap-4 md:grid-cols-2">
        {programs.map((program) => (
          <li key={program.programId} className="min-w-0 rounded-xl border border-stone-200 bg-white p-4 shadow-sm" data-testid="progress-program">
            <h3 className="font-semibold break-words text-stone-900">
              {program.visibility === "public" ? (
                <Link href={`/p/${program.programId}`} className="text-brand-800 underline underline-offset-2">{program.name}</Link>
              ) : (
                program.name
              )}
            </h3>
            <p className="text-sm break-words text-stone-700">
              {t("byOrganization", { org: program.organization.name })}
              {program.earned > 0 && <> · {t("earned", { count: program.earned })}</>}
            </p>
            <ProgramBars program={program} />
          </li>
        ))}
      </ul>
    </section>
  );
}
