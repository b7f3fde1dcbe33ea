import { getFormatter, getTranslations } from "next-intl/server";
import type { Leaderboard } from "@/lib/programs/leaderboard";

/** The program's leaderboard: only learners who opted in, by public handle or initials. */
export async function ProgramLeaderboard({ board, metricLabel, children }: { board: Leaderboard; metricLabel: string; children?: React.ReactNode }) {
  const [t, format] = await Promise.all([getTranslations("programPage.leaderboard"), getFormatter()]);
  return (
    <section aria-labelledby="leaderboard-title" data-testid="leaderboard">
      <h2 id="leaderboard-title" className="text-xl font-semibold text-stone-900">{t("title")}</h2>
      <p className="mt-1 text-sm text-stone-700">{t("subtitle", { metric: metricLabel, period: board.period })}</p>
      {board.entries.length === 0 ? (
        <p className="mt-3 text-stone-700">{t("empty")}</p>
      ) : (
        <table className="mt-3 w-full table-fixed border-collapse text-left text-sm">
          <caption className="sr-only">{t("subtitle", { metric: metricLabel, period: board.period })}</caption>
          <thead>
            <tr className="border-b border-stone-300 text-stone-700">
              <th scope="col" className="w-16 py-2 pr-2 font-semibold">{t("rank")}</th>
              <th scope="col" className="py-2 pr-2 font-semibold">{t("learner")}</th>
              <th scope="col" className="w-28 py-2 text-right font-semibold break-words">{metricLabel}</th>
            </tr>
          </thead>
          <tbody>
            {board.entries.map((entry, index) => (
              <tr key={index} className={entry.you ? "border-b border-stone-200 bg-brand-50 font-semibold" : "border-b border-stone-200"} data-testid="leaderboard-row">
                <td className="py-2 pr-2 tabular-nums text-stone-900">{entry.rank}</td>
                <td className="py-2 pr-2 break-words text-stone-900">
                  {entry.handle ? (
                    <a href={`/u/${encodeURIComponent(entry.handle)}`} className="link">@{entry.handle}</a>
                  ) : (
                    <span>
                      <span aria-hidden="true">{entry.initials}</span>
                      <span className="sr-only">{t("initialsLabel", { initials: entry.initials })}</span>
                    </span>
                  )}
                  {entry.you && <span className="ml-2 text-xs font-normal text-stone-700">({t("you")})</span>}
                </td>
                <td className="py-2 text-right tabular-nums text-stone-900">{format.number(entry.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {children}
    </section>
  );
}
