import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { webhookSamples } from "@/lib/webhooks/deliveries";

export const GET = withApiKey<{ type: string }>({ scope: operations.getWebhookSample.scope, feature: "webhooks" }, async (_request, ctx) =>
  apiJson(await webhookSamples(ctx.org.id, ctx.params.type)),
);
