// A route rather than a server action: files up to 10 MB exceed server actions' body limit.
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { createBulkJob, previewBulkUpload } from "@/lib/issuing/bulk/create-job";
import { readBulkUploadRequest } from "@/lib/issuing/bulk/upload-form";

export const POST = withOrg<{ org: string }>({ role: REQUIRED_ROLE["credentials:issue"], feature: "bulkIssue" }, async (request, ctx) => {
  const { mode, ...upload } = await readBulkUploadRequest(request);
  if (mode === "preview") return Response.json({ preview: await previewBulkUpload(ctx.org.id, upload) });
  const job = await createBulkJob(ctx.org.id, upload, { userId: ctx.user.id, ip: ctx.ip, source: "csv" });
  return Response.json({ job }, { status: 202 });
});
