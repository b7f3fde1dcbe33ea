import "server-only";
import type { FieldErrors } from "@/lib/errors";
import { AppError, fieldErrorsFromZod } from "@/lib/errors";
import { analyticsQuerySchema, resolveRange, type AnalyticsQuery } from "./range";
import { analyticsAchievementOptions, analyticsSummary } from "./summary";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The dashboard's data for a URL's query. A person's mistake never breaks the page: bad dates
 * are reported by field and the default range is shown; an achievement of another organization
 * is reported and all achievements are shown.
 */
export async function loadAnalytics(organizationId: string, searchParams: SearchParams) {
  const raw = {
    from: firstValue(searchParams.from),
    to: firstValue(searchParams.to),
    achievementId: firstValue(searchParams.achievementId),
    compare: firstValue(searchParams.compare),
  };
  const parsed = analyticsQuerySchema.safeParse(raw);
  let query: AnalyticsQuery;
  let problems: FieldErrors = {};
  if (parsed.success) {
    query = parsed.data;
  } else {
    problems = fieldErrorsFromZod(parsed.error);
    // Keep what is still usable: the achievement, when only the dates were wrong.
    const achievementOnly = analyticsQuerySchema.safeParse({ achievementId: raw.achievementId });
    query = achievementOnly.success ? achievementOnly.data : {};
  }
  let achievementMissing = false;
  let summary;
  try {
    summary = await analyticsSummary(organizationId, resolveRange(query));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
    achievementMissing = true;
    summary = await analyticsSummary(organizationId, resolveRange({ ...query, achievementId: undefined }));
  }
  const achievements = await analyticsAchievementOptions(organizationId);
  return { summary, achievements, problems, achievementMissing, raw };
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
