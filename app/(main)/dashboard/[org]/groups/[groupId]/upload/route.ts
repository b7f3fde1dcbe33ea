// A route rather than a server action: member files up to 10 MB exceed server actions' body limit.
import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { importGroupMembers, readGroupImportRequest } from "@/lib/groups/import";

export const POST = withOrg<{ org: string; groupId: string }>({ role: REQUIRED_ROLE["credentials:issue"], feature: "bulkIssue" }, async (request, ctx) => {
  const text = await readGroupImportRequest(request);
  const result = await importGroupMembers(ctx.org.id, ctx.params.groupId, text, { userId: ctx.user.id, ip: ctx.ip });
  return Response.json({ imported: result });
});
