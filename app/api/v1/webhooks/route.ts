import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";

const list = operations.listWebhooks;
const create = operations.createWebhook;

export const GET = withApiKey({ scope: list.scope, feature: "webhooks" }, async (_request, ctx) =>
  apiJson({ data: await listWebhookEndpoints(ctx.org.id) }),
);

export const POST = withApiKey({ scope: create.scope, feature: "webhooks" }, async (request, ctx) => {
  const input = parseInput(create.body, ctx.body);
  return withIdempotency(request, ctx, async () =>
    apiJson(await createWebhookEndpoint(ctx.org.id, input, { apiKeyId: ctx.apiKey.id, ip: ctx.ip }), { status: create.successStatus }),
  );
});
