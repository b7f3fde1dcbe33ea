import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { createProgram, listPrograms, presentProgram } from "@/lib/programs/manage";

const list = operations.listPrograms;
const create = operations.createProgram;

export const GET = withApiKey({ scope: list.scope, feature: "programs" }, async (request, ctx) => {
  const query = parseInput(list.query, Object.fromEntries(new URL(request.url).searchParams));
  const programs = await listPrograms(ctx.org.id, { includeArchived: query.archived === "true" });
  return apiJson({ data: programs.map(presentProgram) });
});

export const POST = withApiKey({ scope: create.scope, feature: "programs" }, async (request, ctx) => {
  const input = parseInput(create.body, ctx.body);
  return withIdempotency(request, ctx, async () => apiJson(presentProgram(await createProgram(ctx.org.id, input, { ip: ctx.ip })), { status: create.successStatus }));
});
