import { getLocale } from "next-intl/server";
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { eventsReportCsv } from "@/lib/programs/events-csv/report";

export const GET = withOrg<{ org: string; programId: string; jobId: string }>({ role: REQUIRED_ROLE["programs:events"], feature: "programs" }, async (_request, ctx) => {
  const report = await eventsReportCsv(ctx.org.id, ctx.params.programId, ctx.params.jobId, ctx.user.locale ?? (await getLocale()));
  return new Response(report.csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${report.fileName}"`, "Cache-Control": "no-store" },
  });
});
