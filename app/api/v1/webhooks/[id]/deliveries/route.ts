import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { listWebhookDeliveries } from "@/lib/webhooks/deliveries";

const list = operations.listWebhookDeliveries;

export const GET = withApiKey<{ id: string }>({ scope: list.scope, feature: "webhooks" }, async (request, ctx) => {
  const query = parseInput(list.query, Object.fromEntries(new URL(request.url).searchParams));
  return apiJson(await listWebhookDeliveries(ctx.org.id, ctx.params.id, query));
});
