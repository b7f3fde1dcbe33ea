import { analyticsCsvFilename, eventsCsvStream, MAX_EXPORT_EVENTS } from "@/lib/analytics/export";
import { analyticsQuerySchema, resolveRange } from "@/lib/analytics/range";
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { parseInput } from "@/lib/errors";

export const GET = withOrg<{ org: string }>({ role: REQUIRED_ROLE["analytics:read"], feature: "analytics" }, async (request, ctx) => {
  const range = resolveRange(parseInput(analyticsQuerySchema, Object.fromEntries(new URL(request.url).searchParams)));
  const stream = await eventsCsvStream(ctx.org.id, range);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${analyticsCsvFilename(ctx.org.slug, range, "events")}"`,
      "Cache-Control": "no-store",
      "X-Export-Max-Rows": String(MAX_EXPORT_EVENTS),
    },
  });
});
