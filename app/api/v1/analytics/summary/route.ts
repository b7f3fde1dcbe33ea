import { presentAnalyticsSummary } from "@/lib/analytics/api";
import { resolveRange } from "@/lib/analytics/range";
import { analyticsSummary } from "@/lib/analytics/summary";
import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { engagementEmailReport } from "@/lib/email/engagement/report";
import { presentProgramInsights } from "@/lib/programs/insights-api";
import { programInsights } from "@/lib/programs/insights";

const summary = operations.getAnalyticsSummary;

export const GET = withApiKey({ scope: summary.scope, feature: "analytics" }, async (request, ctx) => {
  const query = parseInput(summary.query, Object.fromEntries(new URL(request.url).searchParams));
  const range = resolveRange(query);
  // The program first: another organization's answers 404 before any other work.
  const program = query.programId ? presentProgramInsights(await programInsights(ctx.org.id, query.programId, range)) : null;
  return apiJson(presentAnalyticsSummary(await analyticsSummary(ctx.org.id, range), program, await engagementEmailReport(ctx.org.id, range)));
});
