/** The emails that bring people back, each unsubscribable on its own. */
export const ENGAGEMENT_KINDS = ["claim_reminder", "expiry_reminder", "one_step_away", "level_reached", "re_engagement"] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

export function isEngagementKind(value: unknown): value is EngagementKind {
  return typeof value === "string" && (ENGAGEMENT_KINDS as readonly string[]).includes(value);
}

/** What an email of each kind is meant to lead to, as the analytics count it. */
export const ENGAGEMENT_GOAL: Record<EngagementKind, "claim" | "renewal" | "progress" | "share"> = {
  claim_reminder: "claim",
  expiry_reminder: "renewal",
  one_step_away: "progress",
  level_reached: "share",
  re_engagement: "progress",
};

/** Expiry reminders go this long before a credential's validUntil. */
export const EXPIRY_NOTICE_DAYS = 30;
/** "One step away" goes at most this often to one learner in one program. */
export const ONE_STEP_AWAY_EVERY_DAYS = 7;
/** "You reached" goes for awards issued this recently (not for those issued before the email existed). */
export const LEVEL_REACHED_WITHIN_DAYS = 7;
/**
 * A reminder whose day passed longer ago than this is dropped rather than sent late (the
 * scheduler was down): nobody wants a "3 days later" reminder a month later.
 */
export const LATE_GRACE_DAYS = 7;
/** Re-engagement invites learners whose idle spell began within this window past N days, not long-gone ones. */
export const RE_ENGAGEMENT_WINDOW_DAYS = 30;

export const DAY_MS = 86_400_000;
