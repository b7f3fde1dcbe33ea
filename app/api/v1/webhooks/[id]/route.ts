import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { deleteWebhookEndpoint, findWebhookEndpoint, presentEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";

const update = operations.updateWebhook;
const remove = operations.deleteWebhook;

export const GET = withApiKey<{ id: string }>({ scope: operations.getWebhook.scope, feature: "webhooks" }, async (_request, ctx) =>
  apiJson(presentEndpoint(await findWebhookEndpoint(ctx.org.id, ctx.params.id))),
);

export const PATCH = withApiKey<{ id: string }>({ scope: update.scope, feature: "webhooks" }, async (_request, ctx) => {
  const patch = parseInput(update.body, ctx.body);
  return apiJson(await updateWebhookEndpoint(ctx.org.id, ctx.params.id, patch, { apiKeyId: ctx.apiKey.id, ip: ctx.ip }));
});

export const DELETE = withApiKey<{ id: string }>({ scope: remove.scope, feature: "webhooks" }, async (_request, ctx) => {
  await deleteWebhookEndpoint(ctx.org.id, ctx.params.id, { apiKeyId: ctx.apiKey.id, ip: ctx.ip });
  return new Response(null, { status: remove.successStatus, headers: { "Cache-Control": "no-store" } });
});
