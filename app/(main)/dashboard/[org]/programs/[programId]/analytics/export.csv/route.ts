import { analyticsQuerySchema, resolveRange } from "@/lib/analytics/range";
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { parseInput } from "@/lib/errors";
import { programInsightsCsv, programInsightsCsvFilename } from "@/lib/programs/insights-export";
import { programInsights } from "@/lib/programs/insights";

export const GET = withOrg<{ org: string; programId: string }>({ role: REQUIRED_ROLE["programs:read"], feature: "programs" }, async (request, ctx) => {
  const range = resolveRange(parseInput(analyticsQuerySchema, Object.fromEntries(new URL(request.url).searchParams)));
  const insights = await programInsights(ctx.org.id, ctx.params.programId, range);
  return new Response(programInsightsCsv(insights), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${programInsightsCsvFilename(insights.program.id, range)}"`,
      "Cache-Control": "no-store",
    },
  });
});
