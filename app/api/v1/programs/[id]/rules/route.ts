import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { addRule, presentRule } from "@/lib/programs/manage";

const op = operations.addProgramRule;

export const POST = withApiKey<{ id: string }>({ scope: op.scope, feature: "programs" }, async (request, ctx) => {
  const rule = parseInput(op.body, ctx.body);
  return withIdempotency(request, ctx, async () => apiJson(presentRule(await addRule(ctx.org.id, ctx.params.id, rule, { ip: ctx.ip })), { status: op.successStatus }));
});
