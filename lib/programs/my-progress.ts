import "server-only";
import { verifiedAddresses } from "@/lib/backpack/sync-entries";
import { db } from "@/lib/db";
import { learnerProgress } from "./progress";

/** One bar: how far the learner is toward one achievement of a target (a level) or pathway rule. */
export type ProgressBar = {
  ruleId: string;
  achievementId: string;
  /** The achievement the rule awards. */
  name: string;
  kind: "target" | "pathway";
  /** The metric counted (targets); pathways count badges. */
  metricLabel: string | null;
  current: number;
  target: number;
};

export type ProgramProgress = {
  programId: string;
  name: string;
  organization: { id: string; name: string };
  visibility: "public" | "members";
  bars: ProgressBar[];
  /** How many of the program's achievements the learner already holds. */
  earned: number;
  /** The badge closest to done: what to aim for next, or null when nothing is left. */
  suggested: ProgressBar | null;
};

/**
 * The programs a person takes part in (a ProgramLearner row for one of their verified
 * addresses) and how far they are toward each target, level and pathway. `publicOnly` leaves out
 * members-only programs, for the public profile; `programId` asks for one program (its page).
 */
export async function progressForUser(userId: string, options: { publicOnly?: boolean; locale?: string; programId?: string } = {}): Promise<ProgramProgress[]> {
  const addresses = await verifiedAddresses(userId);
  if (addresses.length === 0) return [];
  const places = await db.programLearner.findMany({
    where: {
      email: { in: addresses },
      ...(options.programId ? { programId: options.programId } : {}),
      program: { archivedAt: null, ...(options.publicOnly ? { visibility: "public" } : {}) },
    },
    orderBy: { createdAt: "asc" },
    select: {
      organizationId: true,
      programId: true,
      email: true,
      program: { select: { visibility: true, organization: { select: { id: true, name: true } } } },
    },
  });
  // Two of a person's addresses in one program: the first place counts, as one learner.
  const seen = new Set<string>();
  const result: ProgramProgress[] = [];
  for (const place of places) {
    if (seen.has(place.programId)) continue;
    seen.add(place.programId);
    const [progress] = await learnerProgress(place.organizationId, place.email, place.programId, options.locale);
    if (!progress) continue;
    const labelOf = new Map(progress.metrics.map((metric) => [metric.key, metric.label]));
    const bars: ProgressBar[] = progress.next
      .filter((rule): rule is typeof rule & { kind: "target" | "pathway" } => (rule.kind === "target" || rule.kind === "pathway") && rule.target > 0)
      .map((rule) => ({
        ruleId: rule.ruleId,
        achievementId: rule.achievementId,
        name: rule.name,
        kind: rule.kind,
        metricLabel: rule.kind === "target" ? (labelOf.get(rule.metric ?? "") ?? rule.metric) : null,
        current: Math.min(rule.current, rule.target),
        target: rule.target,
      }));
    result.push({
      programId: progress.programId,
      name: progress.name,
      organization: place.program.organization,
      visibility: place.program.visibility === "members" ? "members" : "public",
      bars,
      earned: progress.earned.filter((award) => award.status !== "revoked").length,
      suggested: suggestNext(bars),
    });
  }
  return result;
}

/** The bar nearest its end (by share done, then by what remains): the badge to suggest next. */
export function suggestNext(bars: ProgressBar[]): ProgressBar | null {
  let best: ProgressBar | null = null;
  for (const bar of bars) {
    if (!best) {
      best = bar;
      continue;
    }
    const share = bar.current / bar.target;
    const bestShare = best.current / best.target;
    if (share > bestShare || (share === bestShare && bar.target - bar.current < best.target - best.current)) best = bar;
  }
  return best;
}

/**
 * What /u/{handle} shows of a learner's progress: nothing unless they chose to show it, and then
 * public programs only (members-only ones stay between the learner and the organization).
 */
export async function publicProgressOf(profile: { id: string; showProgress: boolean }, locale?: string): Promise<ProgramProgress[]> {
  if (!profile.showProgress) return [];
  return progressForUser(profile.id, { publicOnly: true, locale });
}
