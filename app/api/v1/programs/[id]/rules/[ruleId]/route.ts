import { withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { deleteRule } from "@/lib/programs/manage";

export const DELETE = withApiKey<{ id: string; ruleId: string }>({ scope: operations.deleteProgramRule.scope, feature: "programs" }, async (_request, ctx) => {
  await deleteRule(ctx.org.id, ctx.params.id, ctx.params.ruleId, { ip: ctx.ip });
  return new Response(null, { status: operations.deleteProgramRule.successStatus, headers: { "Cache-Control": "no-store" } });
});
