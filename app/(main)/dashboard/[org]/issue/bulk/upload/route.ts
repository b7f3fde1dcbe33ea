// A route rather than a server action: files up to 10 MB exceed server actions' body limit.
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { createBulkJob, previewBulkUpload } from "@/lib/issuing/bulk/create-job";
import { readBulkUploadRequest } from "@/lib/issuing/bulk/upload-form";
import { scheduleFrom } from "@/lib/issuing/scheduled/schemas";

export const POST = withOrg<{ org: string }>({ role: REQUIRED_ROLE["credentials:issue"], feature: "bulkIssue" }, async (request, ctx) => {
  const { mode, when, ...upload } = await readBulkUploadRequest(request);
  if (mode === "preview") return Response.json({ preview: await previewBulkUpload(ctx.org.id, upload) });
  const schedule = scheduleFrom(when, new Date()) ?? undefined;
  const job = await createBulkJob(ctx.org.id, upload, { userId: ctx.user.id, ip: ctx.ip, source: "csv" }, schedule);
  return Response.json({ job }, { status: 202 });
});
