import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { listApiSsoConnections, saveApiSsoConnection } from "@/lib/sso/api";

const list = operations.listSsoConnections;
const create = operations.createSsoConnection;

export const GET = withApiKey({ scope: list.scope, feature: "sso" }, async (_request, ctx) => apiJson({ data: await listApiSsoConnections(ctx.org.id) }));

export const POST = withApiKey({ scope: create.scope, feature: "sso" }, async (request, ctx) => {
  const input = parseInput(create.body, ctx.body);
  return withIdempotency(request, ctx, async () =>
    apiJson(await saveApiSsoConnection(ctx.org.id, input, { apiKeyId: ctx.apiKey.id, ip: ctx.ip }), { status: create.successStatus }),
  );
});
