import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { parseInput } from "@/lib/errors";
import { attachmentHeaders, templateQuerySchema } from "@/lib/issuing/bulk/download";
import { bulkTemplateCsv } from "@/lib/issuing/bulk/template";

// The CSV template for one achievement: ?achievementId=…, and &example=1 for an example row.
export const GET = withOrg<{ org: string }>({ role: REQUIRED_ROLE["credentials:issue"], feature: "bulkIssue" }, async (request, ctx) => {
  const query = parseInput(templateQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const template = await bulkTemplateCsv(ctx.org.id, query.achievementId, { example: query.example === "1" });
  return new Response(template.csv, { headers: attachmentHeaders(template.fileName) });
});
