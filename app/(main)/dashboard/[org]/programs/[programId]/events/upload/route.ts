// A route rather than a server action: files up to 10 MB exceed server actions' body limit, and
// the body is read here with the limit as a stream (a chunked upload is cut off there).
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { createEventsCsvJob } from "@/lib/programs/events-csv/create-job";
import { readEventsUploadRequest } from "@/lib/programs/events-csv/upload-form";

export const POST = withOrg<{ org: string; programId: string }>({ role: REQUIRED_ROLE["programs:events"], feature: "programs" }, async (request, ctx) => {
  const upload = await readEventsUploadRequest(request);
  const job = await createEventsCsvJob(ctx.org.id, ctx.params.programId, upload, { userId: ctx.user.id, ip: ctx.ip });
  return Response.json({ job }, { status: 202 });
});
