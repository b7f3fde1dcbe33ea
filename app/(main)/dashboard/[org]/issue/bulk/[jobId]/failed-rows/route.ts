import { getLocale } from "next-intl/server";
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { attachmentHeaders } from "@/lib/issuing/bulk/download";
import { failedRowsCsv } from "@/lib/issuing/bulk/failed-rows";

// The rows not issued, with the file's columns and an error column, to correct and upload again.
export const GET = withOrg<{ org: string; jobId: string }>({ role: REQUIRED_ROLE["credentials:issue"] }, async (_request, ctx) => {
  const file = await failedRowsCsv(ctx.org.id, ctx.params.jobId, ctx.user.locale ?? (await getLocale()));
  return new Response(file.csv, { headers: attachmentHeaders(file.fileName) });
});
