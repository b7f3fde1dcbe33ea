import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { getEventsJob } from "@/lib/programs/events-csv/queries";

// What the progress bar polls every second while a file is processed.
export const GET = withOrg<{ org: string; programId: string; jobId: string }>({ role: REQUIRED_ROLE["programs:events"], feature: "programs" }, async (_request, ctx) =>
  Response.json(await getEventsJob(ctx.org.id, ctx.params.programId, ctx.params.jobId), { headers: { "Cache-Control": "no-store" } }),
);
