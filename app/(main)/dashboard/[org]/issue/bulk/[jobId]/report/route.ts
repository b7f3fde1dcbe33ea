import { getLocale } from "next-intl/server";
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { bulkReportCsv } from "@/lib/issuing/bulk/report";

export const GET = withOrg<{ org: string; jobId: string }>({ role: REQUIRED_ROLE["credentials:issue"] }, async (_request, ctx) => {
  const report = await bulkReportCsv(ctx.org.id, ctx.params.jobId, ctx.user.locale ?? (await getLocale()));
  return new Response(report.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${report.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});
