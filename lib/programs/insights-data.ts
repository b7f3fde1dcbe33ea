import "server-only";
import { analyticsQuerySchema, resolveRange, type AnalyticsQuery } from "@/lib/analytics/range";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/errors";
import { programInsights } from "./insights";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The program analytics page's data for a URL's query. Bad dates never break the page: they are
 * reported by field and the default range is shown. Another organization's program throws the
 * same not_found as a missing one.
 */
export async function loadProgramInsights(organizationId: string, programId: string, searchParams: SearchParams) {
  const raw = { from: firstValue(searchParams.from), to: firstValue(searchParams.to), compare: firstValue(searchParams.compare) };
  const parsed = analyticsQuerySchema.safeParse(raw);
  const query: AnalyticsQuery = parsed.success ? parsed.data : {};
  const problems: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  const insights = await programInsights(organizationId, programId, resolveRange(query));
  return { insights, problems, raw };
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
