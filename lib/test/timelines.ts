/** One day in milliseconds. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A start time far ahead of every other test's data, 40 days from the next one: a reminder sweep
 * run on it finds the calling test's credentials only, not the whole suite's (test files share
 * one database and run at once). Each file takes its own block of numbers:
 * 0–9 lib/email/engagement/schedule.test.ts, 10–19 lib/email/engagement/unsubscribe.test.ts.
 */
export function timelineOfItsOwn(n: number): Date {
  return new Date(Date.now() + (400 + 40 * n) * DAY_MS);
}
