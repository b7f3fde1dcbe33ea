import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { listPlatforms, registerPlatform } from "@/lib/lti/platforms";

const list = operations.listLtiPlatforms;
const create = operations.createLtiPlatform;

export const GET = withApiKey({ scope: list.scope, feature: "lti" }, async (_request, ctx) => apiJson({ data: await listPlatforms(ctx.org.id) }));

export const POST = withApiKey({ scope: create.scope, feature: "lti" }, async (request, ctx) => {
  const input = parseInput(create.body, ctx.body);
  return withIdempotency(request, ctx, async () =>
    apiJson(await registerPlatform(ctx.org.id, input, { apiKeyId: ctx.apiKey.id, ip: ctx.ip }), { status: create.successStatus }),
  );
});
