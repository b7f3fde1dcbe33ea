/**
 * A ladder of levels on one metric, drawn as a ladder: the lowest rung at the bottom. For
 * assistive technology it is an ordered list read lowest level first, each rung in words.
 */
export type LadderRungView = {
  id: string;
  level: string;
  threshold: string;
  name: string;
  imageSrc?: string;
  /** Where the badge's page is (the public program page links each badge). */
  href?: string;
  /** What to do for it, in plain words, and how many hold it (the public program page). */
  description?: string;
  holders?: string;
};

export function Ladder({ title, rungs, headingLevel = 3 }: { title: string; rungs: LadderRungView[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <figure className="rounded-xl border border-stone-200 bg-stone-50 p-4" data-testid="ladder">
      <Heading className="text-base font-semibold text-stone-900">{title}</Heading>
      {/* DOM order is lowest first (what a screen reader reads); flex-col-reverse puts it at the bottom. */}
      <ol className="relative mt-4 flex flex-col-reverse gap-3 border-x-4 border-stone-400 px-3 py-2">
        {rungs.map((rung) => (
          <li key={rung.id} className="flex items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 shadow-sm" data-testid="ladder-rung">
            {rung.imageSrc ? (
              // eslint-disable-next-line @next/next/no-img-element -- versioned, immutably cached badge images
              <img src={rung.imageSrc} alt="" width={40} height={40} className="h-10 w-10 shrink-0 object-contain" loading="lazy" />
            ) : null}
            <span className="min-w-0 break-words text-sm">
              <span className="block text-xs font-semibold uppercase tracking-wide text-stone-600">{rung.level}</span>
              {rung.href ? (
                <a href={rung.href} className="block font-semibold link">{rung.name}</a>
              ) : (
                <span className="block font-semibold text-stone-900">{rung.name}</span>
              )}
              <span className="block text-stone-700">{rung.description ?? rung.threshold}</span>
              {rung.holders && <span className="block text-xs text-stone-600" data-testid="holders">{rung.holders}</span>}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** A program's ladders side by side; `words` puts each ladder and rung in the page's language. */
export function LadderGrid({
  ladders,
  words,
  className = "mt-4",
}: {
  ladders: Array<{ metric: string; rungs: Array<{ ruleId: string; achievementId?: string; achievementName: string; atLeast: number; imageSrc?: string; holders?: number }> }>;
  words: {
    title: (metric: string) => string;
    level: (n: number) => string;
    threshold: (value: number, metric: string) => string;
    /** Set on the public page: each rung's rule in a sentence, its holders and its badge's page. */
    describe?: (rung: { achievementName: string; atLeast: number }, metric: string) => string;
    holders?: (count: number) => string;
    href?: (achievementId: string) => string;
  };
  className?: string;
}) {
  if (ladders.length === 0) return null;
  return (
    <div className={`${className} grid gap-4 md:grid-cols-2`}>
      {ladders.map((ladder) => (
        <Ladder
          key={ladder.metric}
          title={words.title(ladder.metric)}
          rungs={ladder.rungs.map((rung, i) => ({
            id: rung.ruleId,
            level: words.level(i + 1),
            name: rung.achievementName,
            threshold: words.threshold(rung.atLeast, ladder.metric),
            imageSrc: rung.imageSrc,
            description: words.describe?.(rung, ladder.metric),
            holders: words.holders && rung.holders !== undefined ? words.holders(rung.holders) : undefined,
            href: words.href && rung.achievementId ? words.href(rung.achievementId) : undefined,
          }))}
        />
      ))}
    </div>
  );
}
