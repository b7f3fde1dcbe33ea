import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { getBulkJob } from "@/lib/issuing/bulk/queries";

// What the progress bar polls every second while a job runs.
export const GET = withOrg<{ org: string; jobId: string }>({ role: REQUIRED_ROLE["credentials:issue"] }, async (_request, ctx) =>
  Response.json(await getBulkJob(ctx.org.id, ctx.params.jobId), { headers: { "Cache-Control": "no-store" } }),
);
