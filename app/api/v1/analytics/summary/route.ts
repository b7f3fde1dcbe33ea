import { presentAnalyticsSummary } from "@/lib/analytics/api";
import { resolveRange } from "@/lib/analytics/range";
import { analyticsSummary } from "@/lib/analytics/summary";
import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";

const summary = operations.getAnalyticsSummary;

export const GET = withApiKey({ scope: summary.scope, feature: "analytics" }, async (request, ctx) => {
  const query = parseInput(summary.query, Object.fromEntries(new URL(request.url).searchParams));
  return apiJson(presentAnalyticsSummary(await analyticsSummary(ctx.org.id, resolveRange(query))));
});
