import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { getProgram, presentProgram, updateProgram } from "@/lib/programs/manage";

const update = operations.updateProgram;

export const GET = withApiKey<{ id: string }>({ scope: operations.getProgram.scope, feature: "programs" }, async (_request, ctx) =>
  apiJson(presentProgram(await getProgram(ctx.org.id, ctx.params.id))),
);

export const PATCH = withApiKey<{ id: string }>({ scope: update.scope, feature: "programs" }, async (_request, ctx) => {
  const patch = parseInput(update.body, ctx.body);
  return apiJson(presentProgram(await updateProgram(ctx.org.id, ctx.params.id, patch, { ip: ctx.ip })));
});
